/// Webhooks from Swift: tests create receivers' webhooks, tune delivery and wait until every delivery is done.
extension ZendeskSandbox {
    /// Creates an active webhook (`POST`, JSON) as the admin and returns its id and signing secret.
    /// - Parameter subscriptions: `["conditional_ticket_events"]` (fired by triggers) or event types such as
    ///   `zen:event-type:ticket.created`.
    @discardableResult
    public func createWebhook(
        name: String, endpoint: String, subscriptions: [String] = ["conditional_ticket_events"]
    ) throws(ZendeskSandboxError) -> (id: String, secret: String) {
        let object = JSONValue.object([
            "name": .string(name), "endpoint": .string(endpoint), "http_method": .string("POST"),
            "request_format": .string("json"), "status": .string("active"),
            "subscriptions": .array(subscriptions.map(JSONValue.string)),
        ])
        switch services.webhooks.create(object, actorID: adminUserID, now: services.clock()) {
        case .success(let webhook): return (webhook.id, webhook.signingSecret)
        case .failure(let error): throw ZendeskSandboxError(error, "webhook")
        }
    }

    /// The current signing secret of a webhook, or `nil` if there is no such webhook.
    public func webhookSecret(id: String) -> String? {
        services.webhooks.webhook(id)?.signingSecret
    }

    /// Replaces the delivery knobs (duplicate probability and seed, timeout, retry delays); applies to new
    /// deliveries and to the next step of pending ones.
    public func setWebhookDelivery(_ options: WebhookDeliveryOptions) {
        services.deliverer.setOptions(options)
    }

    public var webhookDelivery: WebhookDeliveryOptions { services.deliverer.options }

    /// Every request made to webhook endpoints so far (retries and duplicates included), oldest first.
    public func webhookDeliveries() -> [SandboxWebhookDelivery] {
        services.deliverer.log.deliveries()
    }

    /// Forgets recorded deliveries and invocations.
    public func clearWebhookDeliveries() {
        services.deliverer.log.clear()
    }

    /// Waits until no delivery is in flight or waiting for a retry; `false` if `timeout` passed first.
    @discardableResult
    public func waitForDeliveries(timeout: Duration = .seconds(30)) async -> Bool {
        await services.deliverer.waitUntilIdle(timeout: timeout)
    }
}

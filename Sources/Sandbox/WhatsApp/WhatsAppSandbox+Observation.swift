import Foundation

extension WhatsAppSandbox {
    /// Messages the business sent (optionally only to one recipient), oldest first, with their status history.
    public func sentMessages(to waID: String? = nil) -> [WhatsAppSentMessage] {
        let id = waID.map { WhatsAppID.normalise($0) ?? $0 }
        return services.state.withLock { state in state.messages.filter { id == nil || $0.waID == id } }
    }

    public func sentMessage(_ id: String) -> WhatsAppSentMessage? {
        services.state.withLock { state in state.messageIndex[id].map { state.messages[$0] } }
    }

    /// `message_id`s the business marked as read.
    public func readReceipts() -> [String] {
        services.state.withLock { $0.readReceipts }
    }

    /// Webhooks sent or being sent, oldest first, with their attempts.
    public func webhooks() -> [WhatsAppWebhookRecord] {
        services.webhooks.records()
    }

    /// The outcome of the GET verification handshake against the current callback URL.
    public var webhookVerification: WhatsAppWebhookVerification {
        services.webhooks.verification
    }

    /// Runs the handshake again now; `true` when the callback echoed the challenge.
    @discardableResult
    public func verifyWebhook() async -> Bool {
        await services.webhooks.verifyNow()
    }

    // MARK: Runtime settings

    /// Points webhooks somewhere else (or nowhere); secret and verify token stay unless given. A new target is
    /// verified again before the next delivery.
    public func setWebhook(url: String?, appSecret: String? = nil, verifyToken: String? = nil) {
        var target = services.webhooks.target
        target.url = url
        if let appSecret { target.appSecret = appSecret }
        if let verifyToken { target.verifyToken = verifyToken }
        services.webhooks.setTarget(target)
    }

    public var webhookURL: String? { services.webhooks.target.url }

    public func setWebhookOptions(_ options: WhatsAppWebhookOptions) {
        services.webhooks.setOptions(options)
    }

    public func setStatusTiming(_ timing: StatusTiming) {
        services.state.withLock { $0.timing = timing }
    }

    public func setThroughput(perSecond limit: Int) {
        services.state.withLock { $0.throughput.limit = max(1, limit) }
    }

    public func setPairRateLimit(_ rule: PairRateLimit) {
        services.state.withLock { $0.pairLimit.rule = rule }
    }

    // MARK: Faults

    /// The next `fault.count` sends fail with the fault's code and HTTP status (queued after earlier faults).
    public func injectFault(_ fault: WhatsAppFault) {
        services.state.withLock { $0.faults.append(fault) }
    }

    public func pendingFaults() -> [WhatsAppFault] {
        services.state.withLock { $0.faults }
    }

    public func clearFaults() {
        services.state.withLock { $0.faults.removeAll() }
    }
}

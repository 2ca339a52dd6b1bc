import Foundation

/// The parts of one Zendesk sandbox that requests and the Swift API share: data, budgets, faults, log, auth, and the
/// account configuration behind flows (webhooks, triggers, macros) with the deliverer that sends webhooks.
struct ZendeskServices: Sendable {
    let store: ZendeskStore
    let api: ZendeskAPI
    let rateLimiter: RateLimiter
    let faults: FaultInjector
    let log: RequestLog
    let authenticator: Authenticator
    let oauth: OAuthGrants
    let webhooks: WebhookRegistry
    let triggers: RecordTable<TriggerRecord>
    let macros: RecordTable<MacroRecord>
    let deliverer: WebhookDeliverer
    /// `host:port` the server listens on, set once it runs (for links rendered into webhook bodies).
    let publicHost: Locked<String>
    let clock: @Sendable () -> Date

    init(configuration: ZendeskSandboxConfiguration) {
        let layout = DatasetLayout(configuration: configuration)
        store = ZendeskStore(layout: layout, clock: configuration.now)
        rateLimiter = RateLimiter(spec: configuration.rateLimits)
        faults = FaultInjector(mix: configuration.faults,
                               seed: configuration.faultSeed ?? SplitMix64.mix(configuration.seed ^ 0xFA17))
        log = RequestLog(capacity: configuration.requestLogCapacity)
        oauth = OAuthGrants(clients: configuration.oauthClients, consent: configuration.oauthConsent,
                            codeLifetime: configuration.oauthCodeLifetime)
        authenticator = Authenticator(credentials: configuration.credentials, oauthTokens: configuration.oauthTokens,
                                      adminEmail: configuration.adminEmail, issued: oauth)
        clock = configuration.now
        webhooks = WebhookRegistry()
        triggers = RecordTable(firstID: TriggerRecord.firstID)
        macros = ZendeskServices.defaultMacros()
        deliverer = WebhookDeliverer(options: configuration.webhookDelivery,
                                     seed: SplitMix64.mix(configuration.seed ^ 0xD0_0B1E), clock: configuration.now)
        publicHost = Locked("127.0.0.1:0")
        api = ZendeskAPI(store: store, exportLag: configuration.exportLag, webhooks: webhooks,
                         deliveries: deliverer.log, triggers: triggers, macros: macros, clock: configuration.now)
        let fanout = WebhookFanout(store: store, webhooks: webhooks, triggers: triggers, deliverer: deliverer,
                                   host: publicHost, clock: configuration.now)
        store.observeTicketChanges { changes in fanout.ticketsChanged(changes) }
    }

    /// The macros a new account has, dated at the dataset's start.
    private static func defaultMacros() -> RecordTable<MacroRecord> {
        let table = RecordTable<MacroRecord>(firstID: MacroRecord.firstID)
        for (position, (title, actions, description)) in MacroRecord.defaults.enumerated() {
            _ = table.insert { id in
                .success(MacroRecord(id: id, title: title, active: true, isDefault: true, position: position,
                                     description: description, actions: actions, restriction: .null,
                                     createdAt: DatasetLayout.t0, updatedAt: DatasetLayout.t0))
            }
        }
        return table
    }
}

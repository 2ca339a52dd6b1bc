import Foundation

/// The parts of one Zendesk sandbox that requests and the Swift API share: data, budgets, faults, log and auth.
struct ZendeskServices: Sendable {
    let store: ZendeskStore
    let api: ZendeskAPI
    let rateLimiter: RateLimiter
    let faults: FaultInjector
    let log: RequestLog
    let authenticator: Authenticator
    let clock: @Sendable () -> Date

    init(configuration: ZendeskSandboxConfiguration) {
        let layout = DatasetLayout(configuration: configuration)
        store = ZendeskStore(layout: layout, clock: configuration.now)
        api = ZendeskAPI(store: store, exportLag: configuration.exportLag)
        rateLimiter = RateLimiter(spec: configuration.rateLimits)
        faults = FaultInjector(mix: configuration.faults,
                               seed: configuration.faultSeed ?? SplitMix64.mix(configuration.seed ^ 0xFA17))
        log = RequestLog(capacity: configuration.requestLogCapacity)
        authenticator = Authenticator(credentials: configuration.credentials, oauthTokens: configuration.oauthTokens,
                                      adminEmail: configuration.adminEmail)
        clock = configuration.now
    }
}

/// The parts of one Consonance sandbox that requests and the Swift API share: the catalogue, the key, faults, the
/// page size and the request log.
struct ConsonanceServices: Sendable {
    let store: ConsonanceStore
    let authenticator: APIKeyAuthenticator
    let faults: FaultInjector
    let overReportChanges: Locked<Double>
    let log: ConsonanceRequestLog
    let pageSize: Int

    init(configuration: ConsonanceSandboxConfiguration) {
        let generator = CatalogueGenerator(seed: configuration.seed, workCount: max(0, configuration.workCount),
                                           today: configuration.today)
        store = ConsonanceStore(generator.generate())
        authenticator = APIKeyAuthenticator(key: configuration.apiKey)
        faults = FaultInjector(mix: configuration.faults,
                               seed: configuration.faultSeed ?? SplitMix64.mix(configuration.seed ^ 0xC0_750A))
        overReportChanges = Locked(min(1, max(0, configuration.overReportChanges)))
        log = ConsonanceRequestLog(capacity: configuration.requestLogCapacity)
        pageSize = max(1, configuration.pageSize)
    }

    /// A fresh resolver context for one GraphQL request.
    func resolverContext() -> ResolverContext {
        ResolverContext(store: store, pageSize: pageSize, overReportChanges: overReportChanges.withLock { $0 })
    }
}

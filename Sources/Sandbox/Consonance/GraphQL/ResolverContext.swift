/// What every resolver of one request receives as GraphQL `context`: the store, the page size and the over-report
/// setting in force, and the request's catalogue snapshot (taken on first use, renewed after each mutation).
final class ResolverContext: Sendable {
    let store: ConsonanceStore
    let pageSize: Int
    let overReportChanges: Double
    private let current: Locked<CatalogueSnapshot?>

    init(store: ConsonanceStore, pageSize: Int, overReportChanges: Double) {
        self.store = store
        self.pageSize = pageSize
        self.overReportChanges = overReportChanges
        current = Locked(nil)
    }

    /// The request's snapshot; the first caller takes it.
    func snapshot() -> CatalogueSnapshot {
        current.withLock { snapshot in
            if let snapshot { return snapshot }
            let taken = store.snapshot()
            snapshot = taken
            return taken
        }
    }

    /// Runs a change on the store and returns its result with a snapshot that includes it. Mutation fields run one
    /// after another, so later fields of the request see the change.
    func mutate<Result>(_ body: (inout Catalogue) throws(ConsonanceSandboxError) -> Result)
        -> (Swift.Result<Result, ConsonanceSandboxError>, CatalogueSnapshot)
    {
        let outcome: Swift.Result<Result, ConsonanceSandboxError>
        do {
            outcome = .success(try store.mutate(body))
        } catch {
            outcome = .failure(error)
        }
        let snapshot = store.snapshot()
        current.withLock { $0 = snapshot }
        return (outcome, snapshot)
    }
}

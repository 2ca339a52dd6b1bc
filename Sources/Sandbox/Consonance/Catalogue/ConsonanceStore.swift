/// The live catalogue of one Consonance sandbox, guarded by a lock.
///
/// GraphQL resolvers, admin endpoints and the Swift API all go through it: reads take a snapshot, changes run a
/// closure on the catalogue under the lock (keep them short; no `await`).
final class ConsonanceStore: Sendable {
    private let state: Locked<Catalogue>

    init(_ catalogue: Catalogue) {
        state = Locked(catalogue)
    }

    func snapshot() -> CatalogueSnapshot {
        state.withLock { CatalogueSnapshot($0) }
    }

    func read<Result>(_ body: (Catalogue) -> Result) -> Result {
        state.withLock { body($0) }
    }

    func mutate<Result>(_ body: (inout Catalogue) throws(ConsonanceSandboxError) -> Result) throws(ConsonanceSandboxError) -> Result {
        try state.withLock { (catalogue: inout Catalogue) throws(ConsonanceSandboxError) -> Result in try body(&catalogue) }
    }

    var today: SandboxDate { state.withLock { $0.today } }

    /// Moves the calendar; later changes are stamped with `date`.
    func setToday(_ date: SandboxDate) {
        state.withLock { $0.today = date }
    }
}

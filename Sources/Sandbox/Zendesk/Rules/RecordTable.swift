/// Account configuration with sequential ids (triggers, macros), held in memory under a lock.
///
/// Unlike tickets and users these records are few and never generated, so a plain dictionary is enough.
final class RecordTable<Record: Sendable>: Sendable {
    private struct State: Sendable {
        var records: [Int64: Record] = [:]
        var nextID: Int64
    }

    private let state: Locked<State>

    init(firstID: Int64) {
        state = Locked(State(nextID: firstID))
    }

    /// Every record in id order.
    func all() -> [Record] {
        state.withLock { state in state.records.keys.sorted().map { state.records[$0]! } }
    }

    func record(_ id: Int64) -> Record? {
        state.withLock { $0.records[id] }
    }

    /// Builds a record with the next id and stores it unless `make` fails.
    func insert(_ make: (Int64) -> Result<Record, MutationError>) -> Result<Record, MutationError> {
        state.withLock { state in
            let result = make(state.nextID)
            if case .success(let record) = result {
                state.records[state.nextID] = record
                state.nextID += 1
            }
            return result
        }
    }

    /// Replaces a record with `change(record)` unless it fails; `.notFound` when there is none.
    func update(_ id: Int64, _ change: (Record) -> Result<Record, MutationError>) -> Result<Record, MutationError> {
        state.withLock { state in
            guard let existing = state.records[id] else { return .failure(.notFound) }
            let result = change(existing)
            if case .success(let record) = result { state.records[id] = record }
            return result
        }
    }

    /// Removes a record; `false` if there was none.
    func remove(_ id: Int64) -> Bool {
        state.withLock { $0.records.removeValue(forKey: id) != nil }
    }
}

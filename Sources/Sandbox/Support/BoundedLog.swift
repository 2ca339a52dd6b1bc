/// A bounded, thread-safe log (oldest entries dropped first): what a sandbox received, for tests and
/// `GET /_sandbox/requests`.
final class BoundedLog<Record: Sendable>: Sendable {
    private let capacity: Int
    private let entries: Locked<[Record]>

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        entries = Locked([])
    }

    func append(_ record: Record) {
        entries.withLock { entries in
            entries.append(record)
            // Trim in chunks so appending stays amortised O(1).
            if entries.count > capacity + capacity / 8 + 1 { entries.removeFirst(entries.count - capacity) }
        }
    }

    func records() -> [Record] {
        entries.withLock { Array($0.suffix(capacity)) }
    }

    func clear() {
        entries.withLock { $0.removeAll() }
    }
}

/// Position of a record in an export stream: records are ordered by timestamp, then id.
struct ExportKey: Comparable, Hashable, Sendable {
    var timestamp: Int64
    var id: Int64

    static func < (lhs: ExportKey, rhs: ExportKey) -> Bool {
        lhs.timestamp != rhs.timestamp ? lhs.timestamp < rhs.timestamp : lhs.id < rhs.id
    }

    /// The position just before every record stamped `timestamp` or later (ids are positive).
    static func before(timestamp: Int64) -> ExportKey {
        ExportKey(timestamp: timestamp, id: 0)
    }
}

/// The export keys of stored (mutated or created) records, kept sorted so an export can seek by binary search.
struct ExportIndex: Sendable {
    private(set) var keys: [ExportKey] = []

    /// Moves a record from `old` (if it was indexed) to `new`.
    mutating func move(from old: ExportKey?, to new: ExportKey) {
        if let old, let position = exactPosition(of: old) { keys.remove(at: position) }
        keys.insert(new, at: firstPosition(after: new))
    }

    /// Index of the first key strictly after `key`.
    func firstPosition(after key: ExportKey) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] <= key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func exactPosition(of key: ExportKey) -> Int? {
        let position = firstPosition(after: key) - 1
        return position >= 0 && keys[position] == key ? position : nil
    }
}

/// One candidate record of an export page: its key and where to find it (a base index or a stored id/position).
struct ExportEntry<Reference: Sendable>: Sendable {
    var key: ExportKey
    var reference: Reference
}

/// Where a record of an export page lives.
enum RecordReference: Sendable, Equatable {
    /// Generated record with this base index.
    case base(Int)
    /// Stored record with this id (or, for audits, this position in the stored list).
    case stored(Int64)
}

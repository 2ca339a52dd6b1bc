/// Merges two key-ordered streams of export entries (generated records and stored records) into one ordered stream,
/// stopping at the first record newer than the export cutoff.
struct MergedExportIterator<Base: IteratorProtocol, Stored: IteratorProtocol>: IteratorProtocol
where Base.Element == ExportEntry<RecordReference>, Stored.Element == ExportEntry<RecordReference> {
    private var base: Base
    private var stored: Stored
    private var nextBase: ExportEntry<RecordReference>?
    private var nextStored: ExportEntry<RecordReference>?
    private let cutoff: Int64

    init(base: Base, stored: Stored, cutoff: Int64) {
        self.base = base
        self.stored = stored
        self.cutoff = cutoff
        nextBase = self.base.next()
        nextStored = self.stored.next()
    }

    mutating func next() -> ExportEntry<RecordReference>? {
        let chosen: ExportEntry<RecordReference>
        switch (nextBase, nextStored) {
        case (nil, nil):
            return nil
        case (let entry?, nil):
            chosen = entry
            nextBase = base.next()
        case (nil, let entry?):
            chosen = entry
            nextStored = stored.next()
        case (let left?, let right?):
            if left.key < right.key {
                chosen = left
                nextBase = base.next()
            } else {
                chosen = right
                nextStored = stored.next()
            }
        }
        return chosen.key.timestamp <= cutoff ? chosen : nil
    }
}

/// Entries of stored records, from an `ExportIndex` starting at a position.
struct StoredExportIterator: IteratorProtocol {
    let keys: [ExportKey]
    var position: Int

    mutating func next() -> ExportEntry<RecordReference>? {
        guard position < keys.count else { return nil }
        defer { position += 1 }
        return ExportEntry(key: keys[position], reference: .stored(keys[position].id))
    }
}

/// Entries of generated records `index…count`, skipping those that were mutated (their stored copy is exported
/// instead, at its new position).
struct BaseExportIterator: IteratorProtocol {
    var index: Int
    let count: Int
    let key: (Int) -> ExportKey
    let isStored: (Int64) -> Bool

    mutating func next() -> ExportEntry<RecordReference>? {
        while index <= count {
            let current = index
            index += 1
            let entryKey = key(current)
            if isStored(entryKey.id) { continue }
            return ExportEntry(key: entryKey, reference: .base(current))
        }
        return nil
    }
}

/// Page assembly for the two export styles.
enum ExportPaging {
    /// Cursor style: up to `limit` entries, and whether more are available now.
    static func cursorPage<Iterator: IteratorProtocol>(
        _ iterator: inout Iterator, limit: Int
    ) -> (entries: [Iterator.Element], hasMore: Bool) {
        var entries: [Iterator.Element] = []
        entries.reserveCapacity(min(limit, 1024))
        while entries.count < limit, let entry = iterator.next() { entries.append(entry) }
        let hasMore = entries.count == limit && iterator.next() != nil
        return (entries, hasMore)
    }

    /// Time style: up to `limit` entries, extended so that a group of entries sharing one timestamp is never split.
    static func timePage<Iterator: IteratorProtocol>(
        _ iterator: inout Iterator, limit: Int
    ) -> [Iterator.Element] where Iterator.Element == ExportEntry<RecordReference> {
        var entries: [Iterator.Element] = []
        entries.reserveCapacity(min(limit, 1024))
        while entries.count < limit, let entry = iterator.next() { entries.append(entry) }
        guard entries.count == limit, let lastTimestamp = entries.last?.key.timestamp else { return entries }
        while let entry = iterator.next(), entry.key.timestamp == lastTimestamp { entries.append(entry) }
        return entries
    }
}

/// Entries of generated audits in `(ticket index, comment k)` order, which is also their key order because base
/// comment times strictly increase. The reference packs both numbers as `.base(index * 16 + k)`.
struct BaseAuditExportIterator: IteratorProtocol {
    let layout: DatasetLayout
    private var index: Int
    private var k: Int
    private var commentCount: Int

    /// Starts at the first generated audit strictly after `position`.
    init(layout: DatasetLayout, after position: ExportKey) {
        self.layout = layout
        index = layout.firstTicket(updatedAtOrAfter: position.timestamp)
        k = 0
        commentCount = index <= layout.ticketCount ? layout.commentCount(ticket: index) : 0
        while let key = currentKey(), key <= position { advance() }
    }

    static func unpack(_ packed: Int) -> (index: Int, k: Int) {
        (packed / 16, packed % 16)
    }

    mutating func next() -> ExportEntry<RecordReference>? {
        guard let key = currentKey() else { return nil }
        let entry = ExportEntry(key: key, reference: RecordReference.base(index * 16 + k))
        advance()
        return entry
    }

    private func currentKey() -> ExportKey? {
        guard index <= layout.ticketCount else { return nil }
        return ExportKey(timestamp: layout.commentTime(ticket: index, comment: k),
                         id: layout.auditID(ticket: index, comment: k))
    }

    private mutating func advance() {
        k += 1
        if k >= commentCount {
            index += 1
            k = 0
            commentCount = index <= layout.ticketCount ? layout.commentCount(ticket: index) : 0
        }
    }
}

/// Entries of stored audits (kept sorted by key), from the first one strictly after a position; the reference is the
/// audit's position in the stored list.
struct StoredAuditExportIterator: IteratorProtocol {
    let audits: [AuditRecord]
    private var position: Int

    init(audits: [AuditRecord], after key: ExportKey) {
        self.audits = audits
        var low = 0
        var high = audits.count
        while low < high {
            let middle = (low + high) / 2
            if audits[middle].exportKey <= key { low = middle + 1 } else { high = middle }
        }
        position = low
    }

    mutating func next() -> ExportEntry<RecordReference>? {
        guard position < audits.count else { return nil }
        defer { position += 1 }
        return ExportEntry(key: audits[position].exportKey, reference: .stored(Int64(position)))
    }
}

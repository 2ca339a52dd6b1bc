/// Everything that changed since the dataset was generated: created and mutated records, deletions and new audits.
///
/// The overlay is a value, so a request handler can take a snapshot in O(1) and read it without holding the lock
/// while mutations continue on the store's copy. Only changed records are stored; untouched ones stay generated.
struct DataOverlay: Sendable {
    var tickets: [Int64: StoredTicket] = [:]
    var ticketKeys = ExportIndex()
    /// Sorted ids of deleted tickets.
    var deletedTicketIDs: [Int64] = []
    var nextTicketID: Int64

    var users: [Int64: UserRecord] = [:]
    var userKeys = ExportIndex()
    /// Lower-cased e-mail → id, for stored users.
    var userEmails: [String: Int64] = [:]
    /// Lower-cased external id → id, for stored users.
    var userExternalIDs: [String: Int64] = [:]
    var nextUserIndex: Int

    var organizations: [Int64: OrganizationRecord] = [:]
    var organizationKeys = ExportIndex()
    /// Sorted ids of deleted organizations.
    var deletedOrganizationIDs: [Int64] = []
    /// Lower-cased name → id, for stored organizations.
    var organizationNames: [String: Int64] = [:]
    var nextOrganizationIndex: Int

    /// Audits of mutations, sorted by export key.
    var audits: [AuditRecord] = []
    var commentSequence: Int64 = 0
    var auditSequence: Int64 = 0
    var childEventSequence: Int64 = 0

    /// Incremented by every mutation (invalidates derived caches such as tag counts).
    var version = 0

    /// Ticket changes not yet announced to webhooks and triggers; the store drains this after every mutation.
    var unannouncedChanges: [TicketChange] = []

    init(layout: DatasetLayout) {
        nextTicketID = Int64(layout.ticketCount) + 1
        nextUserIndex = layout.userCount + 1
        nextOrganizationIndex = layout.organizationCount + 1
    }

    mutating func nextCommentID() -> Int64 {
        commentSequence += 1
        return DatasetLayout.createdCommentIDBase + commentSequence
    }

    mutating func nextAuditID() -> Int64 {
        auditSequence += 1
        return DatasetLayout.createdAuditIDBase + auditSequence
    }

    mutating func nextChildEventID() -> Int64 {
        childEventSequence += 1
        return DatasetLayout.createdChildEventIDBase + childEventSequence
    }

    /// Appends an audit, keeping the list sorted even if the clock went backwards.
    mutating func append(_ audit: AuditRecord) {
        if let last = audits.last, audit.exportKey < last.exportKey {
            let position = audits.firstIndex { $0.exportKey > audit.exportKey } ?? audits.count
            audits.insert(audit, at: position)
        } else {
            audits.append(audit)
        }
    }

    /// The ticket changes since the last call, oldest first.
    mutating func takeUnannouncedChanges() -> [TicketChange] {
        guard !unannouncedChanges.isEmpty else { return [] }
        defer { unannouncedChanges.removeAll() }
        return unannouncedChanges
    }

    static func insertSorted(_ id: Int64, into ids: inout [Int64]) {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        if low == ids.count || ids[low] != id { ids.insert(id, at: low) }
    }
}

/// A ticket that was created or changed: its current fields and the comments added after generation.
struct StoredTicket: Sendable {
    var record: TicketRecord
    /// Index of the generated ticket this one started from (its generated comments come first).
    var baseIndex: Int?
    var addedComments: [CommentRecord]
}

/// A ticket audit: one change to a ticket, with its child events (reference §5.2 and §5.9).
///
/// Audits feed both the `audit` member of create/update responses and the `ticket_events` incremental export.
struct AuditRecord: Sendable, Equatable {
    var id: Int64
    var ticketID: Int64
    var createdAt: Int64
    var authorID: Int64
    var via: ViaChannel
    var events: [AuditEvent]
    /// `metadata.custom`: what the client sent as the update's `metadata` (empty for generated audits).
    var customMetadata: [String: JSONValue] = [:]

    var exportKey: ExportKey { ExportKey(timestamp: createdAt, id: id) }
}

/// One child event of an audit.
enum AuditEvent: Sendable, Equatable {
    /// A comment (public reply or internal note).
    case comment(CommentRecord)
    /// A field's initial value when the ticket was created.
    case create(id: Int64, field: String, value: JSONValue)
    /// A field change, with the previous value.
    case change(id: Int64, field: String, value: JSONValue, previous: JSONValue)

    var isComment: Bool {
        if case .comment = self { return true }
        return false
    }
}

/// A comment to add, as sent in `ticket.comment`.
struct CommentInput: Sendable, Equatable {
    var body: String?
    var htmlBody: String?
    var isPublic: Bool = true
    var authorID: Int64?

    /// Plain text of the comment (derived from the HTML body when only that was sent).
    var text: String {
        if let body, !body.isEmpty { return body }
        return htmlBody.map(CommentRecord.text(fromHTML:)) ?? ""
    }
}

/// A new ticket, as sent to `POST /tickets` or `ZendeskSandbox.createTicket`.
struct NewTicketInput: Sendable, Equatable {
    var subject: String?
    var comment: CommentInput?
    var requesterID: Int64?
    /// `requester: {name, email}` — finds or creates the end user.
    var requesterName: String?
    var requesterEmail: String?
    var assigneeID: Int64?
    var groupID: Int64?
    var status: String?
    var priority: String?
    var type: String?
    var tags: [String] = []
    var customFields: [CustomFieldValue] = []
    var externalID: String?
    /// Stored as the creation audit's `metadata.custom`.
    var customMetadata: [String: JSONValue]?
}

/// Changes to an existing ticket, as sent to `PUT /tickets/{id}` or made by the ticket tag endpoints.
struct TicketChanges: Sendable, Equatable {
    var subject: String?
    var status: String?
    var priority: FieldUpdate<String> = .keep
    var type: FieldUpdate<String> = .keep
    var assigneeID: FieldUpdate<Int64> = .keep
    var groupID: FieldUpdate<Int64> = .keep
    var externalID: FieldUpdate<String> = .keep
    var customFields: [CustomFieldValue]?
    var tags: TagEdit?
    var comment: CommentInput?
    /// Stored as the audit's `metadata.custom`.
    var customMetadata: [String: JSONValue]?
    /// With `safe_update`: the `updated_at` the client last saw; a different one refuses the change (409).
    var safeUpdateStamp: Int64?
}

/// The outcome of a ticket change: the ticket after it and the audit describing it.
struct TicketChangeResult: Sendable {
    var ticket: TicketRecord
    var audit: AuditRecord
}

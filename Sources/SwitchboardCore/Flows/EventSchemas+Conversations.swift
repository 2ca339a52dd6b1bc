import Foundation

/// The records of the Consonance ↔ WhatsApp conversation recipes as `switchboard` flows read them: acquisition
/// opportunities from pitches, metadata proposals and royalty statements.
extension EventSchemas {
    /// `opportunity.created`, `opportunity.updated`: a pitch and its follow-ups; `text` is the message that caused the event.
    public static let opportunity: FieldType = .object([
        "id": .string, "status": .oneOf(["open", "accepted", "declined", "closed"]), "connection": .string, "wa_id": .string,
        "contact_id": .optional(.string), "sender_name": .optional(.string), "summary": .optional(.string), "text": .optional(.string),
        "message_count": .integer, "attachment_count": .integer, "isbn13": .optional(.string), "work_id": .optional(.integer),
        "title": .optional(.string), "url": .string,
    ])

    /// `metadata.proposed`, `metadata.confirmed`, `metadata.corrected`; `summary` is the proposed values on one line.
    public static let proposal: FieldType = .object([
        "id": .string, "status": .oneOf(["proposed", "confirmed", "corrected"]), "isbn13": .string, "work_id": .optional(.integer),
        "title": .string, "subtitle": .optional(.string), "contributors": .optional(.string), "cover_copy": .optional(.string),
        "series": .optional(.string), "summary": .string, "applied_fields": .list(.string), "pending_fields": .list(.string),
        "confirmed_by_name": .optional(.string), "url": .string,
    ])

    /// `royalty_statement.ready`, `royalty_statement.acknowledged`, `royalty_statement.payment_issue`.
    public static let statement: FieldType = .object([
        "id": .string, "status": .oneOf(["ready", "acknowledged", "payment_issue"]), "payee": .optional(.string), "payee_name": .optional(.string),
        "isbn13": .optional(.string), "title": .optional(.string), "period": .string, "label": .string, "amount": .optional(.string),
        "currency": .optional(.string), "acknowledged_by_name": .optional(.string), "issue_reported_by_name": .optional(.string), "url": .string,
    ])

    static let conversationRecords: [String: FieldType] = ["opportunity": opportunity, "proposal": proposal, "statement": statement]
}

extension FlowTrigger {
    /// What happens to the conversation recipes' records.
    public static let conversationRecordEvents = [
        "opportunity.created", "opportunity.updated", "metadata.proposed", "metadata.confirmed", "metadata.corrected",
        "royalty_statement.ready", "royalty_statement.acknowledged", "royalty_statement.payment_issue",
    ]
}

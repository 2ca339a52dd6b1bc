import Foundation
import SQLKit

/// Acquisition opportunities (see ``AcquisitionOpportunity``): pitches grouped per sender, their messages and their
/// downloaded attachments.
extension StoreSession {
    /// What ``recordPitchMessage(_:connection:waID:contactID:senderName:windowSeconds:now:)`` did.
    public struct PitchMessageOutcome: Sendable {
        public var opportunity: AcquisitionOpportunity
        /// A new opportunity was opened for this message.
        public var created: Bool
        /// The message was recorded before (a retried step): nothing changed.
        public var duplicate: Bool
    }

    /// Attach a message to the sender's open opportunity whose last message is at most `windowSeconds` older, or open
    /// a new one. Call inside a transaction: on PostgreSQL the sender is locked for it, so two messages arriving
    /// together never open two opportunities.
    public func recordPitchMessage(_ message: OpportunityMessage, connection: String, waID: String, contactID: String?, senderName: String?,
                                   windowSeconds: Int64, now: Int64) async throws -> PitchMessageOutcome {
        if dialect == .postgres { try await run("SELECT pg_advisory_xact_lock(hashtext(\(bind: "pitch:\(connection):\(waID)"))) AS locked") }
        if let known = try await rows("SELECT opportunity_id FROM acq_opportunity_messages WHERE wamid = \(bind: message.wamid)").first,
           let existing = try await opportunity(id: try known.decode(column: "opportunity_id", as: String.self)) {
            return PitchMessageOutcome(opportunity: existing, created: false, duplicate: true)
        }
        let open = try await rows("""
            SELECT * FROM acq_opportunities
            WHERE connection = \(bind: connection) AND wa_id = \(bind: waID) AND status = 'open' AND last_message_at >= \(bind: message.receivedAt - windowSeconds)
            ORDER BY last_message_at DESC LIMIT 1
            """).first.map(AcquisitionOpportunity.init(row:))
        var opportunity: AcquisitionOpportunity
        let created = open == nil
        if let open {
            opportunity = open
        } else {
            opportunity = AcquisitionOpportunity(connection: connection, waID: waID, contactID: contactID, senderName: senderName, summary: message.body,
                                                 firstMessageAt: message.receivedAt, createdAt: now)
            try await run("""
                INSERT INTO acq_opportunities (id, status, connection, wa_id, contact_id, sender_name, summary, isbn13, work_id, title, weblink_id,
                                               message_count, attachment_count, first_message_at, last_message_at, created_at, updated_at)
                VALUES (\(bind: opportunity.id), 'open', \(bind: connection), \(bind: waID), \(SQLValue.text(contactID)), \(SQLValue.text(senderName)),
                        \(SQLValue.text(message.body)), NULL, NULL, NULL, NULL, 0, 0, \(bind: message.receivedAt), \(bind: message.receivedAt), \(bind: now), \(bind: now))
                """)
        }
        try await run("""
            INSERT INTO acq_opportunity_messages (wamid, opportunity_id, kind, body, received_at)
            VALUES (\(bind: message.wamid), \(bind: opportunity.id), \(bind: message.kind), \(SQLValue.text(message.body)), \(bind: message.receivedAt))
            """)
        try await run("""
            UPDATE acq_opportunities SET
                message_count = (SELECT COUNT(*) FROM acq_opportunity_messages WHERE opportunity_id = \(bind: opportunity.id)),
                last_message_at = CASE WHEN last_message_at < \(bind: message.receivedAt) THEN \(bind: message.receivedAt) ELSE last_message_at END,
                summary = COALESCE(summary, \(SQLValue.text(message.body))), contact_id = COALESCE(contact_id, \(SQLValue.text(contactID))),
                sender_name = COALESCE(sender_name, \(SQLValue.text(senderName))), updated_at = \(bind: now)
            WHERE id = \(bind: opportunity.id)
            """)
        opportunity = try await self.opportunity(id: opportunity.id) ?? opportunity
        return PitchMessageOutcome(opportunity: opportunity, created: created, duplicate: false)
    }

    public func opportunity(id: String) async throws -> AcquisitionOpportunity? {
        try await rows("SELECT * FROM acq_opportunities WHERE id = \(bind: id)").first.map(AcquisitionOpportunity.init(row:))
    }

    /// Opportunities, most recently active first.
    public func opportunities(status: String? = nil, limit: Int = 200) async throws -> [AcquisitionOpportunity] {
        var query: SQLQueryString = "SELECT * FROM acq_opportunities"
        if let status { query += " WHERE status = \(bind: status)" }
        query += " ORDER BY last_message_at DESC, id LIMIT \(literal: limit)"
        return try await rows(query).map(AcquisitionOpportunity.init(row:))
    }

    public func opportunityMessages(opportunityID: String) async throws -> [OpportunityMessage] {
        try await rows("SELECT * FROM acq_opportunity_messages WHERE opportunity_id = \(bind: opportunityID) ORDER BY received_at, wamid").map { row in
            OpportunityMessage(wamid: try row.decode(column: "wamid", as: String.self), opportunityID: try row.decode(column: "opportunity_id", as: String.self),
                               kind: try row.decode(column: "kind", as: String.self), body: try row.decode(column: "body", as: String?.self),
                               receivedAt: try row.decode(column: "received_at", as: Int64.self))
        }
    }

    /// Remember the title an opportunity is about (the first one found stays).
    public func setOpportunityTitle(id: String, isbn13: String, workID: Int64, title: String, now: Int64) async throws {
        try await run("""
            UPDATE acq_opportunities SET isbn13 = \(bind: isbn13), work_id = \(bind: workID), title = \(bind: title), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND isbn13 IS NULL
            """)
    }

    public func setOpportunityWebLink(id: String, weblinkID: Int64) async throws {
        try await run("UPDATE acq_opportunities SET weblink_id = \(bind: weblinkID) WHERE id = \(bind: id)")
    }

    /// Change an opportunity's status; nil when there is no such opportunity.
    public func setOpportunityStatus(id: String, status: String, now: Int64) async throws -> AcquisitionOpportunity? {
        try await run("UPDATE acq_opportunities SET status = \(bind: status), updated_at = \(bind: now) WHERE id = \(bind: id)")
        return try await opportunity(id: id)
    }

    // MARK: Attachments

    /// The attachment of a media id, if it was recorded.
    public func opportunityAttachment(mediaID: String) async throws -> OpportunityAttachment? {
        try await rows("SELECT * FROM acq_attachments WHERE media_id = \(bind: mediaID)").first.map(OpportunityAttachment.init(row:))
    }

    public func opportunityAttachments(opportunityID: String) async throws -> [OpportunityAttachment] {
        try await rows("SELECT * FROM acq_attachments WHERE opportunity_id = \(bind: opportunityID) ORDER BY created_at, id").map(OpportunityAttachment.init(row:))
    }

    /// The attachment and its bytes (base64; nil unless `downloaded`).
    public func opportunityAttachmentContent(id: String) async throws -> (attachment: OpportunityAttachment, base64: String?)? {
        guard let row = try await rows("SELECT * FROM acq_attachments WHERE id = \(bind: id)").first else { return nil }
        return (try OpportunityAttachment(row: row), try row.decode(column: "content", as: String?.self))
    }

    /// Record an attachment (or a better outcome for the same media id: a retried download replaces a failure) and
    /// refresh the opportunity's count. Returns the attachment as stored.
    @discardableResult
    public func saveOpportunityAttachment(_ attachment: OpportunityAttachment, base64: String?) async throws -> OpportunityAttachment {
        try await run("""
            INSERT INTO acq_attachments (id, opportunity_id, wamid, media_id, type, mime_type, filename, caption, sha256, size, status, error, content,
                                         created_at, updated_at)
            VALUES (\(bind: attachment.id), \(bind: attachment.opportunityID), \(bind: attachment.wamid), \(bind: attachment.mediaID), \(bind: attachment.type),
                    \(SQLValue.text(attachment.mimeType)), \(SQLValue.text(attachment.filename)), \(SQLValue.text(attachment.caption)),
                    \(SQLValue.text(attachment.sha256)), \(SQLValue.int(attachment.size)), \(bind: attachment.status), \(SQLValue.text(attachment.error)),
                    \(SQLValue.text(base64)), \(bind: attachment.createdAt), \(bind: attachment.createdAt))
            ON CONFLICT (media_id) DO UPDATE SET status = excluded.status, error = excluded.error, content = excluded.content, size = excluded.size,
                sha256 = excluded.sha256, mime_type = excluded.mime_type, updated_at = excluded.updated_at
            WHERE acq_attachments.status <> 'downloaded'
            """)
        try await run("""
            UPDATE acq_opportunities SET attachment_count = (SELECT COUNT(*) FROM acq_attachments WHERE opportunity_id = \(bind: attachment.opportunityID))
            WHERE id = \(bind: attachment.opportunityID)
            """)
        return try await opportunityAttachment(mediaID: attachment.mediaID) ?? attachment
    }
}

extension AcquisitionOpportunity {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), status: try row.decode(column: "status", as: String.self),
                  connection: try row.decode(column: "connection", as: String.self), waID: try row.decode(column: "wa_id", as: String.self),
                  contactID: try row.decode(column: "contact_id", as: String?.self), senderName: try row.decode(column: "sender_name", as: String?.self),
                  summary: try row.decode(column: "summary", as: String?.self), isbn13: try row.decode(column: "isbn13", as: String?.self),
                  workID: try row.decode(column: "work_id", as: Int64?.self), title: try row.decode(column: "title", as: String?.self),
                  weblinkID: try row.decode(column: "weblink_id", as: Int64?.self), messageCount: Int(try row.decode(column: "message_count", as: Int64.self)),
                  attachmentCount: Int(try row.decode(column: "attachment_count", as: Int64.self)),
                  firstMessageAt: try row.decode(column: "first_message_at", as: Int64.self), lastMessageAt: try row.decode(column: "last_message_at", as: Int64.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }
}

extension OpportunityAttachment {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), opportunityID: try row.decode(column: "opportunity_id", as: String.self),
                  wamid: try row.decode(column: "wamid", as: String.self), mediaID: try row.decode(column: "media_id", as: String.self),
                  type: try row.decode(column: "type", as: String.self), mimeType: try row.decode(column: "mime_type", as: String?.self),
                  filename: try row.decode(column: "filename", as: String?.self), caption: try row.decode(column: "caption", as: String?.self),
                  sha256: try row.decode(column: "sha256", as: String?.self), size: try row.decode(column: "size", as: Int64?.self),
                  status: try row.decode(column: "status", as: String.self), error: try row.decode(column: "error", as: String?.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self))
    }
}

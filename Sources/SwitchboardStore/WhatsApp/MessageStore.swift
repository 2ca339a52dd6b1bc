import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// WhatsApp messages (see ``MessageRecord``): outbound ones recorded before sending and completed with their
/// `wamid`, inbound ones recorded once per `wamid`, and the lookups that route replies back to what they answer.
/// Status webhooks are applied by ``applyStatusEvent(_:receivedAt:)``.
extension StoreSession {
    /// Record an outbound message before sending it. When a message with the same idempotency key exists (the step
    /// ran before), nothing is written and that message is returned with `created == false`: check its `wamid` and
    /// status to decide whether to send.
    public func recordOutboundMessage(_ message: MessageRecord) async throws -> (message: MessageRecord, created: Bool) {
        var message = message
        message.direction = .outbound
        let inserted = try await rows(insertStatement(message, onConflict: "idempotency_key"))
        if inserted.isEmpty, let key = message.idempotencyKey, let existing = try await whatsAppMessage(idempotencyKey: key) {
            return (existing, false)
        }
        try await saveReplyOptions(messageID: message.id, message.replyOptions)
        return (message, true)
    }

    /// The Cloud API accepted the message as `wamid` (and reported the recipient as `waID`). Status webhooks that arrived
    /// for `wamid` before this call are applied now. Returns the message, or `nil` when there is no such message; a
    /// message that already has a different `wamid` keeps it.
    ///
    /// On PostgreSQL this holds an advisory lock on the wamid (as ``applyStatusEvent(_:receivedAt:)`` does), so a status
    /// webhook committed concurrently is either seen here or sees the attached wamid — never neither.
    @discardableResult
    public func attachWamid(messageID: String, wamid: String, waID: String? = nil, at time: Int64) async throws -> MessageRecord? {
        let locked = dialect == .postgres
        if locked { try await run("SELECT pg_advisory_lock(hashtext(\(bind: wamid))) AS locked") }
        do {
            try await run("""
                UPDATE wa_messages SET wamid = \(bind: wamid), wa_id = COALESCE(\(SQLValue.text(waID)), wa_id), updated_at = \(bind: time)
                WHERE id = \(bind: messageID) AND wamid IS NULL
                """)
            for event in try await statusEvents(wamid: wamid) {
                guard let state = event.state else { continue }
                _ = try await advanceMessage(id: messageID, to: state, at: event.at, error: event.error, now: time)
            }
            let message = try await whatsAppMessage(id: messageID)
            if locked { try await run("SELECT pg_advisory_unlock(hashtext(\(bind: wamid))) AS unlocked") }
            return message
        } catch {
            if locked { try? await run("SELECT pg_advisory_unlock(hashtext(\(bind: wamid))) AS unlocked") }
            throw error
        }
    }

    /// The Cloud API refused the message (a synchronous Graph error): it is failed, with the error kept.
    @discardableResult
    public func recordSendFailure(messageID: String, error: MessageDeliveryError, at time: Int64) async throws -> MessageRecord? {
        _ = try await advanceMessage(id: messageID, to: .failed, at: time, error: error, now: time)
        return try await whatsAppMessage(id: messageID)
    }

    /// Record a received message, once per `wamid` (`created == false` for a redelivered webhook, with the message as
    /// first recorded). A new message is matched to its contact by WhatsApp id when it has none, and restarts that
    /// contact's conversation window at its `createdAt`.
    public func recordInboundMessage(_ message: MessageRecord) async throws -> (message: MessageRecord, created: Bool) {
        guard let wamid = message.wamid, !wamid.isEmpty else { throw WhatsAppStoreError.missingWamid }
        var message = message
        message.direction = .inbound
        if message.contactID == nil, let waID = message.waID { message.contactID = try await contact(waID: waID)?.id }
        let inserted = try await rows(insertStatement(message, onConflict: "wamid"))
        if inserted.isEmpty, let existing = try await whatsAppMessage(wamid: wamid) { return (existing, false) }
        if let contactID = message.contactID { try await recordInboundActivity(contactID: contactID, at: message.createdAt) }
        return (message, true)
    }

    public func whatsAppMessage(id: String) async throws -> MessageRecord? {
        try await loadMessages("SELECT * FROM wa_messages WHERE id = \(bind: id)").first
    }

    public func whatsAppMessage(wamid: String) async throws -> MessageRecord? {
        try await loadMessages("SELECT * FROM wa_messages WHERE wamid = \(bind: wamid)").first
    }

    public func whatsAppMessage(idempotencyKey: String) async throws -> MessageRecord? {
        try await loadMessages("SELECT * FROM wa_messages WHERE idempotency_key = \(bind: idempotencyKey)").first
    }

    /// Every message about one Switchboard record (`rights_review:rvw_42`), oldest first.
    public func whatsAppMessages(correlation: String) async throws -> [MessageRecord] {
        try await loadMessages("SELECT * FROM wa_messages WHERE correlation = \(bind: correlation) ORDER BY created_at, id")
    }

    /// The latest message sent to the contact, optionally only among those offering `replyID` as a button, list row or
    /// quick-reply payload: what a reply without `context` answers.
    public func latestOutboundMessage(contactID: String, offeringReplyID replyID: String? = nil) async throws -> MessageRecord? {
        var query: SQLQueryString = "SELECT * FROM wa_messages WHERE contact_id = \(bind: contactID) AND direction = 'out'"
        if let replyID { query += " AND id IN (SELECT message_id FROM wa_message_reply_options WHERE reply_id = \(bind: replyID))" }
        query += " ORDER BY created_at DESC, id DESC LIMIT 1"
        return try await loadMessages(query).first
    }

    /// The outbound message an inbound reply answers: the one its `context.id` names (when that one offered the tapped
    /// reply id, or offered none), else the latest one to the same contact offering the tapped reply id.
    public func outboundMessage(answeredBy reply: MessageRecord) async throws -> MessageRecord? {
        if let context = reply.contextWamid, let quoted = try await whatsAppMessage(wamid: context), quoted.direction == .outbound {
            if let replyID = reply.replyID, !quoted.replyOptions.isEmpty, !quoted.replyOptions.contains(replyID) { return nil }
            return quoted
        }
        guard let replyID = reply.replyID else { return nil }
        let contactID: String?
        if let id = reply.contactID { contactID = id } else if let waID = reply.waID { contactID = try await contact(waID: waID)?.id } else { contactID = nil }
        guard let contactID else { return nil }
        return try await latestOutboundMessage(contactID: contactID, offeringReplyID: replyID)
    }

    /// Recent messages, newest first.
    public func whatsAppMessages(_ filter: MessageRecordFilter = MessageRecordFilter(), limit: Int = 100) async throws -> [MessageRecord] {
        var query: SQLQueryString = "SELECT * FROM wa_messages WHERE 1 = 1"
        if let connection = filter.connection { query += " AND connection = \(bind: connection)" }
        if let contactID = filter.contactID { query += " AND contact_id = \(bind: contactID)" }
        if let waID = filter.waID { query += " AND wa_id = \(bind: waID)" }
        if let direction = filter.direction { query += " AND direction = \(bind: direction.rawValue)" }
        if let status = filter.status { query += " AND status = \(bind: status.rawValue)" }
        if let kind = filter.kind { query += " AND kind = \(bind: kind)" }
        if let correlation = filter.correlation { query += " AND correlation = \(bind: correlation)" }
        if let since = filter.since { query += " AND created_at >= \(bind: since)" }
        query += " ORDER BY created_at DESC, id DESC LIMIT \(literal: max(0, limit))"
        return try await loadMessages(query)
    }

    // MARK: - Helpers

    private func insertStatement(_ message: MessageRecord, onConflict column: String) -> SQLQueryString {
        """
        INSERT INTO wa_messages (id, wamid, connection, contact_id, wa_id, direction, kind, template_name, template_language, body, payload, reply_id,
                                 context_wamid, correlation, run_id, step_key, idempotency_key, status, status_rank, status_at, error_code, error_title,
                                 error_details, created_at, updated_at)
        VALUES (\(bind: message.id), \(SQLValue.text(message.wamid)), \(bind: message.connection), \(SQLValue.text(message.contactID)),
                \(SQLValue.text(message.waID)), \(bind: message.direction.rawValue), \(bind: message.kind), \(SQLValue.text(message.templateName)),
                \(SQLValue.text(message.templateLanguage)), \(SQLValue.text(message.body)), \(SQLValue.text(message.payload?.jsonText)),
                \(SQLValue.text(message.replyID)), \(SQLValue.text(message.contextWamid)), \(SQLValue.text(message.correlation)),
                \(SQLValue.text(message.runID)), \(SQLValue.text(message.stepKey)), \(SQLValue.text(message.idempotencyKey)),
                \(bind: message.status.rawValue), \(bind: Int64(message.status.rank)), \(bind: message.statusAt), \(SQLValue.int(message.error?.code)),
                \(SQLValue.text(message.error?.title)), \(SQLValue.text(message.error?.details)), \(bind: message.createdAt), \(bind: message.updatedAt))
        ON CONFLICT (\(unsafeRaw: column)) DO NOTHING RETURNING id
        """
    }

    private func saveReplyOptions(messageID: String, _ options: [String]) async throws {
        let unique = options.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { return }
        try await BatchUpsert(table: "wa_message_reply_options", columns: ["message_id", "reply_id"], conflictColumns: ["message_id", "reply_id"], updateColumns: [])
            .run(unique.map { [.text(messageID), .text($0)] }, on: self)
    }

    /// Runs a `SELECT * FROM wa_messages …` and attaches each message's reply options (one more query for all).
    func loadMessages(_ query: SQLQueryString) async throws -> [MessageRecord] {
        let found = try await rows(query)
        guard !found.isEmpty else { return [] }
        let ids = try found.map { try $0.decode(column: "id", as: String.self) }
        var options: [String: [String]] = [:]
        for row in try await rows("SELECT message_id, reply_id FROM wa_message_reply_options WHERE message_id IN (\(binds: ids)) ORDER BY message_id, reply_id") {
            options[try row.decode(column: "message_id", as: String.self), default: []].append(try row.decode(column: "reply_id", as: String.self))
        }
        return try found.map { row in
            try MessageRecord(row: row, replyOptions: options[try row.decode(column: "id", as: String.self)] ?? [])
        }
    }
}

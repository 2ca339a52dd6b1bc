import Foundation
import SQLKit
import SwitchboardCore

/// A status webhook (`value.statuses[]`) as it arrived: kept as the message's delivery history, and the key
/// (`wamid` + `status`) that duplicates are recognised by.
public struct MessageStatusEvent: Sendable, Equatable {
    public var wamid: String
    /// As reported (`sent`, `delivered`, `read`, `played`, `failed`, or anything newer).
    public var status: String
    /// The webhook's `timestamp` (Unix seconds).
    public var at: Int64
    public var error: MessageDeliveryError?
    /// The status object's JSON, for inspection.
    public var raw: String?

    public init(wamid: String, status: String, at: Int64, error: MessageDeliveryError? = nil, raw: String? = nil) {
        self.wamid = wamid
        self.status = status.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        self.at = at
        self.error = error
        self.raw = raw
    }

    /// The delivery state the status stands for; `nil` for a status this build does not know.
    public var state: MessageDeliveryState? { MessageDeliveryState(webhookStatus: status) }
}

/// What applying a status webhook did.
public enum StatusEventOutcome: Sendable, Equatable {
    /// The message moved to the reported state.
    case applied(MessageRecord)
    /// Recorded in the history, but the message is already as far or further along (or failed): state unchanged.
    case stale(MessageRecord)
    /// The same `wamid` + `status` arrived before: nothing was written.
    case duplicate
    /// No message has this `wamid` yet; the event is kept and applied when ``StoreSession/attachWamid(messageID:wamid:waID:at:)`` runs.
    case unknownMessage
    /// A status this build does not know; kept in the history only.
    case unrecognisedStatus
}

/// Status webhooks applied to messages: idempotent (duplicates are recognised on `wamid` + `status`) and monotonic
/// (see ``MessageDeliveryState``), with every event kept as the message's history and a failure's error on the message.
extension StoreSession {
    /// Record a status webhook and move its message forward if it is a step forward.
    public func applyStatusEvent(_ event: MessageStatusEvent, receivedAt now: Int64) async throws -> StatusEventOutcome {
        guard !event.wamid.isEmpty else { throw WhatsAppStoreError.missingWamid }
        if dialect == .postgres {
            // Serialised with attachWamid on the same wamid (see there); held until the caller's transaction ends.
            try await run("SELECT pg_advisory_xact_lock(hashtext(\(bind: event.wamid))) AS locked")
        }
        let inserted = try await rows("""
            INSERT INTO wa_status_events (wamid, status, at, error_code, error_title, error_details, raw, received_at)
            VALUES (\(bind: event.wamid), \(bind: event.status), \(bind: event.at), \(SQLValue.int(event.error?.code)), \(SQLValue.text(event.error?.title)),
                    \(SQLValue.text(event.error?.details)), \(SQLValue.text(event.raw)), \(bind: now))
            ON CONFLICT (wamid, status) DO NOTHING RETURNING wamid
            """)
        guard !inserted.isEmpty else { return .duplicate }
        guard let state = event.state else { return .unrecognisedStatus }
        guard let row = try await rows("SELECT id FROM wa_messages WHERE wamid = \(bind: event.wamid)").first else { return .unknownMessage }
        let id = try row.decode(column: "id", as: String.self)
        let advanced = try await advanceMessage(id: id, to: state, at: event.at, error: event.error, now: now)
        guard let message = try await whatsAppMessage(id: id) else { return .unknownMessage }
        return advanced ? .applied(message) : .stale(message)
    }

    /// The status webhooks received for a message, in the order of their timestamps.
    public func statusEvents(wamid: String) async throws -> [MessageStatusEvent] {
        try await rows("SELECT * FROM wa_status_events WHERE wamid = \(bind: wamid) ORDER BY at, received_at, status").map { row in
            let code = try row.decode(column: "error_code", as: Int64?.self)
            let title = try row.decode(column: "error_title", as: String?.self)
            let details = try row.decode(column: "error_details", as: String?.self)
            let error = code != nil || title != nil || details != nil ? MessageDeliveryError(code: code, title: title, details: details) : nil
            return MessageStatusEvent(wamid: try row.decode(column: "wamid", as: String.self), status: try row.decode(column: "status", as: String.self),
                                       at: try row.decode(column: "at", as: Int64.self), error: error, raw: try row.decode(column: "raw", as: String?.self))
        }
    }

    /// Move the message to `state` if that is a step forward from what is stored — decided by the `UPDATE`'s own guard
    /// on `status_rank`, so concurrent webhooks cannot move a message backwards. True when it moved.
    func advanceMessage(id: String, to state: MessageDeliveryState, at time: Int64, error: MessageDeliveryError?, now: Int64) async throws -> Bool {
        var query: SQLQueryString = """
            UPDATE wa_messages SET status = \(bind: state.rawValue), status_rank = \(bind: Int64(state.rank)), status_at = \(bind: time),
                updated_at = \(bind: now)
            """
        if state == .failed {
            query += """
                , error_code = \(SQLValue.int(error?.code)), error_title = \(SQLValue.text(error?.title)), error_details = \(SQLValue.text(error?.details))
                """
        }
        query += " WHERE id = \(bind: id) AND status_rank < \(bind: Int64(state.appliesBelowRank)) RETURNING id"
        return try await !rows(query).isEmpty
    }
}

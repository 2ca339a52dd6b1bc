import Foundation
import LooseJSON
import SQLKit

extension DeadLetterRecord {
    /// ``DeadLetterRecord/kind`` of a WhatsApp message that could not be delivered.
    public static let whatsAppMessageKind = "whatsapp_message"

    /// True for a WhatsApp message's dead letter (replayed by resending the message).
    public var isWhatsAppMessage: Bool { kind == Self.whatsAppMessageKind }
}

/// Dead letters of WhatsApp messages that failed after WhatsApp accepted them and could not be resent (an
/// undeliverable number, a template problem, no template to resend as). They share the `dead_letters` table with
/// dead steps, so `switchboard deadletters` and `/api/deadletters` list them too and retention keeps their run while
/// they are open; one per message, however often its failure is reported.
extension StoreSession {
    /// Record that message `messageID` could not be delivered, keeping `payload` (the message and what was sent),
    /// the error and WhatsApp's report (`response`). When the message already has a dead letter nothing is written and
    /// that one is returned with `created == false`.
    public func deadLetterMessage(id: String, messageID: String, runID: String, flow: String, action: String, payload: JSONValue, error: String,
                                  response: String?, now: Int64) async throws -> (letter: DeadLetterRecord, created: Bool) {
        let inserted = try await rows("""
            INSERT INTO dead_letters (id, job_id, run_id, flow, action, payload, errors, last_response, created_at, replay_count, kind, message_id)
            VALUES (\(bind: id), \(bind: "message:" + messageID), \(bind: runID), \(bind: flow), \(bind: action), \(bind: payload.jsonText),
                    \(bind: JSONValue.array([.string(error)]).jsonText), \(SQLValue.text(response)), \(bind: now), 0,
                    \(bind: DeadLetterRecord.whatsAppMessageKind), \(bind: messageID))
            ON CONFLICT (message_id) DO NOTHING RETURNING id
            """)
        guard let letter = try await messageDeadLetter(messageID: messageID) else { throw WhatsAppStoreError.corruptRecord("dead letter of message \(messageID) vanished") }
        return (letter, !inserted.isEmpty)
    }

    /// The dead letter of message `messageID`, if it has one.
    public func messageDeadLetter(messageID: String) async throws -> DeadLetterRecord? {
        try await rows("SELECT * FROM dead_letters WHERE message_id = \(bind: messageID)").first.map(DeadLetterRecord.init(row:))
    }

    /// Mark a WhatsApp message's dead letter replayed (its message was resent). False when it does not exist, is not a
    /// message's, or was already replayed.
    public func markMessageDeadLetterReplayed(id: String, at time: Int64) async throws -> Bool {
        !(try await rows("""
            UPDATE dead_letters SET replayed_at = \(bind: time), replay_count = replay_count + 1
            WHERE id = \(bind: id) AND kind = \(bind: DeadLetterRecord.whatsAppMessageKind) AND replayed_at IS NULL RETURNING id
            """)).isEmpty
    }
}

import Foundation
import LooseJSON
import SQLKit

/// Dead letters: listing, and replay after the cause has been fixed.
extension StoreSession {
    public func deadLetters(includeReplayed: Bool = false, limit: Int = 100) async throws -> [DeadLetterRecord] {
        let filter: SQLQueryString = includeReplayed ? "" : " WHERE replayed_at IS NULL"
        return try await rows("SELECT * FROM dead_letters" + filter + " ORDER BY created_at DESC, id DESC LIMIT \(literal: limit)").map(DeadLetterRecord.init(row:))
    }

    public func deadLetter(id: String) async throws -> DeadLetterRecord? {
        try await rows("SELECT * FROM dead_letters WHERE id = \(bind: id)").first.map(DeadLetterRecord.init(row:))
    }

    public func openDeadLetterCount() async throws -> Int {
        Int(try await scalar("SELECT COUNT(*) AS value FROM dead_letters WHERE replayed_at IS NULL"))
    }

    /// Put a dead job back in the queue with a fresh set of attempts; its run continues from that step.
    /// Returns false when the dead letter does not exist, was already replayed, or is not a step's (a WhatsApp
    /// message's dead letter is replayed by resending the message, in the engine).
    public func replayDeadLetter(id: String, nowMilliseconds now: Int64) async throws -> Bool {
        guard let letter = try await deadLetter(id: id), letter.replayedAt == nil, letter.kind == nil else { return false }
        let requeued = try await rows("""
            UPDATE jobs SET status = 'queued', attempts = 0, available_at = \(bind: now), lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: now / 1000)
            WHERE id = \(bind: letter.jobID) AND status = 'dead' RETURNING run_id, step_index
            """)
        guard let row = requeued.first else { return false }
        let runID = try row.decode(column: "run_id", as: String.self)
        let index = try row.decode(column: "step_index", as: Int64.self)
        try await run("UPDATE dead_letters SET replayed_at = \(bind: now / 1000), replay_count = replay_count + 1 WHERE id = \(bind: id)")
        try await run("UPDATE runs SET status = 'running', error = NULL, finished_at = NULL, updated_at = \(bind: now / 1000) WHERE id = \(bind: runID)")
        try await run("UPDATE run_steps SET status = 'pending', error = NULL WHERE run_id = \(bind: runID) AND step_index = \(bind: index)")
        return true
    }
}

extension DeadLetterRecord {
    init(row: any SQLRow) throws {
        let errors = JSONValue.stored(try row.decode(column: "errors", as: String.self))
        var list: [String] = []
        if case .array(let items)? = errors { list = items.compactMap(\.stringValue) }
        self.init(
            id: try row.decode(column: "id", as: String.self), jobID: try row.decode(column: "job_id", as: String.self),
            runID: try row.decode(column: "run_id", as: String.self), flow: try row.decode(column: "flow", as: String.self),
            action: try row.decode(column: "action", as: String.self), payload: JSONValue.stored(try row.decode(column: "payload", as: String.self)) ?? .null,
            errors: list, lastResponse: try row.decode(column: "last_response", as: String?.self), createdAt: try row.decode(column: "created_at", as: Int64.self),
            replayedAt: try row.decode(column: "replayed_at", as: Int64?.self), replayCount: Int(try row.decode(column: "replay_count", as: Int64.self)),
            kind: try row.decode(column: "kind", as: String?.self), messageID: try row.decode(column: "message_id", as: String?.self))
    }
}

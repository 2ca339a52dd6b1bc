import Foundation
import LooseJSON
import SQLKit

/// What the outbox knows about an action with a given idempotency key.
public enum OutboxState: Sendable, Equatable {
    /// Never attempted.
    case none
    /// A previous attempt was about to send it and may or may not have; check the remote before sending again.
    case intent
    /// Done, with this result.
    case done(JSONValue)
}

/// The outbox: each side effect's idempotency key, recorded before sending (`intent`) and after (`done`), so that
/// a retry after a crash never performs an action twice.
extension StoreSession {
    public func outboxState(key: String) async throws -> OutboxState {
        guard let row = try await rows("SELECT status, result FROM outbox WHERE idempotency_key = \(bind: key)").first else { return .none }
        if try row.decode(column: "status", as: String.self) == "done" {
            return .done(JSONValue.stored(try row.decode(column: "result", as: String?.self)) ?? .null)
        }
        return .intent
    }

    public func recordOutboxIntent(key: String, action: String, now: Int64) async throws {
        try await run("""
            INSERT INTO outbox (idempotency_key, action, status, created_at, updated_at) VALUES (\(bind: key), \(bind: action), 'intent', \(bind: now), \(bind: now))
            ON CONFLICT (idempotency_key) DO NOTHING
            """)
    }

    /// Record several intents in one statement (a leased batch's side effects).
    public func recordOutboxIntents(_ intents: [(key: String, action: String)], now: Int64) async throws {
        let rows: [[SQLValue]] = intents.map { [.text($0.key), .text($0.action), .text("intent"), .int(now), .int(now)] }
        try await BatchUpsert(table: "outbox", columns: ["idempotency_key", "action", "status", "created_at", "updated_at"],
                              conflictColumns: ["idempotency_key"], updateColumns: []).run(rows, on: self)
    }

    public func recordOutboxResult(key: String, action: String, result: JSONValue, now: Int64) async throws {
        try await recordOutboxResult(key: key, action: action, resultText: result.jsonText, now: now)
    }

    /// The same, with the result already written as JSON text.
    func recordOutboxResult(key: String, action: String, resultText: String, now: Int64) async throws {
        try await run("""
            INSERT INTO outbox (idempotency_key, action, status, result, created_at, updated_at)
            VALUES (\(bind: key), \(bind: action), 'done', \(bind: resultText), \(bind: now), \(bind: now))
            ON CONFLICT (idempotency_key) DO UPDATE SET status = 'done', result = excluded.result, updated_at = excluded.updated_at
            """)
    }
}

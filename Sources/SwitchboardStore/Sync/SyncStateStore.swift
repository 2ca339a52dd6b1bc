import Foundation
import SQLKit

/// The resume point of one stream of one connection, stored as inspectable JSON (Singer-style state).
public struct SyncCursor: Sendable, Equatable {
    public var stream: String
    public var state: String
    /// Records ingested by this stream over all runs.
    public var records: Int64
    public var updatedAt: Int64
}

/// One pass of a sync, kept for `sync` history and for reporting failures after the fact.
public struct SyncRunRecord: Sendable, Equatable {
    public var id: String
    public var connection: String
    public var startedAt: Int64
    public var finishedAt: Int64?
    /// `running`, `succeeded`, `failed` or `interrupted` (a run still marked running when the next one starts).
    public var outcome: String
    public var summary: String?
}

extension StoreSession {
    public func saveCursor(connection: String, stream: String, state: String, addRecords: Int64, now: Int64) async throws {
        try await run("""
            INSERT INTO sync_cursors (connection, stream, state, records, updated_at)
            VALUES (\(bind: connection), \(bind: stream), \(bind: state), \(bind: addRecords), \(bind: now))
            ON CONFLICT (connection, stream) DO UPDATE SET state = excluded.state,
                records = sync_cursors.records + excluded.records, updated_at = excluded.updated_at
            """)
    }

    public func cursor(connection: String, stream: String) async throws -> SyncCursor? {
        try await rows("SELECT * FROM sync_cursors WHERE connection = \(bind: connection) AND stream = \(bind: stream)").first.map(SyncCursor.init(row:))
    }

    public func cursors(connection: String) async throws -> [SyncCursor] {
        try await rows("SELECT * FROM sync_cursors WHERE connection = \(bind: connection) ORDER BY stream").map(SyncCursor.init(row:))
    }

    public func deleteCursors(connection: String) async throws {
        try await run("DELETE FROM sync_cursors WHERE connection = \(bind: connection)")
    }

    public func startSyncRun(id: String, connection: String, now: Int64) async throws {
        try await run("UPDATE sync_runs SET outcome = 'interrupted' WHERE connection = \(bind: connection) AND outcome = 'running'")
        try await run("INSERT INTO sync_runs (id, connection, started_at, outcome) VALUES (\(bind: id), \(bind: connection), \(bind: now), 'running')")
    }

    public func finishSyncRun(id: String, outcome: String, summary: String, now: Int64) async throws {
        try await run("UPDATE sync_runs SET outcome = \(bind: outcome), summary = \(bind: summary), finished_at = \(bind: now) WHERE id = \(bind: id)")
    }

    public func syncRuns(connection: String, limit: Int = 20) async throws -> [SyncRunRecord] {
        try await rows("SELECT * FROM sync_runs WHERE connection = \(bind: connection) ORDER BY started_at DESC, id DESC LIMIT \(literal: limit)").map { row in
            SyncRunRecord(
                id: try row.decode(column: "id", as: String.self),
                connection: try row.decode(column: "connection", as: String.self),
                startedAt: try row.decode(column: "started_at", as: Int64.self),
                finishedAt: try row.decode(column: "finished_at", as: Int64?.self),
                outcome: try row.decode(column: "outcome", as: String.self),
                summary: try row.decode(column: "summary", as: String?.self)
            )
        }
    }
}

extension SyncCursor {
    init(row: any SQLRow) throws {
        self.init(
            stream: try row.decode(column: "stream", as: String.self),
            state: try row.decode(column: "state", as: String.self),
            records: try row.decode(column: "records", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self)
        )
    }
}

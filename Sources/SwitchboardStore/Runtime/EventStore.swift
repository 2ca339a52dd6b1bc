import Foundation
import LooseJSON
import SQLKit

/// The event log: every inbound fact once, however often it is delivered.
extension StoreSession {
    /// Insert the event unless one with the same source and external id exists. Returns true when it was new.
    public func insertEvent(_ event: EventRecord) async throws -> Bool {
        try await insertEvent(event, contextText: event.context.jsonText)
    }

    /// Insert an event whose context is already written as JSON text.
    func insertEvent(_ event: EventRecord, contextText: String) async throws -> Bool {
        let inserted = try await rows("""
            INSERT INTO events (id, source, external_id, type, connection, context, occurred_at, received_at)
            VALUES (\(bind: event.id), \(bind: event.source), \(bind: event.externalID), \(bind: event.type), \(SQLValue.text(event.connection)),
                    \(bind: contextText), \(bind: event.occurredAt), \(bind: event.receivedAt))
            ON CONFLICT (source, external_id) DO NOTHING
            RETURNING id
            """)
        return !inserted.isEmpty
    }

    public func event(id: String) async throws -> EventRecord? {
        try await rows("SELECT * FROM events WHERE id = \(bind: id)").first.map(EventRecord.init(row:))
    }

    /// The events with these ids, in no particular order.
    public func events(ids: [String]) async throws -> [EventRecord] {
        guard !ids.isEmpty else { return [] }
        return try await rows("SELECT * FROM events WHERE id IN (\(SQLBindList(ids)))").map(EventRecord.init(row:))
    }

    public func events(source: String? = nil, limit: Int = 100) async throws -> [EventRecord] {
        var query: SQLQueryString = "SELECT * FROM events"
        if let source { query += " WHERE source = \(bind: source)" }
        query += " ORDER BY received_at DESC, id DESC LIMIT \(literal: limit)"
        return try await rows(query).map(EventRecord.init(row:))
    }

    public func eventCount(source: String? = nil) async throws -> Int {
        if let source { return Int(try await scalar("SELECT COUNT(*) AS value FROM events WHERE source = \(bind: source)")) }
        return Int(try await scalar("SELECT COUNT(*) AS value FROM events"))
    }
}

extension EventRecord {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id", as: String.self), source: try row.decode(column: "source", as: String.self),
            type: try row.decode(column: "type", as: String.self), externalID: try row.decode(column: "external_id", as: String.self),
            connection: try row.decode(column: "connection", as: String?.self),
            context: JSONValue.stored(try row.decode(column: "context", as: String.self)) ?? .null,
            occurredAt: try row.decode(column: "occurred_at", as: Int64.self), receivedAt: try row.decode(column: "received_at", as: Int64.self))
    }
}

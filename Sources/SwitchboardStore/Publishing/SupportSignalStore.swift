import Foundation
import LooseJSON
import SQLKit

/// Support signals on titles (see ``SupportSignal``): one per title, refreshed in place.
extension StoreSession {
    /// Record the signal for its title: insert it, or refresh the existing one (count, tickets, topics, window).
    /// Returns the stored signal (keeping the original id, first-recorded time and WebLink) and whether it was new.
    public func recordSupportSignal(_ signal: SupportSignal) async throws -> (signal: SupportSignal, created: Bool) {
        let tickets = JSONValue.array(signal.tickets.map { .number(Double($0)) }).jsonText
        let topics = JSONValue.array(signal.topTopics.map(JSONValue.string)).jsonText
        let inserted = try await rows("""
            INSERT INTO support_signals (id, connection, work_id, isbn13, title, ticket_count, window_days, tickets, top_topics, reported_tickets,
                                         weblink_id, first_recorded_at, refreshed_at)
            VALUES (\(bind: signal.id), \(bind: signal.connection), \(bind: signal.workID), \(SQLValue.text(signal.isbn13)), \(SQLValue.text(signal.title)),
                    \(bind: Int64(signal.ticketCount)), \(bind: Int64(signal.windowDays)), \(bind: tickets), \(bind: topics),
                    \(SQLValue.int(signal.reportedTickets.map(Int64.init))), \(SQLValue.int(signal.weblinkID)), \(bind: signal.firstRecordedAt),
                    \(bind: signal.refreshedAt))
            ON CONFLICT (connection, work_id) DO UPDATE SET isbn13 = excluded.isbn13, title = excluded.title, ticket_count = excluded.ticket_count,
                window_days = excluded.window_days, tickets = excluded.tickets, top_topics = excluded.top_topics, refreshed_at = excluded.refreshed_at
            RETURNING id
            """)
        let id = try inserted.first?.decode(column: "id", as: String.self) ?? signal.id
        guard let stored = try await supportSignal(connection: signal.connection, workID: signal.workID) else { throw StoreError.notFound("support signal \(id)") }
        return (stored, stored.id == signal.id)
    }

    public func supportSignal(connection: String, workID: Int64) async throws -> SupportSignal? {
        try await rows("SELECT * FROM support_signals WHERE connection = \(bind: connection) AND work_id = \(bind: workID)").first.map(SupportSignal.init(row:))
    }

    public func supportSignal(id: String) async throws -> SupportSignal? {
        try await rows("SELECT * FROM support_signals WHERE id = \(bind: id)").first.map(SupportSignal.init(row:))
    }

    public func supportSignals(limit: Int = 200) async throws -> [SupportSignal] {
        try await rows("SELECT * FROM support_signals ORDER BY ticket_count DESC, refreshed_at DESC LIMIT \(literal: limit)").map(SupportSignal.init(row:))
    }

    public func setSupportSignalWebLink(id: String, weblinkID: Int64) async throws {
        try await run("UPDATE support_signals SET weblink_id = \(bind: weblinkID) WHERE id = \(bind: id)")
    }

    /// Store the all-time ticket count of the support report on the title's signal, if it has one.
    public func setReportedTickets(connection: String, workID: Int64, count: Int) async throws {
        try await run("UPDATE support_signals SET reported_tickets = \(bind: Int64(count)) WHERE connection = \(bind: connection) AND work_id = \(bind: workID)")
    }
}

extension SupportSignal {
    init(row: any SQLRow) throws {
        let tickets = JSONValue.stored(try row.decode(column: "tickets", as: String.self))
        let topics = JSONValue.stored(try row.decode(column: "top_topics", as: String.self))
        var ticketIDs: [Int64] = []
        if case .array(let items)? = tickets { ticketIDs = items.compactMap(\.int64Value) }
        var topicNames: [String] = []
        if case .array(let items)? = topics { topicNames = items.compactMap(\.stringValue) }
        self.init(id: try row.decode(column: "id", as: String.self), connection: try row.decode(column: "connection", as: String.self),
                  workID: try row.decode(column: "work_id", as: Int64.self), isbn13: try row.decode(column: "isbn13", as: String?.self),
                  title: try row.decode(column: "title", as: String?.self), ticketCount: Int(try row.decode(column: "ticket_count", as: Int64.self)),
                  windowDays: Int(try row.decode(column: "window_days", as: Int64.self)), tickets: ticketIDs, topTopics: topicNames,
                  reportedTickets: try row.decode(column: "reported_tickets", as: Int64?.self).map(Int.init),
                  weblinkID: try row.decode(column: "weblink_id", as: Int64?.self), firstRecordedAt: try row.decode(column: "first_recorded_at", as: Int64.self),
                  refreshedAt: try row.decode(column: "refreshed_at", as: Int64.self))
    }
}

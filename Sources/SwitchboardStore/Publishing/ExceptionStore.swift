import Foundation
import SQLKit

/// What happened when an exception was reported as present.
public enum ExceptionRaise: Sendable, Equatable {
    /// It was not open: it is now (first time, or again after clearing), with this occurrence number.
    case raised(PublishingException)
    /// It was already open; nothing changed.
    case alreadyOpen(PublishingException)
}

/// Workflow exceptions found in Consonance data (see ``PublishingException``), and the one Zendesk ticket each open
/// exception may have.
extension StoreSession {
    public func raiseException(_ exception: PublishingException) async throws -> ExceptionRaise {
        if let existing = try await publishingException(connection: exception.connection, key: exception.key) {
            if existing.status == "open" { return .alreadyOpen(existing) }
            var again = exception
            again.occurrence = existing.occurrence + 1
            again.status = "open"
            again.clearedAt = nil
            try await run("""
                UPDATE pub_exceptions SET kind = \(bind: again.kind), work_id = \(SQLValue.int(again.workID)), isbn13 = \(SQLValue.text(again.isbn13)),
                    title = \(SQLValue.text(again.title)), summary = \(bind: again.summary), details = \(bind: again.details), status = 'open',
                    occurrence = \(bind: Int64(again.occurrence)), raised_at = \(bind: again.raisedAt), cleared_at = NULL
                WHERE connection = \(bind: again.connection) AND key = \(bind: again.key)
                """)
            return .raised(again)
        }
        var fresh = exception
        fresh.status = "open"
        fresh.occurrence = 1
        try await run("""
            INSERT INTO pub_exceptions (connection, key, kind, work_id, isbn13, title, summary, details, status, occurrence, raised_at, cleared_at)
            VALUES (\(bind: fresh.connection), \(bind: fresh.key), \(bind: fresh.kind), \(SQLValue.int(fresh.workID)), \(SQLValue.text(fresh.isbn13)),
                    \(SQLValue.text(fresh.title)), \(bind: fresh.summary), \(bind: fresh.details), 'open', 1, \(bind: fresh.raisedAt), NULL)
            """)
        return .raised(fresh)
    }

    /// Clear an open exception; returns it (cleared) when it was open, nil otherwise.
    public func clearException(connection: String, key: String, now: Int64) async throws -> PublishingException? {
        guard var existing = try await publishingException(connection: connection, key: key), existing.status == "open" else { return nil }
        try await run("UPDATE pub_exceptions SET status = 'cleared', cleared_at = \(bind: now) WHERE connection = \(bind: connection) AND key = \(bind: key)")
        existing.status = "cleared"
        existing.clearedAt = now
        return existing
    }

    public func publishingException(connection: String, key: String) async throws -> PublishingException? {
        try await rows("SELECT * FROM pub_exceptions WHERE connection = \(bind: connection) AND key = \(bind: key)").first.map(PublishingException.init(row:))
    }

    public func openExceptions(connection: String? = nil) async throws -> [PublishingException] {
        var query: SQLQueryString = "SELECT * FROM pub_exceptions WHERE status = 'open'"
        if let connection { query += " AND connection = \(bind: connection)" }
        query += " ORDER BY raised_at, key"
        return try await rows(query).map(PublishingException.init(row:))
    }

    // MARK: The exception's ticket

    /// Claim the right to open the ticket for `key` on a Zendesk connection. A claim is free when there is none or
    /// the last ticket was solved; otherwise the current holder and its ticket (nil while it is being created)
    /// come back.
    public func claimExceptionTicket(connection: String, key: String, claimant: String, now: Int64) async throws -> (claimedBy: String, ticketID: Int64?) {
        try await run("""
            INSERT INTO exception_tickets (connection, key, claimed_by, ticket_id, status, opened_at, solved_at)
            VALUES (\(bind: connection), \(bind: key), \(bind: claimant), NULL, 'open', \(bind: now), NULL)
            ON CONFLICT (connection, key) DO UPDATE SET claimed_by = excluded.claimed_by, ticket_id = NULL, status = 'open',
                opened_at = excluded.opened_at, solved_at = NULL
            WHERE exception_tickets.status = 'solved'
            """)
        guard let row = try await rows("SELECT claimed_by, ticket_id FROM exception_tickets WHERE connection = \(bind: connection) AND key = \(bind: key)").first else {
            throw StoreError.notFound("exception ticket claim \(key)")
        }
        return (try row.decode(column: "claimed_by", as: String.self), try row.decode(column: "ticket_id", as: Int64?.self))
    }

    public func setExceptionTicket(connection: String, key: String, claimant: String, ticketID: Int64) async throws {
        try await run("""
            UPDATE exception_tickets SET ticket_id = \(bind: ticketID) WHERE connection = \(bind: connection) AND key = \(bind: key) AND claimed_by = \(bind: claimant)
            """)
    }

    /// The open ticket of an exception, if any.
    public func openExceptionTicket(connection: String, key: String) async throws -> Int64? {
        try await rows("""
            SELECT ticket_id FROM exception_tickets WHERE connection = \(bind: connection) AND key = \(bind: key) AND status = 'open'
            """).first.flatMap { try $0.decode(column: "ticket_id", as: Int64?.self) }
    }

    public func markExceptionTicketSolved(connection: String, key: String, now: Int64) async throws {
        try await run("""
            UPDATE exception_tickets SET status = 'solved', solved_at = \(bind: now) WHERE connection = \(bind: connection) AND key = \(bind: key)
            """)
    }
}

extension PublishingException {
    init(row: any SQLRow) throws {
        self.init(connection: try row.decode(column: "connection", as: String.self), key: try row.decode(column: "key", as: String.self),
                  kind: try row.decode(column: "kind", as: String.self), workID: try row.decode(column: "work_id", as: Int64?.self),
                  isbn13: try row.decode(column: "isbn13", as: String?.self), title: try row.decode(column: "title", as: String?.self),
                  summary: try row.decode(column: "summary", as: String.self), details: try row.decode(column: "details", as: String.self),
                  status: try row.decode(column: "status", as: String.self), occurrence: Int(try row.decode(column: "occurrence", as: Int64.self)),
                  raisedAt: try row.decode(column: "raised_at", as: Int64.self), clearedAt: try row.decode(column: "cleared_at", as: Int64?.self))
    }
}

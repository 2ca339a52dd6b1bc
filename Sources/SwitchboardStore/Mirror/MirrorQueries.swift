import Foundation
import SQLKit

/// Counts of what the mirror holds, as `switchboard mirror stats` prints them.
public struct MirrorStats: Sendable, Equatable, Codable {
    public var tickets: Int
    public var comments: Int
    public var users: Int
    public var organizations: Int
    /// Distinct tags on tickets that are not deleted (users' and organizations' tags are kept but not counted).
    public var tags: Int

    public init(tickets: Int, comments: Int, users: Int, organizations: Int, tags: Int) {
        self.tickets = tickets; self.comments = comments; self.users = users; self.organizations = organizations; self.tags = tags
    }
}

/// A mirrored record's identity and version, for comparing the mirror with its source.
public struct MirrorRecordVersion: Sendable, Equatable, Hashable {
    public var id: Int64
    public var updatedAt: Int64?

    public init(id: Int64, updatedAt: Int64?) {
        self.id = id
        self.updatedAt = updatedAt
    }
}

/// An organization with its ticket count and customer link, for reports.
public struct OrganizationTicketCount: Sendable, Equatable {
    public var organizationID: Int64
    public var name: String?
    public var tickets: Int
    public var customerID: String?
    public var customerName: String?
    public var matchMethod: String?
}

/// Read-side queries over the Zendesk mirror.
extension StoreSession {
    public func mirrorStats(connection: String? = nil) async throws -> MirrorStats {
        let filter: SQLQueryString = connection.map { "WHERE connection = \(bind: $0)" } ?? ""
        func count(_ table: String) async throws -> Int {
            Int(try await scalar("SELECT COUNT(*) AS value FROM \(ident: table) " + filter))
        }
        return MirrorStats(
            tickets: try await count("zd_tickets"),
            comments: try await count("zd_comments"),
            users: try await count("zd_users"),
            organizations: try await count("zd_organizations"),
            tags: Int(try await scalar(ticketTagsQuery(connection)))
        )
    }

    /// Distinct tags of tickets that are not deleted: the tag list Zendesk itself shows and filters by.
    private func ticketTagsQuery(_ connection: String?) -> SQLQueryString {
        var query: SQLQueryString = """
            SELECT COUNT(DISTINCT g.tag) AS value FROM zd_tags g
            JOIN zd_tickets t ON t.connection = g.connection AND t.id = g.object_id
            WHERE g.object_type = 'ticket' AND (t.status IS NULL OR t.status <> 'deleted')
            """
        if let connection { query += " AND g.connection = \(bind: connection)" }
        return query
    }

    public func ticketVersions(connection: String) async throws -> [MirrorRecordVersion] {
        try await versions("zd_tickets", connection: connection)
    }

    public func userVersions(connection: String) async throws -> [MirrorRecordVersion] {
        try await versions("zd_users", connection: connection)
    }

    public func organizationVersions(connection: String) async throws -> [MirrorRecordVersion] {
        try await versions("zd_organizations", connection: connection)
    }

    private func versions(_ table: String, connection: String) async throws -> [MirrorRecordVersion] {
        try await rows("SELECT id, updated_at FROM \(ident: table) WHERE connection = \(bind: connection) ORDER BY id").map {
            MirrorRecordVersion(id: try $0.decode(column: "id", as: Int64.self), updatedAt: try $0.decode(column: "updated_at", as: Int64?.self))
        }
    }

    /// The newest ticket version (Unix seconds) in the mirror, if any.
    public func newestTicketVersion(connection: String) async throws -> Int64? {
        guard let row = try await sql.raw("SELECT MAX(version) AS value FROM zd_tickets WHERE connection = \(bind: connection)").first() else { return nil }
        return try row.decode(column: "value", as: Int64?.self)
    }

    /// Comments per ticket id.
    public func commentCounts(connection: String) async throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for row in try await rows("SELECT ticket_id, COUNT(*) AS value FROM zd_comments WHERE connection = \(bind: connection) GROUP BY ticket_id") {
            counts[try row.decode(column: "ticket_id", as: Int64.self)] = Int(try row.decode(column: "value", as: Int64.self))
        }
        return counts
    }

    public func ticket(connection: String, id: Int64) async throws -> MirrorTicket? {
        guard let row = try await rows("SELECT * FROM zd_tickets WHERE connection = \(bind: connection) AND id = \(bind: id)").first else { return nil }
        return MirrorTicket(
            id: try row.decode(column: "id", as: Int64.self), subject: try row.decode(column: "subject", as: String?.self),
            status: try row.decode(column: "status", as: String?.self), priority: try row.decode(column: "priority", as: String?.self),
            type: try row.decode(column: "type", as: String?.self), requesterID: try row.decode(column: "requester_id", as: Int64?.self),
            submitterID: try row.decode(column: "submitter_id", as: Int64?.self), assigneeID: try row.decode(column: "assignee_id", as: Int64?.self),
            organizationID: try row.decode(column: "organization_id", as: Int64?.self), groupID: try row.decode(column: "group_id", as: Int64?.self),
            brandID: try row.decode(column: "brand_id", as: Int64?.self), externalID: try row.decode(column: "external_id", as: String?.self),
            viaChannel: try row.decode(column: "via_channel", as: String?.self), tags: JSONText.decodeArray(try row.decode(column: "tags", as: String?.self)),
            customFieldsJSON: try row.decode(column: "custom_fields", as: String.self), createdAt: try row.decode(column: "created_at", as: Int64?.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64?.self), version: try row.decode(column: "version", as: Int64.self))
    }

    /// Comments of one ticket, oldest first.
    public func comments(connection: String, ticketID: Int64) async throws -> [MirrorComment] {
        try await rows("SELECT * FROM zd_comments WHERE connection = \(bind: connection) AND ticket_id = \(bind: ticketID) ORDER BY created_at, id").map { row in
            MirrorComment(id: try row.decode(column: "id", as: Int64.self), ticketID: try row.decode(column: "ticket_id", as: Int64.self),
                          authorID: try row.decode(column: "author_id", as: Int64?.self), body: try row.decode(column: "body", as: String?.self),
                          isPublic: try row.decode(column: "is_public", as: Bool.self), viaChannel: try row.decode(column: "via_channel", as: String?.self),
                          attachmentsJSON: try row.decode(column: "attachments", as: String.self), auditID: try row.decode(column: "audit_id", as: Int64?.self),
                          createdAt: try row.decode(column: "created_at", as: Int64?.self))
        }
    }

    /// Distinct tag names.
    public func distinctTags(connection: String) async throws -> Set<String> {
        Set(try await rows("SELECT DISTINCT tag FROM zd_tags WHERE connection = \(bind: connection)").map { try $0.decode(column: "tag", as: String.self) })
    }

    /// Organizations ordered by how many tickets they have, with their customer links.
    public func topOrganizations(connection: String, limit: Int) async throws -> [OrganizationTicketCount] {
        try await rows("""
            SELECT o.id AS organization_id, o.name AS name, COUNT(t.id) AS tickets, l.customer_id AS customer_id, c.name AS customer_name, l.method AS method
            FROM zd_organizations o
            LEFT JOIN zd_tickets t ON t.connection = o.connection AND t.organization_id = o.id
            LEFT JOIN customer_org_links l ON l.connection = o.connection AND l.organization_id = o.id
            LEFT JOIN customers c ON c.id = l.customer_id
            WHERE o.connection = \(bind: connection)
            GROUP BY o.id, o.name, l.customer_id, c.name, l.method
            ORDER BY COUNT(t.id) DESC, o.id
            LIMIT \(literal: limit)
            """).map { row in
            OrganizationTicketCount(
                organizationID: try row.decode(column: "organization_id", as: Int64.self), name: try row.decode(column: "name", as: String?.self),
                tickets: Int(try row.decode(column: "tickets", as: Int64.self)), customerID: try row.decode(column: "customer_id", as: String?.self),
                customerName: try row.decode(column: "customer_name", as: String?.self), matchMethod: try row.decode(column: "method", as: String?.self))
        }
    }

    /// Remove everything mirrored from one connection (used by `disconnect --purge`).
    public func purgeMirror(connection: String) async throws {
        for table in ["zd_tickets", "zd_comments", "zd_users", "zd_organizations", "zd_tags", "quarantine", "customer_org_links", "sync_cursors", "sync_runs"] {
            try await run("DELETE FROM \(ident: table) WHERE connection = \(bind: connection)")
        }
    }
}

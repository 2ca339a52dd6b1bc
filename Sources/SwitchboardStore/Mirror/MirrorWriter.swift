import Foundation
import SQLKit

/// Writes pages of mirrored records. Each call is meant to run inside the transaction that also saves the
/// stream's cursor, so a page and its resume point commit together.
///
/// Records are deduplicated within the page, compared with the stored version, and written only when newer;
/// tags are kept both on the record (JSON) and in `zd_tags`, one row per tag, for filtering and counting.
extension StoreSession {
    public func upsertTickets(_ tickets: [MirrorTicket], connection: String, now: Int64) async throws -> UpsertOutcome {
        let (fresh, outcome) = try await newerOnly(tickets, table: "zd_tickets", connection: connection)
        let rows: [[SQLValue]] = fresh.map { t in
            [.text(connection), .int(t.id), .text(t.subject), .text(t.status), .text(t.priority), .text(t.type), .int(t.requesterID), .int(t.submitterID),
             .int(t.assigneeID), .int(t.organizationID), .int(t.groupID), .int(t.brandID), .text(t.externalID), .text(t.viaChannel),
             .text(JSONText.array(t.tags)), .text(t.customFieldsJSON), .int(t.createdAt), .int(t.updatedAt), .int(t.version), .int(t.fingerprint), .int(now)]
        }
        try await Self.ticketUpsert.run(rows, on: self)
        try await replaceTags(fresh.map { ($0.id, $0.tags) }, objectType: "ticket", connection: connection)
        return outcome
    }

    public func upsertUsers(_ users: [MirrorUser], connection: String, now: Int64) async throws -> UpsertOutcome {
        let (fresh, outcome) = try await newerOnly(users, table: "zd_users", connection: connection)
        let rows: [[SQLValue]] = fresh.map { u in
            [.text(connection), .int(u.id), .text(u.name), .text(u.email?.lowercased()), .text(u.phone), .text(u.role), .int(u.organizationID), .text(u.externalID),
             .bool(u.active), .bool(u.suspended), .text(u.timeZone), .text(u.locale), .text(JSONText.array(u.tags)), .text(u.userFieldsJSON),
             .int(u.createdAt), .int(u.updatedAt), .int(u.version), .int(u.fingerprint), .int(now)]
        }
        try await Self.userUpsert.run(rows, on: self)
        try await replaceTags(fresh.map { ($0.id, $0.tags) }, objectType: "user", connection: connection)
        return outcome
    }

    public func upsertOrganizations(_ organizations: [MirrorOrganization], connection: String, now: Int64) async throws -> UpsertOutcome {
        let (fresh, outcome) = try await newerOnly(organizations, table: "zd_organizations", connection: connection)
        let rows: [[SQLValue]] = fresh.map { o in
            [.text(connection), .int(o.id), .text(o.name), .text(JSONText.array(o.domainNames.map { $0.lowercased() })), .text(o.externalID), .text(o.details),
             .text(o.notes), .int(o.groupID), .text(JSONText.array(o.tags)), .text(o.organizationFieldsJSON), .int(o.createdAt), .int(o.updatedAt),
             .int(o.deletedAt), .int(o.version), .int(o.fingerprint), .int(now)]
        }
        try await Self.organizationUpsert.run(rows, on: self)
        try await replaceTags(fresh.map { ($0.id, $0.tags) }, objectType: "organization", connection: connection)
        return outcome
    }

    /// Comments are written as received; a later copy (after a redaction, say) replaces the earlier one.
    public func upsertComments(_ comments: [MirrorComment], connection: String, now: Int64) async throws -> UpsertOutcome {
        var latest: [Int64: MirrorComment] = [:]
        for comment in comments { latest[comment.id] = comment }
        let existing = try await existingIDs(Array(latest.keys), table: "zd_comments", connection: connection)
        var outcome = UpsertOutcome()
        let rows: [[SQLValue]] = latest.values.sorted { $0.id < $1.id }.map { c in
            if existing.contains(c.id) { outcome.updated.append(c.id) } else { outcome.inserted.append(c.id) }
            return [.text(connection), .int(c.id), .int(c.ticketID), .int(c.authorID), .text(c.body), .bool(c.isPublic), .text(c.viaChannel),
                    .text(c.attachmentsJSON), .int(c.auditID), .int(c.createdAt), .int(now)]
        }
        outcome.unchanged = comments.count - rows.count
        try await Self.commentUpsert.run(rows, on: self)
        return outcome
    }

    // MARK: - Statements

    static let ticketUpsert = BatchUpsert(
        table: "zd_tickets",
        columns: ["connection", "id", "subject", "status", "priority", "type", "requester_id", "submitter_id", "assignee_id", "organization_id", "group_id",
                  "brand_id", "external_id", "via_channel", "tags", "custom_fields", "created_at", "updated_at", "version", "fingerprint", "synced_at"],
        conflictColumns: ["connection", "id"],
        updateColumns: ["subject", "status", "priority", "type", "requester_id", "submitter_id", "assignee_id", "organization_id", "group_id", "brand_id",
                        "external_id", "via_channel", "tags", "custom_fields", "created_at", "updated_at", "version", "fingerprint", "synced_at"],
        updateCondition: "zd_tickets.version <= excluded.version")

    static let userUpsert = BatchUpsert(
        table: "zd_users",
        columns: ["connection", "id", "name", "email", "phone", "role", "organization_id", "external_id", "active", "suspended", "time_zone", "locale",
                  "tags", "user_fields", "created_at", "updated_at", "version", "fingerprint", "synced_at"],
        conflictColumns: ["connection", "id"],
        updateColumns: ["name", "email", "phone", "role", "organization_id", "external_id", "active", "suspended", "time_zone", "locale", "tags",
                        "user_fields", "created_at", "updated_at", "version", "fingerprint", "synced_at"],
        updateCondition: "zd_users.version <= excluded.version")

    static let organizationUpsert = BatchUpsert(
        table: "zd_organizations",
        columns: ["connection", "id", "name", "domain_names", "external_id", "details", "notes", "group_id", "tags", "organization_fields", "created_at",
                  "updated_at", "deleted_at", "version", "fingerprint", "synced_at"],
        conflictColumns: ["connection", "id"],
        updateColumns: ["name", "domain_names", "external_id", "details", "notes", "group_id", "tags", "organization_fields", "created_at", "updated_at",
                        "deleted_at", "version", "fingerprint", "synced_at"],
        updateCondition: "zd_organizations.version <= excluded.version")

    static let commentUpsert = BatchUpsert(
        table: "zd_comments",
        columns: ["connection", "id", "ticket_id", "author_id", "body", "is_public", "via_channel", "attachments", "audit_id", "created_at", "synced_at"],
        conflictColumns: ["connection", "id"],
        updateColumns: ["ticket_id", "author_id", "body", "is_public", "via_channel", "attachments", "audit_id", "created_at", "synced_at"])

    static let tagInsert = BatchUpsert(table: "zd_tags", columns: ["connection", "object_type", "object_id", "tag"],
                                       conflictColumns: ["connection", "object_type", "object_id", "tag"], updateColumns: [])

    // MARK: - Helpers

    /// Keep the newest copy of each record in the page, and of those only the ones that are newer than the
    /// stored copy, or as new but different (two changes within one second share a version).
    private func newerOnly<Record: VersionedMirrorRecord>(_ records: [Record], table: String, connection: String) async throws -> ([Record], UpsertOutcome) {
        var newest: [Int64: Record] = [:]
        for record in records {
            if let current = newest[record.id], current.version > record.version { continue }
            newest[record.id] = record
        }
        let stored = try await storedVersions(Array(newest.keys), table: table, connection: connection)
        var outcome = UpsertOutcome()
        var fresh: [Record] = []
        for (key, record) in newest.sorted(by: { $0.key < $1.key }) {
            if let (storedVersion, storedFingerprint) = stored[key] {
                if record.version > storedVersion || (record.version == storedVersion && record.fingerprint != storedFingerprint) {
                    outcome.updated.append(key)
                    fresh.append(record)
                }
            } else {
                outcome.inserted.append(key)
                fresh.append(record)
            }
        }
        outcome.unchanged = records.count - fresh.count
        return (fresh, outcome)
    }

    private func storedVersions(_ ids: [Int64], table: String, connection: String) async throws -> [Int64: (Int64, Int64)] {
        var versions: [Int64: (Int64, Int64)] = [:]
        for chunk in ids.chunked(into: 5_000) where !chunk.isEmpty {
            let query: SQLQueryString = "SELECT id, version, fingerprint FROM \(ident: table) WHERE connection = \(bind: connection) AND id IN (\(IntList(values: Array(chunk))))"
            for row in try await rows(query) {
                versions[try row.decode(column: "id", as: Int64.self)] = (try row.decode(column: "version", as: Int64.self), try row.decode(column: "fingerprint", as: Int64.self))
            }
        }
        return versions
    }

    private func existingIDs(_ ids: [Int64], table: String, connection: String) async throws -> Set<Int64> {
        var found = Set<Int64>()
        for chunk in ids.chunked(into: 5_000) where !chunk.isEmpty {
            let query: SQLQueryString = "SELECT id FROM \(ident: table) WHERE connection = \(bind: connection) AND id IN (\(IntList(values: Array(chunk))))"
            for row in try await rows(query) { found.insert(try row.decode(column: "id", as: Int64.self)) }
        }
        return found
    }

    private func replaceTags(_ entries: [(Int64, [String])], objectType: String, connection: String) async throws {
        guard !entries.isEmpty else { return }
        for chunk in entries.map(\.0).chunked(into: 5_000) {
            try await run("DELETE FROM zd_tags WHERE connection = \(bind: connection) AND object_type = \(bind: objectType) AND object_id IN (\(IntList(values: Array(chunk))))")
        }
        var rows: [[SQLValue]] = []
        for (id, tags) in entries {
            for tag in Set(tags) { rows.append([.text(connection), .text(objectType), .int(id), .text(tag)]) }
        }
        try await Self.tagInsert.run(rows, on: self)
    }
}

/// A comma-separated list of integer literals for `IN (…)`. Integers cannot inject SQL, and literals keep
/// large lists within the databases' bound-parameter limits.
struct IntList: SQLExpression {
    var values: [Int64]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(values.map(String.init).joined(separator: ", "))
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

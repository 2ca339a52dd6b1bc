import Foundation
import SQLKit
import SwitchboardCore

/// A mirrored Zendesk user version, as the inbound profile feed reads it.
public struct ZendeskUserVersion: Sendable, Equatable {
    public var connection: String
    public var id: Int64
    /// The user's `updated_at` (Unix seconds): the mirror's version of the row.
    public var version: Int64
    /// Raw values, the same the profile rebuild reads (``StoreSession/zendeskUsersForProfiles(after:limit:)``).
    public var record: ProfileFeedRecord
}

/// A value Switchboard pushed to a Zendesk user, with the profile value's provenance.
public struct StoredZendeskPush: Sendable, Equatable {
    public var connection: String
    public var userID: Int64
    public var profileID: String
    /// The source and activity whose change was pushed.
    public var source: ProfileSource
    public var activityID: String
    public var push: ZendeskPush
    public var settledAt: Int64?

    public init(connection: String, userID: Int64, profileID: String, source: ProfileSource, activityID: String, push: ZendeskPush, settledAt: Int64? = nil) {
        self.connection = connection
        self.userID = userID
        self.profileID = profileID
        self.source = source
        self.activityID = activityID
        self.push = push
        self.settledAt = settledAt
    }
}

/// The store side of profile sync with Zendesk users: mirrored user versions in write order, the versions already
/// fed into profiles, the values pushed to Zendesk, and the history log read by sequence for the outbound relay.
extension StoreSession {
    /// Mirrored users of `connection` from version `from` on (inclusive), after `(version, id)` `after` when given,
    /// in `(version, id)` order, with their organization's name.
    public func zendeskUserVersions(connection: String, from: Int64, after: (version: Int64, id: Int64)?, limit: Int) async throws -> [ZendeskUserVersion] {
        var query: SQLQueryString = """
            SELECT u.id, u.name, u.email, u.phone, u.external_id, u.time_zone, u.locale, u.created_at, u.updated_at, u.synced_at, u.version,
                   o.name AS organization
            FROM zd_users u LEFT JOIN zd_organizations o ON o.connection = u.connection AND o.id = u.organization_id
            WHERE u.connection = \(bind: connection) AND u.version >= \(bind: from)
            """
        if let after { query += " AND (u.version > \(bind: after.version) OR (u.version = \(bind: after.version) AND u.id > \(bind: after.id)))" }
        query += " ORDER BY u.version, u.id LIMIT \(literal: limit)"
        return try await rows(query).map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            var values: [ProfileField: String] = [:]
            for (column, field) in [("name", ProfileField.name), ("email", .email), ("phone", .phone), ("external_id", .externalID),
                                    ("time_zone", .timeZone), ("locale", .locale), ("organization", .organization)] {
                if let value = try row.decode(column: column, as: String?.self) { values[field] = value }
            }
            let changedAt = try row.decode(column: "updated_at", as: Int64?.self) ?? row.decode(column: "created_at", as: Int64?.self)
                ?? row.decode(column: "synced_at", as: Int64.self)
            return ZendeskUserVersion(connection: connection, id: id, version: try row.decode(column: "version", as: Int64.self),
                                      record: ProfileFeedRecord(identity: "\(connection):\(id)", changedAt: changedAt, values: values))
        }
    }

    /// The last version of each of `userIDs` fed into profiles, with its normalised field values.
    public func zendeskSeenVersions(connection: String, userIDs: [Int64]) async throws -> [Int64: (version: Int64, fields: [ProfileField: String])] {
        guard !userIDs.isEmpty else { return [:] }
        var seen: [Int64: (Int64, [ProfileField: String])] = [:]
        for chunk in stride(from: 0, to: userIDs.count, by: 500).map({ Array(userIDs[$0..<min($0 + 500, userIDs.count)]) }) {
            var query: SQLQueryString = "SELECT user_id, version, fields FROM pf_zendesk_seen WHERE connection = \(bind: connection) AND user_id IN ("
            for (index, id) in chunk.enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            query += ")"
            for row in try await rows(query) {
                seen[try row.decode(column: "user_id", as: Int64.self)] = (try row.decode(column: "version", as: Int64.self),
                                                                          Self.decodeFields(try row.decode(column: "fields", as: String.self)))
            }
        }
        return seen
    }

    /// Remember the versions fed into profiles (an older version never replaces a newer one).
    public func saveZendeskSeenVersions(connection: String, _ versions: [(userID: Int64, version: Int64, fields: [ProfileField: String])], now: Int64) async throws {
        try await BatchUpsert(table: "pf_zendesk_seen", columns: ["connection", "user_id", "version", "fields", "seen_at"], conflictColumns: ["connection", "user_id"],
                              updateColumns: ["version", "fields", "seen_at"], updateCondition: "pf_zendesk_seen.version <= excluded.version")
            .run(versions.map { [.text(connection), .int($0.userID), .int($0.version), .text(Self.encodeFields($0.fields)), .int(now)] }, on: self)
    }

    /// Record pushes (one per field; a newer push of a field replaces the older one).
    public func recordZendeskPushes(_ pushes: [StoredZendeskPush]) async throws {
        try await BatchUpsert(table: "pf_zendesk_pushes", columns: ["connection", "user_id", "field", "value", "accepted_value", "profile_id", "source", "activity_id",
                                                                    "pushed_at", "user_updated_at", "state", "settled_at"],
                              conflictColumns: ["connection", "user_id", "field"],
                              updateColumns: ["value", "accepted_value", "profile_id", "source", "activity_id", "pushed_at", "user_updated_at", "state", "settled_at"])
            .run(pushes.map { stored in
                [.text(stored.connection), .int(stored.userID), .text(stored.push.field.rawValue), .text(stored.push.value), .text(stored.push.acceptedValue),
                 .text(stored.profileID), .text(stored.source.rawValue), .text(stored.activityID), .int(stored.push.pushedAt), .int(stored.push.userUpdatedAt),
                 .text(stored.push.state.rawValue), .int(stored.settledAt)]
            }, on: self)
    }

    /// The pushes to one user (every state), by field.
    public func zendeskPushes(connection: String, userID: Int64) async throws -> [StoredZendeskPush] {
        try await rows("SELECT * FROM pf_zendesk_pushes WHERE connection = \(bind: connection) AND user_id = \(bind: userID) ORDER BY field")
            .compactMap(Self.push(row:))
    }

    /// The open pushes (sending or sent) to any of `userIDs`.
    public func openZendeskPushes(connection: String, userIDs: [Int64]) async throws -> [Int64: [StoredZendeskPush]] {
        guard !userIDs.isEmpty else { return [:] }
        var open: [Int64: [StoredZendeskPush]] = [:]
        for chunk in stride(from: 0, to: userIDs.count, by: 500).map({ Array(userIDs[$0..<min($0 + 500, userIDs.count)]) }) {
            var query: SQLQueryString = "SELECT * FROM pf_zendesk_pushes WHERE connection = \(bind: connection) AND state IN ('sending', 'sent') AND user_id IN ("
            for (index, id) in chunk.enumerated() { query += index == 0 ? "\(bind: id)" : ", \(bind: id)" }
            query += ")"
            for push in try await rows(query).compactMap(Self.push(row:)) { open[push.userID, default: []].append(push) }
        }
        return open
    }

    /// Settle pushes: set their state (echoed or superseded) unless a newer push of the field replaced them meanwhile.
    public func settleZendeskPushes(connection: String, userID: Int64, _ pushes: [ZendeskPush], now: Int64) async throws {
        for push in pushes {
            try await run("""
                UPDATE pf_zendesk_pushes SET state = \(bind: push.state.rawValue), settled_at = \(bind: now)
                WHERE connection = \(bind: connection) AND user_id = \(bind: userID) AND field = \(bind: push.field.rawValue)
                  AND pushed_at = \(bind: push.pushedAt) AND value = \(bind: push.value) AND state IN ('sending', 'sent')
                """)
        }
    }

    /// History entries after `seq`, in order (the outbound relay's feed).
    public func profileHistory(afterSeq seq: Int64, limit: Int) async throws -> [ProfileHistoryEntry] {
        try await rows("SELECT * FROM pf_history WHERE seq > \(bind: seq) ORDER BY seq LIMIT \(literal: limit)").compactMap(ProfileHistoryEntry.init(row:))
    }

    /// The Zendesk identities (`connection:user id`) of a profile (resolved through merges).
    public func zendeskIdentities(profileID: String) async throws -> [String] {
        guard let resolved = try await resolveProfileID(profileID) else { return [] }
        return try await rows("SELECT source_id FROM pf_identities WHERE profile_id = \(bind: resolved) AND source = 'zendesk' ORDER BY source_id")
            .map { try $0.decode(column: "source_id", as: String.self) }
    }

    private static func push(row: any SQLRow) throws -> StoredZendeskPush? {
        guard let field = ProfileField(rawValue: try row.decode(column: "field", as: String.self)),
              let state = ZendeskPush.State(rawValue: try row.decode(column: "state", as: String.self)),
              let source = ProfileSource(rawValue: try row.decode(column: "source", as: String.self)) else { return nil }
        return StoredZendeskPush(
            connection: try row.decode(column: "connection", as: String.self), userID: try row.decode(column: "user_id", as: Int64.self),
            profileID: try row.decode(column: "profile_id", as: String.self), source: source, activityID: try row.decode(column: "activity_id", as: String.self),
            push: ZendeskPush(field: field, value: try row.decode(column: "value", as: String.self), acceptedValue: try row.decode(column: "accepted_value", as: String?.self),
                              pushedAt: try row.decode(column: "pushed_at", as: Int64.self), userUpdatedAt: try row.decode(column: "user_updated_at", as: Int64?.self),
                              state: state),
            settledAt: try row.decode(column: "settled_at", as: Int64?.self))
    }

    static func encodeFields(_ fields: [ProfileField: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let plain = Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
        return (try? String(decoding: encoder.encode(plain), as: UTF8.self)) ?? "{}"
    }

    static func decodeFields(_ text: String) -> [ProfileField: String] {
        guard let plain = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else { return [:] }
        var fields: [ProfileField: String] = [:]
        for (name, value) in plain { if let field = ProfileField(rawValue: name) { fields[field] = value } }
        return fields
    }
}

extension StoreSession {
    /// Remove a push recorded as `sending` that Zendesk refused (nothing changed there, so no echo will come).
    public func dropSendingZendeskPush(connection: String, userID: Int64, field: ProfileField, pushedAt: Int64) async throws {
        try await run("""
            DELETE FROM pf_zendesk_pushes WHERE connection = \(bind: connection) AND user_id = \(bind: userID) AND field = \(bind: field.rawValue)
              AND pushed_at = \(bind: pushedAt) AND state = 'sending'
            """)
    }
}

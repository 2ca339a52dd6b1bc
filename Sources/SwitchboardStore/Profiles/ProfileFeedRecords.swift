import Foundation
import SQLKit
import SwitchboardCore

/// A person as one of Switchboard's existing tables holds them, in the shape profile feeders turn into activities:
/// the identity in its source, the time the record last changed, and raw (not yet normalised) field values.
public struct ProfileFeedRecord: Sendable, Equatable {
    public var identity: String
    /// Unix seconds: when the record last changed in its source (or was last seen, when the source has no time).
    public var changedAt: Int64
    public var values: [ProfileField: String]

    public init(identity: String, changedAt: Int64, values: [ProfileField: String]) {
        self.identity = identity
        self.changedAt = changedAt
        self.values = values
    }
}

/// Reads the people Switchboard already mirrors — Zendesk users, Consonance contributors, the WhatsApp contacts
/// directory — page by page, for the profile feeders (`switchboard profiles rebuild`).
extension StoreSession {
    /// Zendesk users from the mirror (with their organization's name), after `after` (connection, id), in key order.
    public func zendeskUsersForProfiles(after: (connection: String, id: Int64)?, limit: Int) async throws -> [(connection: String, id: Int64, record: ProfileFeedRecord)] {
        var query: SQLQueryString = """
            SELECT u.connection, u.id, u.name, u.email, u.phone, u.external_id, u.time_zone, u.locale, u.created_at, u.updated_at, u.synced_at,
                   o.name AS organization
            FROM zd_users u LEFT JOIN zd_organizations o ON o.connection = u.connection AND o.id = u.organization_id
            """
        if let after { query += " WHERE (u.connection > \(bind: after.connection) OR (u.connection = \(bind: after.connection) AND u.id > \(bind: after.id)))" }
        query += " ORDER BY u.connection, u.id LIMIT \(literal: limit)"
        return try await rows(query).map { row in
            let connection = try row.decode(column: "connection", as: String.self)
            let id = try row.decode(column: "id", as: Int64.self)
            var values: [ProfileField: String] = [:]
            for (column, field) in [("name", ProfileField.name), ("email", .email), ("phone", .phone), ("external_id", .externalID),
                                    ("time_zone", .timeZone), ("locale", .locale), ("organization", .organization)] {
                if let value = try row.decode(column: column, as: String?.self) { values[field] = value }
            }
            let changedAt = try row.decode(column: "updated_at", as: Int64?.self) ?? row.decode(column: "created_at", as: Int64?.self)
                ?? row.decode(column: "synced_at", as: Int64.self)
            return (connection, id, ProfileFeedRecord(identity: "\(connection):\(id)", changedAt: changedAt, values: values))
        }
    }

    /// Consonance contributors, one per (connection, contact), with the most recent time their works were seen.
    public func consonanceContributorsForProfiles() async throws -> [ProfileFeedRecord] {
        try await rows("""
            SELECT c.connection, c.contact_id, MIN(c.name) AS name, MAX(c.email) AS email, MAX(c.phone) AS phone, MAX(w.seen_at) AS seen_at
            FROM cn_contributors c LEFT JOIN cn_works w ON w.connection = c.connection AND w.id = c.work_id
            GROUP BY c.connection, c.contact_id ORDER BY c.connection, c.contact_id
            """).map { row in
            var values: [ProfileField: String] = [.name: try row.decode(column: "name", as: String.self)]
            if let email = try row.decode(column: "email", as: String?.self) { values[.email] = email }
            if let phone = try row.decode(column: "phone", as: String?.self) { values[.phone] = phone }
            let identity = "\(try row.decode(column: "connection", as: String.self)):\(try row.decode(column: "contact_id", as: Int64.self))"
            return ProfileFeedRecord(identity: identity, changedAt: try row.decode(column: "seen_at", as: Int64?.self) ?? 0, values: values)
        }
    }

    /// Contacts of the WhatsApp directory after contact id `after`, in id order, with the WhatsApp id they wrote from
    /// and when they last wrote (nil when they never did).
    public func directoryContactsForProfiles(after: String?, limit: Int) async throws -> [(record: ProfileFeedRecord, waID: String?, lastInboundAt: Int64?)] {
        var query: SQLQueryString = "SELECT id, name, phone, wa_id, email, language, last_inbound_at, updated_at FROM wa_contacts"
        if let after { query += " WHERE id > \(bind: after)" }
        query += " ORDER BY id LIMIT \(literal: limit)"
        return try await rows(query).map { row in
            var values: [ProfileField: String] = [.name: try row.decode(column: "name", as: String.self), .phone: try row.decode(column: "phone", as: String.self)]
            if let email = try row.decode(column: "email", as: String?.self) { values[.email] = email }
            if let language = try row.decode(column: "language", as: String?.self) { values[.locale] = language.replacingOccurrences(of: "_", with: "-") }
            return (ProfileFeedRecord(identity: try row.decode(column: "id", as: String.self), changedAt: try row.decode(column: "updated_at", as: Int64.self), values: values),
                    try row.decode(column: "wa_id", as: String?.self), try row.decode(column: "last_inbound_at", as: Int64?.self))
        }
    }
}

import Foundation
import SQLKit
import SwitchboardCore

/// What ``StoreSession/upsertContact(_:now:)`` did.
public enum ContactUpsertOutcome: String, Sendable, Equatable {
    case created, updated, unchanged
}

/// The WhatsApp contacts directory (see ``MessagingContact``): one contact per phone number, found by number,
/// WhatsApp id, email, Consonance contact or role.
extension StoreSession {
    /// Add a contact, or bring the one with this phone number up to date. Fields the details leave `nil` keep their
    /// stored values; roles, when given, replace the stored ones. Consent and title links are not touched (see
    /// ``optInContact(id:at:)`` and ``linkContact(id:toTitle:role:now:)``).
    @discardableResult
    public func upsertContact(_ details: ContactDetails, now: Int64) async throws -> (contact: MessagingContact, outcome: ContactUpsertOutcome) {
        if let existing = try await self.contact(phone: details.phone) {
            return try await update(existing, with: details, now: now)
        }
        let created = MessagingContact(name: details.name, phone: details.phone, waID: details.waID, email: details.email?.lowercased(),
                                      language: details.language, consonanceContactID: details.consonanceContactID,
                                      roles: Array(Set(details.roles ?? [])).sorted(), createdAt: now)
        let inserted = try await rows("""
            INSERT INTO wa_contacts (id, name, phone, wa_id, email, language, consonance_contact_id, opted_in, opted_in_at, opted_out_at,
                                     opt_out_reason, last_inbound_at, created_at, updated_at)
            VALUES (\(bind: created.id), \(bind: created.name), \(bind: created.phone.e164), \(SQLValue.text(created.waID)), \(SQLValue.text(created.email)),
                    \(SQLValue.text(created.language)), \(SQLValue.int(created.consonanceContactID)), \(bind: false), NULL, NULL, NULL, NULL,
                    \(bind: now), \(bind: now))
            ON CONFLICT (phone) DO NOTHING RETURNING id
            """)
        guard !inserted.isEmpty else {
            // Another node added the number between the lookup and the insert.
            guard let existing = try await self.contact(phone: details.phone) else { throw WhatsAppStoreError.unknownContact(details.phone.e164) }
            return try await update(existing, with: details, now: now)
        }
        try await replaceContactRoles(id: created.id, roles: created.roles, stored: false)
        return (created, .created)
    }

    private func update(_ existing: MessagingContact, with details: ContactDetails, now: Int64) async throws -> (contact: MessagingContact, outcome: ContactUpsertOutcome) {
        var contact = existing
        contact.name = details.name
        contact.waID = details.waID ?? existing.waID
        contact.email = details.email?.lowercased() ?? existing.email
        contact.language = details.language ?? existing.language
        contact.consonanceContactID = details.consonanceContactID ?? existing.consonanceContactID
        if let roles = details.roles { contact.roles = Array(Set(roles)).sorted() }
        guard contact != existing else { return (existing, .unchanged) }
        contact.updatedAt = now
        try await run("""
            UPDATE wa_contacts SET name = \(bind: contact.name), wa_id = \(SQLValue.text(contact.waID)), email = \(SQLValue.text(contact.email)),
                language = \(SQLValue.text(contact.language)), consonance_contact_id = \(SQLValue.int(contact.consonanceContactID)), updated_at = \(bind: now)
            WHERE id = \(bind: contact.id)
            """)
        if contact.roles != existing.roles { try await replaceContactRoles(id: contact.id, roles: contact.roles) }
        return (contact, .updated)
    }

    /// Store `roles` as the contact's roles; `stored: false` for a contact just inserted, which has none to remove.
    private func replaceContactRoles(id: String, roles: [ContactRole], stored: Bool = true) async throws {
        if stored { try await run("DELETE FROM wa_contact_roles WHERE contact_id = \(bind: id)") }
        guard !roles.isEmpty else { return }
        try await BatchUpsert(table: "wa_contact_roles", columns: ["contact_id", "role"], conflictColumns: ["contact_id", "role"], updateColumns: [])
            .run(roles.map { [.text(id), .text($0.rawValue)] }, on: self)
    }

    public func contact(id: String) async throws -> MessagingContact? {
        try await loadContacts("SELECT * FROM wa_contacts WHERE id = \(bind: id)").first
    }

    public func contact(phone: PhoneNumber) async throws -> MessagingContact? {
        try await loadContacts("SELECT * FROM wa_contacts WHERE phone = \(bind: phone.e164)").first
    }

    /// The contact WhatsApp knows by this id (`from` of an inbound message, `recipient_id` of a status): the one whose
    /// reported `wa_id` it is, else the one whose number has these digits.
    public func contact(waID: String) async throws -> MessagingContact? {
        let digits = waID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !digits.isEmpty else { return nil }
        return try await loadContacts("""
            SELECT * FROM wa_contacts WHERE wa_id = \(bind: digits) OR phone = \(bind: "+" + digits)
            ORDER BY CASE WHEN wa_id = \(bind: digits) THEN 0 ELSE 1 END, created_at LIMIT 1
            """).first
    }

    /// Contacts with this email address (compared in lower case); several people may share one.
    public func contacts(email: String) async throws -> [MessagingContact] {
        try await loadContacts("SELECT * FROM wa_contacts WHERE email = \(bind: email.trimmingCharacters(in: .whitespaces).lowercased()) ORDER BY name, id")
    }

    /// Contacts linked to this Consonance contact.
    public func contacts(consonanceContactID: Int64) async throws -> [MessagingContact] {
        try await loadContacts("SELECT * FROM wa_contacts WHERE consonance_contact_id = \(bind: consonanceContactID) ORDER BY name, id")
    }

    /// The directory, by name: optionally only contacts with a role, only those on a title (then `role` is their role
    /// on that title, see ``contacts(forTitle:roles:)``), only those who opted in (and not out), or whose name contains
    /// a text.
    public func contacts(role: ContactRole? = nil, title: ContactTitleReference? = nil, optedInOnly: Bool = false, nameContains: String? = nil,
                         limit: Int = 500) async throws -> [MessagingContact] {
        var query: SQLQueryString = "SELECT * FROM wa_contacts WHERE 1 = 1"
        if let title {
            let ids = Set(try await contacts(forTitle: title, roles: role.map { [$0] } ?? []).map(\.contact.id))
            guard !ids.isEmpty else { return [] }
            query += " AND id IN (\(binds: Array(ids)))"
        } else if let role {
            query += " AND id IN (SELECT contact_id FROM wa_contact_roles WHERE role = \(bind: role.rawValue))"
        }
        if optedInOnly { query += " AND opted_in = \(bind: true)" }
        if let nameContains, !nameContains.isEmpty { query += " AND LOWER(name) LIKE \(bind: "%" + nameContains.lowercased() + "%")" }
        query += " ORDER BY name, id LIMIT \(literal: max(0, limit))"
        return try await loadContacts(query)
    }

    /// Contacts by id (unknown ids are left out).
    public func contacts(ids: [String]) async throws -> [String: MessagingContact] {
        guard !ids.isEmpty else { return [:] }
        let found = try await loadContacts("SELECT * FROM wa_contacts WHERE id IN (\(binds: Array(Set(ids))))")
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Record the id WhatsApp reported for the contact's number (send responses' `contacts[].wa_id`).
    public func setContactWaID(id: String, waID: String, now: Int64) async throws {
        try await run("UPDATE wa_contacts SET wa_id = \(bind: waID), updated_at = \(bind: now) WHERE id = \(bind: id) AND (wa_id IS NULL OR wa_id <> \(bind: waID))")
    }

    /// Link the contact to a Consonance contact, so Consonance's contributors of a work find them.
    public func linkContact(id: String, toConsonanceContact consonanceContactID: Int64, now: Int64) async throws {
        try await run("UPDATE wa_contacts SET consonance_contact_id = \(bind: consonanceContactID), updated_at = \(bind: now) WHERE id = \(bind: id)")
    }

    /// Remove a contact with their roles and title links (their messages stay, for the record). True when one existed.
    @discardableResult
    public func deleteContact(id: String) async throws -> Bool {
        try await run("DELETE FROM wa_contact_roles WHERE contact_id = \(bind: id)")
        try await run("DELETE FROM wa_contact_titles WHERE contact_id = \(bind: id)")
        return try await !rows("DELETE FROM wa_contacts WHERE id = \(bind: id) RETURNING id").isEmpty
    }

    /// Runs a `SELECT * FROM wa_contacts …` and attaches each contact's roles (one more query for all of them).
    func loadContacts(_ query: SQLQueryString) async throws -> [MessagingContact] {
        let found = try await rows(query)
        guard !found.isEmpty else { return [] }
        let ids = try found.map { try $0.decode(column: "id", as: String.self) }
        var roles: [String: [ContactRole]] = [:]
        for row in try await rows("SELECT contact_id, role FROM wa_contact_roles WHERE contact_id IN (\(binds: ids))") {
            guard let role = ContactRole(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            roles[try row.decode(column: "contact_id", as: String.self), default: []].append(role)
        }
        return try found.map { row in
            let id = try row.decode(column: "id", as: String.self)
            return try MessagingContact(row: row, roles: (roles[id] ?? []).sorted())
        }
    }
}

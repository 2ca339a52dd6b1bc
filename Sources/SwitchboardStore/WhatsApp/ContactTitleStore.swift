import Foundation
import SQLKit
import SwitchboardCore

/// Who works on which title (see ``ContactTitleLink``), and the question recipes ask: "who are this title's author,
/// editor and production lead?"
///
/// A title may be named by any ISBN of any of its formats, by its Consonance work, or by its title text. Links are
/// resolved against the Consonance catalogue snapshot when they are made, and lookups widen an ISBN to the work's
/// other ISBNs, so the ebook's ISBN finds the people linked to the hardback's. Consonance's own contributors (authors
/// and editors) count too, through ``MessagingContact/consonanceContactID``. Work ids are compared across Consonance
/// connections (one catalogue per installation is the norm).
extension StoreSession {
    /// Link the contact to a title in a role (idempotent: linking again refreshes the catalogue resolution).
    @discardableResult
    public func linkContact(id contactID: String, toTitle title: ContactTitleReference, role: ContactRole, now: Int64) async throws -> ContactTitleLink {
        try await linkContact(id: contactID, toTitle: try await resolveTitle(title), role: role, now: now)
    }

    /// What the catalogue snapshot says of `title` now: its ISBN-13, work and title text, as far as they are known.
    func resolveTitle(_ title: ContactTitleReference) async throws -> ResolvedTitle {
        switch title {
        case .isbn(let isbn):
            let product = try await catalogueProducts(isbn13: isbn.isbn13).first
            return ResolvedTitle(reference: title, isbn13: isbn.isbn13, workID: product?.workID, title: product?.title)
        case .work(let id):
            let text = try await rows("SELECT title FROM cn_works WHERE id = \(bind: id) ORDER BY connection LIMIT 1").first?
                .decode(column: "title", as: String.self)
            return ResolvedTitle(reference: title, isbn13: nil, workID: id, title: text)
        case .title(let text):
            let works = try await catalogueWorks(titled: text)
            return ResolvedTitle(reference: title, isbn13: nil, workID: Set(works.map(\.id)).count == 1 ? works.first?.id : nil, title: text)
        }
    }

    /// Link the contact to a title already resolved (an import resolves each title of its list once).
    @discardableResult
    func linkContact(id contactID: String, toTitle resolved: ResolvedTitle, role: ContactRole, now: Int64) async throws -> ContactTitleLink {
        let link = ContactTitleLink(contactID: contactID, titleKey: resolved.reference.key, isbn13: resolved.isbn13, workID: resolved.workID,
                                    title: resolved.title, role: role, createdAt: now)
        try await run("""
            INSERT INTO wa_contact_titles (contact_id, title_key, isbn13, work_id, title, role, created_at)
            VALUES (\(bind: contactID), \(bind: link.titleKey), \(SQLValue.text(link.isbn13)), \(SQLValue.int(link.workID)), \(SQLValue.text(link.title)),
                    \(bind: role.rawValue), \(bind: now))
            ON CONFLICT (contact_id, title_key, role) DO UPDATE SET isbn13 = excluded.isbn13, work_id = excluded.work_id, title = excluded.title
            """)
        return link
    }

    /// Remove the contact's link to a title, in one role or in all. Returns how many links were removed.
    @discardableResult
    public func unlinkContact(id contactID: String, fromTitle title: ContactTitleReference, role: ContactRole? = nil) async throws -> Int {
        var query: SQLQueryString = "DELETE FROM wa_contact_titles WHERE contact_id = \(bind: contactID) AND title_key = \(bind: title.key)"
        if let role { query += " AND role = \(bind: role.rawValue)" }
        query += " RETURNING role"
        return try await rows(query).count
    }

    /// The titles a contact is linked to, in the order they were linked.
    public func titleLinks(contactID: String) async throws -> [ContactTitleLink] {
        try await rows("SELECT * FROM wa_contact_titles WHERE contact_id = \(bind: contactID) ORDER BY created_at, title_key, role")
            .compactMap(ContactTitleLink.init(row:))
    }

    /// The contacts who work on a title, each with their role on it, in role order then by name: directory links,
    /// plus Consonance contributors of the work (creators as ``ContactRole/author``, editors and translators as
    /// ``ContactRole/editor``) whose Consonance contact is in the directory. With `roles`, only those roles.
    public func contacts(forTitle title: ContactTitleReference, roles: [ContactRole] = []) async throws -> [TitleContact] {
        let scope = try await titleScope(title)
        var conditions: [SQLQueryString] = ["title_key IN (\(binds: Array(scope.keys)))"]
        if !scope.workIDs.isEmpty { conditions.append("work_id IN (\(binds: Array(scope.workIDs)))") }
        if !scope.isbns.isEmpty { conditions.append("isbn13 IN (\(binds: Array(scope.isbns)))") }
        var query: SQLQueryString = "SELECT DISTINCT contact_id, role FROM wa_contact_titles WHERE ("
        for (index, condition) in conditions.enumerated() {
            if index > 0 { query += " OR " }
            query += condition
        }
        query += ")"
        var found: [(contactID: String, role: ContactRole, source: TitleContact.Source)] = []
        for row in try await rows(query) {
            guard let role = ContactRole(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            found.append((try row.decode(column: "contact_id", as: String.self), role, .directory))
        }
        if !scope.workIDs.isEmpty {
            for row in try await rows("""
                SELECT DISTINCT c.id AS contact_id, k.role AS role FROM cn_contributors k JOIN wa_contacts c ON c.consonance_contact_id = k.contact_id
                WHERE k.work_id IN (\(binds: Array(scope.workIDs)))
                """) {
                guard let role = Self.contactRole(forContributorCode: try row.decode(column: "role", as: String.self)) else { continue }
                found.append((try row.decode(column: "contact_id", as: String.self), role, .consonance))
            }
        }
        let wanted = Set(roles)
        var seen: Set<String> = []
        let contacts = try await self.contacts(ids: found.map(\.contactID))
        var result: [TitleContact] = []
        for entry in found where wanted.isEmpty || wanted.contains(entry.role) {
            guard let contact = contacts[entry.contactID], seen.insert(entry.contactID + "|" + entry.role.rawValue).inserted else { continue }
            result.append(TitleContact(contact: contact, role: entry.role, source: entry.source))
        }
        return result.sorted { ($0.role, $0.contact.name, $0.contact.id) < ($1.role, $1.contact.name, $1.contact.id) }
    }

    /// Every key, ISBN and work a title reference stands for, widened through the catalogue snapshot.
    private func titleScope(_ title: ContactTitleReference) async throws -> (keys: Set<String>, isbns: Set<String>, workIDs: Set<Int64>) {
        var isbns: Set<String> = []
        var workIDs: Set<Int64> = []
        switch title {
        case .isbn(let isbn):
            isbns.insert(isbn.isbn13)
            workIDs.formUnion(try await catalogueProducts(isbn13: isbn.isbn13).map(\.workID))
        case .work(let id):
            workIDs.insert(id)
        case .title(let text):
            workIDs.formUnion(try await catalogueWorks(titled: text).map(\.id))
        }
        if !workIDs.isEmpty {
            for row in try await rows("SELECT isbn13 FROM cn_products WHERE work_id IN (\(binds: Array(workIDs))) AND isbn13 IS NOT NULL") {
                isbns.insert(try row.decode(column: "isbn13", as: String.self))
            }
        }
        var keys: Set<String> = [title.key]
        keys.formUnion(isbns.map { "isbn:" + $0 })
        keys.formUnion(workIDs.map { "work:\($0)" })
        return (keys, isbns, workIDs)
    }

    /// The directory role a Consonance contributor role (ONIX List 17 code) implies, if any.
    static func contactRole(forContributorCode code: String) -> ContactRole? {
        switch ContributorRole(code: code).group {
        case .creator: .author
        case .editing: .editor
        default: nil
        }
    }
}

/// A title reference with what the catalogue snapshot knows of it, ready to be stored on a link.
struct ResolvedTitle: Sendable {
    var reference: ContactTitleReference
    var isbn13: String?
    var workID: Int64?
    var title: String?
}

import Foundation
import SwitchboardCore
import SwitchboardStore

/// The WhatsApp contacts directory as the admin API and the CLI change it: every input is checked first (a bad field
/// is a ``ContactInputError``, an unknown contact ``ContactNotFound``), so both front ends give the same answers.
public struct ContactsDirectory: Sendable {
    public let store: Store
    let clock: @Sendable () -> Int64

    public init(store: Store, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.clock = clock
    }

    /// Contacts by name; `role` and `title` (ISBN, `work:123` or a title) as typed, `query` a part of the name.
    public func list(role: String? = nil, title: String? = nil, query: String? = nil, limit: Int = 500) async throws -> [MessagingContact] {
        let role = try role.flatMap { text throws(ContactInputError) -> ContactRole? in
            text.isEmpty ? nil : try Self.role(text, field: "role")
        }
        let title = try title.flatMap { text throws(ContactInputError) -> ContactTitleReference? in
            text.isEmpty ? nil : try Self.title(text)
        }
        return try await store.session { try await $0.contacts(role: role, title: title, nameContains: query, limit: limit) }
    }

    /// Add a contact (or update the one with this number). `created` is false when the number was already known.
    public func add(_ change: ContactChange) async throws -> (contact: MessagingContact, created: Bool) {
        let details = try change.details()
        let now = clock()
        return try await store.transaction { session in
            var (contact, outcome) = try await session.upsertContact(details, now: now)
            if change.optedIn == true, let updated = try await session.optInContact(id: contact.id, at: now) { contact = updated }
            return (contact, outcome == .created)
        }
    }

    /// The contact with their title links, or `nil`.
    public func show(id: String) async throws -> (contact: MessagingContact, titles: [ContactTitleLink])? {
        try await store.session { session in
            guard let contact = try await session.contact(id: id) else { return nil }
            return (contact, try await session.titleLinks(contactID: id))
        }
    }

    /// Change some of a contact's fields (the phone number is the directory's key and cannot change).
    public func update(id: String, _ change: ContactChange) async throws -> MessagingContact {
        let now = clock()
        return try await store.transaction { session in
            guard let existing = try await session.contact(id: id) else { throw ContactNotFound(id: id) }
            var (contact, _) = try await session.upsertContact(try change.details(updating: existing), now: now)
            if change.optedIn == true, let updated = try await session.optInContact(id: id, at: now) { contact = updated }
            return contact
        }
    }

    /// Remove a contact with their roles and title links (their messages stay). False when there was none.
    public func remove(id: String) async throws -> Bool {
        try await store.transaction { try await $0.deleteContact(id: id) }
    }

    /// Import a CSV contact list (see ``ContactsCSV``) whole, or report every problem and write nothing.
    public func importCSV(_ text: String, source: String = "contacts.csv", defaultCountryCallingCode: String? = nil) async throws -> ContactImportReport {
        let csv = ContactsCSV(text: text, source: source, defaultCountryCallingCode: defaultCountryCallingCode)
        guard csv.isValid else { return ContactImportReport(rowCount: csv.rows.count, problems: csv.problems, summary: nil) }
        let summary = try await store.importContacts(csv.rows, now: clock())
        return ContactImportReport(rowCount: csv.rows.count, problems: [], summary: summary)
    }

    /// Link the contact to a title (ISBN, `work:123` or title text) in a role.
    public func link(id: String, title: String, role: String) async throws -> ContactTitleLink {
        let reference = try Self.title(title)
        let role = try Self.role(role, field: "role")
        let now = clock()
        return try await store.transaction { session in
            guard try await session.contact(id: id) != nil else { throw ContactNotFound(id: id) }
            return try await session.linkContact(id: id, toTitle: reference, role: role, now: now)
        }
    }

    public func optIn(id: String) async throws -> MessagingContact {
        let now = clock()
        guard let contact = try await store.transaction({ try await $0.optInContact(id: id, at: now) }) else { throw ContactNotFound(id: id) }
        return contact
    }

    public func optOut(id: String, reason: String?) async throws -> MessagingContact {
        let now = clock()
        guard let contact = try await store.transaction({ try await $0.optOutContact(id: id, reason: reason, at: now) }) else { throw ContactNotFound(id: id) }
        return contact
    }

    /// Messages, newest first; `contact` is a contact id or a phone number, `status` a delivery state.
    public func messages(contact: String? = nil, correlation: String? = nil, status: String? = nil, limit: Int = 100) async throws -> [MessageRecord] {
        var filter = MessageRecordFilter(correlation: correlation.flatMap { $0.isEmpty ? nil : $0 })
        if let status, !status.isEmpty {
            guard let state = MessageDeliveryState(rawValue: status.lowercased()) else {
                throw ContactInputError(field: "status", message: "\"\(status)\" is not a delivery state (\(MessageDeliveryState.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            filter.status = state
        }
        let base = filter
        return try await store.session { session in
            var filter = base
            if let contact, !contact.isEmpty {
                if let phone = PhoneNumber(contact), contact.hasPrefix("+") || contact.hasPrefix("00") {
                    guard let found = try await session.contact(phone: phone) else { return [] }
                    filter.contactID = found.id
                } else {
                    filter.contactID = contact
                }
            }
            return try await session.whatsAppMessages(filter, limit: limit)
        }
    }

    static func role(_ text: String, field: String) throws(ContactInputError) -> ContactRole {
        do { return try ContactRole(parsing: text) } catch { throw ContactInputError(field: field, message: error.description) }
    }

    static func title(_ text: String) throws(ContactInputError) -> ContactTitleReference {
        do { return try ContactTitleReference(parsing: text) } catch { throw ContactInputError(field: "title", message: error.description) }
    }
}

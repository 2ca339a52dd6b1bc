import Foundation
import SwitchboardCore

/// What importing a contact list changed.
public struct ContactImportSummary: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Title links made (or confirmed) from the rows' ISBNs and titles, one per title and role.
    public var titleLinks = 0
    /// Contacts whose opt-in the list recorded.
    public var optedIn = 0
    /// Phone numbers the list says opted in but who opted out earlier: the opt-out stands (only the contact's own
    /// opt-in undoes it).
    public var keptOptedOut: [PhoneNumber] = []

    public init() {}
}

/// Imports a checked contact list (see ``ContactsCSV``) into the directory.
extension StoreSession {
    /// Upsert every row: details and roles by phone number, a title link per title and role, and consent.
    ///
    /// Consent is only ever granted by an import, never withdrawn: `opted_in = yes` records an opt-in at `now` unless
    /// the contact opted out before; `no` or an empty value leaves a known contact's consent as it is (a new contact
    /// starts not opted in). Run it in a transaction (``Store/importContacts(_:now:)`` does) so a list is imported
    /// whole or not at all.
    public func importContacts(_ rows: [ContactsCSVRow], now: Int64) async throws -> ContactImportSummary {
        var summary = ContactImportSummary()
        // A list usually names the same few titles on many rows: each is looked up in the catalogue once.
        var resolved: [String: ResolvedTitle] = [:]
        for row in rows {
            let details = ContactDetails(name: row.name, phone: row.phone, email: row.email, language: row.language,
                                         consonanceContactID: row.consonanceContactID, roles: row.roles.isEmpty ? nil : row.roles)
            let (contact, outcome) = try await upsertContact(details, now: now)
            switch outcome {
            case .created: summary.created += 1
            case .updated: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            }
            for title in row.titles where !row.roles.isEmpty {
                let resolution: ResolvedTitle
                if let known = resolved[title.key] {
                    resolution = known
                } else {
                    resolution = try await resolveTitle(title)
                    resolved[title.key] = resolution
                }
                for role in row.roles {
                    try await linkContact(id: contact.id, toTitle: resolution, role: role, now: now)
                    summary.titleLinks += 1
                }
            }
            if row.optedIn == true, !contact.consent.optedIn {
                if contact.consent.isOptedOut {
                    summary.keptOptedOut.append(contact.phone)
                } else if try await recordOptIn(id: contact.id, at: now) {
                    summary.optedIn += 1
                }
            }
        }
        return summary
    }
}

extension Store {
    /// Import a checked contact list in one transaction (see ``StoreSession/importContacts(_:now:)``).
    public func importContacts(_ rows: [ContactsCSVRow], now: Int64) async throws -> ContactImportSummary {
        try await transaction { session in try await session.importContacts(rows, now: now) }
    }
}

import Foundation
import SQLKit
import SwitchboardCore

/// A person Switchboard may message on WhatsApp: an author, editor, printer, rights holder… with their number, roles,
/// consent and the time they last wrote (which decides whether free-form messages are possible).
///
/// Consonance holds contributors but no WhatsApp numbers or consent, so the directory lives here, linked to
/// Consonance contacts by ``consonanceContactID`` and to titles through ``ContactTitleLink``s.
public struct MessagingContact: Sendable, Equatable {
    public var id: String
    public var name: String
    public var phone: PhoneNumber
    /// The id WhatsApp reported for the number (it may differ from ``PhoneNumber/waID``); `nil` until known.
    public var waID: String?
    /// Lower-cased.
    public var email: String?
    /// Preferred template language (`en_GB`).
    public var language: String?
    public var consonanceContactID: Int64?
    /// Sorted in ``ContactRole`` order.
    public var roles: [ContactRole]
    public var consent: ContactConsent
    public var lastInboundAt: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: String = PublishingIDs.make("wac"), name: String, phone: PhoneNumber, waID: String? = nil, email: String? = nil, language: String? = nil,
                consonanceContactID: Int64? = nil, roles: [ContactRole] = [], consent: ContactConsent = ContactConsent(), lastInboundAt: Int64? = nil,
                createdAt: Int64, updatedAt: Int64? = nil) {
        self.id = id
        self.name = name
        self.phone = phone
        self.waID = waID
        self.email = email
        self.language = language
        self.consonanceContactID = consonanceContactID
        self.roles = roles
        self.consent = consent
        self.lastInboundAt = lastInboundAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// The 24-hour customer service window with this contact.
    public var conversationWindow: ConversationWindow { ConversationWindow(lastInboundAt: lastInboundAt) }

    /// The id to address this contact by: what WhatsApp reported, or the number's digits.
    public var recipientID: String { waID ?? phone.waID }
}

/// What is known about a contact when adding or updating one by phone number: `nil` fields (and `nil` roles) leave
/// what the directory already holds unchanged.
public struct ContactDetails: Sendable, Equatable {
    public var name: String
    public var phone: PhoneNumber
    public var waID: String?
    public var email: String?
    public var language: String?
    public var consonanceContactID: Int64?
    /// Replaces the contact's roles when given.
    public var roles: [ContactRole]?

    public init(name: String, phone: PhoneNumber, waID: String? = nil, email: String? = nil, language: String? = nil, consonanceContactID: Int64? = nil,
                roles: [ContactRole]? = nil) {
        self.name = name
        self.phone = phone
        self.waID = waID
        self.email = email
        self.language = language
        self.consonanceContactID = consonanceContactID
        self.roles = roles
    }
}

/// A contact's part in one title: "author of 9780306406157", "production lead on work 42".
public struct ContactTitleLink: Sendable, Equatable {
    public var contactID: String
    /// `isbn:…`, `work:…` or `title:…` (see ``ContactTitleReference/key``).
    public var titleKey: String
    public var isbn13: String?
    /// The Consonance work, when the ISBN or title was found in the catalogue snapshot.
    public var workID: Int64?
    public var title: String?
    public var role: ContactRole
    public var createdAt: Int64

    public init(contactID: String, titleKey: String, isbn13: String?, workID: Int64?, title: String?, role: ContactRole, createdAt: Int64) {
        self.contactID = contactID
        self.titleKey = titleKey
        self.isbn13 = isbn13
        self.workID = workID
        self.title = title
        self.role = role
        self.createdAt = createdAt
    }
}

/// A contact found for a title, with the role they play on it and where that link came from.
public struct TitleContact: Sendable, Equatable {
    /// Where Switchboard learnt that the contact works on the title.
    public enum Source: String, Sendable, Equatable {
        /// A link in the WhatsApp directory (imported or added by hand).
        case directory
        /// Consonance lists the contact (by ``MessagingContact/consonanceContactID``) as a contributor of the work.
        case consonance
    }

    public var contact: MessagingContact
    public var role: ContactRole
    public var source: Source

    public init(contact: MessagingContact, role: ContactRole, source: Source) {
        self.contact = contact
        self.role = role
        self.source = source
    }
}

extension MessagingContact {
    /// Decodes a `wa_contacts` row; roles are loaded separately.
    init(row: any SQLRow, roles: [ContactRole]) throws {
        let phoneText = try row.decode(column: "phone", as: String.self)
        let phone: PhoneNumber
        do { phone = try PhoneNumber(parsing: phoneText) } catch { throw WhatsAppStoreError.corruptRecord("contact phone \(phoneText): \(error)") }
        self.init(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self), phone: phone,
                  waID: try row.decode(column: "wa_id", as: String?.self), email: try row.decode(column: "email", as: String?.self),
                  language: try row.decode(column: "language", as: String?.self),
                  consonanceContactID: try row.decode(column: "consonance_contact_id", as: Int64?.self), roles: roles,
                  consent: ContactConsent(optedIn: try row.decode(column: "opted_in", as: Bool.self),
                                          optedInAt: try row.decode(column: "opted_in_at", as: Int64?.self),
                                          optedOutAt: try row.decode(column: "opted_out_at", as: Int64?.self),
                                          optOutReason: try row.decode(column: "opt_out_reason", as: String?.self)),
                  lastInboundAt: try row.decode(column: "last_inbound_at", as: Int64?.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }
}

extension ContactTitleLink {
    /// Decodes a `wa_contact_titles` row; `nil` for a role this build does not know.
    init?(row: any SQLRow) throws {
        guard let role = ContactRole(rawValue: try row.decode(column: "role", as: String.self)) else { return nil }
        self.init(contactID: try row.decode(column: "contact_id", as: String.self), titleKey: try row.decode(column: "title_key", as: String.self),
                  isbn13: try row.decode(column: "isbn13", as: String?.self), workID: try row.decode(column: "work_id", as: Int64?.self),
                  title: try row.decode(column: "title", as: String?.self), role: role,
                  createdAt: try row.decode(column: "created_at", as: Int64.self))
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// A contact to add, or the fields of one to change, as a person wrote them (admin API JSON or CLI options), checked
/// into ``ContactDetails`` with a ``ContactInputError`` naming the first bad field.
public struct ContactChange: Sendable, Equatable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var language: String?
    public var roles: [String]?
    public var consonanceContactID: Int64?
    /// `true` records an opt-in now; `false` changes nothing (use opt-out to withdraw consent).
    public var optedIn: Bool?

    public init(name: String? = nil, phone: String? = nil, email: String? = nil, language: String? = nil, roles: [String]? = nil,
                consonanceContactID: Int64? = nil, optedIn: Bool? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.language = language
        self.roles = roles
        self.consonanceContactID = consonanceContactID
        self.optedIn = optedIn
    }

    static let fields: Set<String> = ["name", "phone", "email", "language", "roles", "consonance_contact_id", "opted_in"]

    /// Reads a JSON object body; unknown fields and wrongly typed values are errors, not ignored.
    public init(json: JSONValue) throws(ContactInputError) {
        guard case .object(let object) = json else { throw ContactInputError(field: "body", message: "must be a JSON object") }
        if let unknown = object.keys.sorted().first(where: { !Self.fields.contains($0) }) {
            throw ContactInputError(field: unknown, message: "unknown field (known: \(Self.fields.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws(ContactInputError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw ContactInputError(field: key, message: "must be a string")
            }
        }
        name = try string("name")
        phone = try string("phone")
        email = try string("email")
        language = try string("language")
        switch object["roles"] {
        case nil, .null?: roles = nil
        case .string(let text)?: roles = text.split(separator: ";").map(String.init)
        case .array(let items)?:
            var list: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw ContactInputError(field: "roles", message: "must be an array of role names") }
                list.append(text)
            }
            roles = list
        default: throw ContactInputError(field: "roles", message: "must be an array of role names")
        }
        switch object["consonance_contact_id"] {
        case nil, .null?: consonanceContactID = nil
        case let value?:
            guard let id = value.int64Value, id > 0 else { throw ContactInputError(field: "consonance_contact_id", message: "must be a positive integer") }
            consonanceContactID = id
        }
        switch object["opted_in"] {
        case nil, .null?: optedIn = nil
        case .bool(let flag)?: optedIn = flag
        default: throw ContactInputError(field: "opted_in", message: "must be true or false")
        }
    }

    /// The checked phone number, or `nil` when none was given.
    public func checkedPhone() throws(ContactInputError) -> PhoneNumber? {
        guard let phone else { return nil }
        do {
            return try PhoneNumber(parsing: phone)
        } catch {
            throw ContactInputError(field: "phone", message: error.description + " (an E.164 number such as +447700900123)")
        }
    }

    /// The checked roles, or `nil` when none were given.
    public func checkedRoles() throws(ContactInputError) -> [ContactRole]? {
        guard let roles else { return nil }
        var result: [ContactRole] = []
        for text in roles where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { result.append(try ContactRole(parsing: text)) } catch { throw ContactInputError(field: "roles", message: error.description) }
        }
        return result
    }

    /// Details for a new contact (name and phone required), or for `existing` with these fields changed.
    public func details(updating existing: MessagingContact? = nil) throws(ContactInputError) -> ContactDetails {
        let name = (self.name ?? existing?.name)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !name.isEmpty else { throw ContactInputError(field: "name", message: "is required") }
        let parsedPhone = try checkedPhone()
        if let existing, let parsedPhone, parsedPhone != existing.phone {
            throw ContactInputError(field: "phone", message: "a contact's number cannot change (the directory is keyed by number); add a contact with the new number and remove this one")
        }
        guard let phone = parsedPhone ?? existing?.phone else { throw ContactInputError(field: "phone", message: "is required (an E.164 number such as +447700900123)") }
        var email: String?
        if let text = self.email?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard text.contains("@"), !text.contains(" ") else { throw ContactInputError(field: "email", message: "\"\(text)\" is not an email address") }
            email = text
        }
        var language: String?
        if let text = self.language, !text.isEmpty {
            guard let code = WhatsAppLanguageCode.normalised(text) else {
                throw ContactInputError(field: "language", message: "\"\(text)\" is not a WhatsApp language code (en, en_GB, pt_BR)")
            }
            language = code
        }
        return ContactDetails(name: name, phone: phone, email: email, language: language, consonanceContactID: consonanceContactID, roles: try checkedRoles())
    }
}

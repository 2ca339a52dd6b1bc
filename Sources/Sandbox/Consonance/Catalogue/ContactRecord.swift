/// A person or organisation in Consonance's contact book: authors, illustrators, readers, agencies.
struct ContactRecord: Sendable {
    enum Kind: Sendable, Equatable {
        case person(firstName: String, lastName: String)
        case organisation(country: String?)
    }

    var id: Int
    var kind: Kind
    var name: String
    var emails: [String]
    var phones: [PhoneRecord]
    var biographicalNote: String?
    var webLinks: [WebLinkRecord]
    /// Works this contact contributes to (ascending).
    var workIDs: [Int]
    var changed: SandboxDate

    var isPerson: Bool {
        if case .person = kind { return true }
        return false
    }
}

/// A phone number in E.164 with Consonance's free-text type ("Mobile", "Work").
struct PhoneRecord: Sendable, Equatable {
    var number: String
    var type: String?
}

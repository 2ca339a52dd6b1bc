/// What the sandbox holds for one contact (a person credited on works, or an organisation such as an agency).
public struct ConsonanceContributorSummary: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var isPerson: Bool
    /// The first e-mail address.
    public var email: String?
    /// The first phone number, in E.164.
    public var phone: String?
    /// Works the contact is credited on, ascending.
    public var workIDs: [Int]
    public var webLinks: [ConsonanceWebLinkSummary]
    public var changed: SandboxDate

    init(_ contact: ContactRecord) {
        id = contact.id
        name = contact.name
        isPerson = contact.isPerson
        email = contact.emails.first
        phone = contact.phones.first?.number
        workIDs = contact.workIDs
        webLinks = contact.webLinks.map(ConsonanceWebLinkSummary.init)
        changed = contact.changed
    }
}

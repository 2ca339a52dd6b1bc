import ConnectorKit
import Foundation

/// A person or an organisation in Consonance's contact book: a contributor, a contract's client, an agent.
///
/// `Contact` is a GraphQL interface; ``kind`` comes from `__typename` so callers can tell people from
/// organisations without a second query.
public struct ConsonanceContact: Sendable, Hashable, Decodable, Identifiable {
    /// Which implementation of `Contact` this is.
    public enum Kind: String, Sendable, Hashable {
        case person = "Person"
        case organisation = "Organisation"
        /// `__typename` was missing or named a type this client does not know.
        case unknown
    }

    /// A telephone number with its free-text type (`Mobile`, `Office`).
    public struct Phone: Sendable, Hashable {
        public var number: String
        public var type: String?

        public init(number: String, type: String? = nil) {
            self.number = number
            self.type = type
        }
    }

    public var id: Int
    public var kind: Kind
    public var name: String?
    public var emails: [String]
    public var phones: [Phone]
    /// Only filled by queries that select them (``ConsonanceClient/person(id:)``, ``ConsonanceClient/contacts(personNameContains:)``).
    public var webLinks: [ConsonanceWebLink]
    /// `personName` of a Person.
    public var personName: String?
    /// `keyNames` (surname) of a Person.
    public var keyNames: String?
    /// `organisationName` of an Organisation.
    public var organisationName: String?

    public init(id: Int, kind: Kind, name: String?, emails: [String] = [], phones: [Phone] = [], webLinks: [ConsonanceWebLink] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.emails = emails
        self.phones = phones
        self.webLinks = webLinks
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        kind = c.lenientString(AnyKey("__typename")).flatMap(Kind.init(rawValue:)) ?? .unknown
        name = c.lenientString(AnyKey("name"))
        if case .array(let items)? = c.lenientJSON(AnyKey("emails")) {
            emails = items.compactMap { $0["email"]?.stringValue ?? $0.stringValue }.filter { !$0.isEmpty }
        } else {
            emails = []
        }
        if case .array(let items)? = c.lenientJSON(AnyKey("phones")) {
            phones = items.compactMap { item in
                guard let number = item["phoneNumber"]?.stringValue, !number.isEmpty else { return nil }
                return Phone(number: number, type: item["phoneType"]?.stringValue)
            }
        } else {
            phones = []
        }
        webLinks = c.lossyList(ConsonanceWebLink.self, AnyKey("webLinks"))
        personName = c.lenientString(AnyKey("personName"))
        keyNames = c.lenientString(AnyKey("keyNames"))
        organisationName = c.lenientString(AnyKey("organisationName"))
    }
}

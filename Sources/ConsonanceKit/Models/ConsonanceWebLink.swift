import ConnectorKit
import Foundation

/// A web link on a product or a contact.
///
/// Links are the one writable place where another system can leave a pointer on a title (role from ONIX
/// List 73; keep it out of ONIX feeds with ``includeInOnix`` = false), so they are read and written as a unit.
public struct ConsonanceWebLink: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var link: String?
    /// ONIX List 73 website role as ONIX writes it (`"01"`; sent by the API as `_01`).
    public var role: String?
    public var note: String?
    public var includeInOnix: Bool?

    public init(id: Int, link: String? = nil, role: String? = nil, note: String? = nil, includeInOnix: Bool? = nil) {
        self.id = id
        self.link = link
        self.role = role
        self.note = note
        self.includeInOnix = includeInOnix
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        link = c.lenientString(AnyKey("link"))
        role = c.lenientCode(AnyKey("role"))
        note = c.lenientString(AnyKey("note"))
        includeInOnix = c.lenientBool(AnyKey("includeInOnix"))
    }
}

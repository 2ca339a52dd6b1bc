import ConnectorKit
import Foundation

/// The imprint a work is published under.
///
/// Imprints have no root query in Consonance; they are only reachable through `work.imprint`, and searched by
/// id with `WorkSearchAttributes.imprintIdIn`.
public struct ConsonanceImprint: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var name: String?

    public init(id: Int, name: String?) {
        self.id = id
        self.name = name
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        name = c.lenientString(AnyKey("name"))
    }
}

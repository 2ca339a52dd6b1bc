import ConnectorKit
import Foundation

/// A Relay-style mutation payload: `errors: [String!]!` plus the changed object (or the deleted id).
///
/// Consonance reports validation failures here rather than in GraphQL `errors`, so the client checks them on
/// every mutation. The object's field name (`product`, `webLink`, …) comes from the decoder's user info.
struct MutationPayload<Object: Decodable & Sendable>: Decodable, Sendable {
    var errors: [String]
    var object: Object?
    /// `id` of a delete payload.
    var id: Int?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        errors = c.lenientStrings(AnyKey("errors")).filter { !$0.isEmpty }
        if let name = decoder.userInfo[GraphQLResponseReader.payloadObjectKey] as? String {
            object = c.lenientObject(Object.self, AnyKey(name))
        }
        id = c.lenientInt(AnyKey("id"))
    }
}

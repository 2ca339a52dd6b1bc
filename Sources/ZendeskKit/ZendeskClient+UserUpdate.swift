import ConnectorKit
import Foundation

/// Changing a user's attributes.
extension ZendeskClient {
    /// `PUT /users/{id}` with `{"user": fields}` (only the attributes given change); returns the user as stored,
    /// with its new `updated_at`.
    public func updateUser(id: Int64, _ fields: JSONValue) async throws -> ZendeskUser {
        try await send(.put, "users/\(id)", body: JSONValue.object(["user": fields]), as: Wrapped<ZendeskUser>.self).value
    }
}

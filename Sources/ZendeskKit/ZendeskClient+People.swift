import ConnectorKit
import Foundation

/// Users: search, and create-or-update by email or external id.
extension ZendeskClient {
    /// `GET /users/search?query=…` (email, phone, name) — offset-paginated; returns the first page.
    public func searchUsers(query: String) async throws -> [ZendeskUser] {
        try await get("users/search", query: [("query", query)], as: OffsetPage<ZendeskUser>.self).records.compactMap(\.value)
    }

    /// `GET /users/search?external_id=…`.
    public func users(externalID: String) async throws -> [ZendeskUser] {
        try await get("users/search", query: [("external_id", externalID)], as: OffsetPage<ZendeskUser>.self).records.compactMap(\.value)
    }

    /// `POST /users/create_or_update`: matches on email or external id. Returns the user and whether it was created.
    public func createOrUpdateUser(_ user: JSONValue) async throws -> (user: ZendeskUser, created: Bool) {
        try await exchange(.post, "users/create_or_update", query: [], body: JSONValue.object(["user": user]), headers: [], budget: .account) { response in
            (try Self.decode(Wrapped<ZendeskUser>.self, from: response).value, response.status == 201)
        }
    }

    /// `POST /users`.
    public func createUser(_ user: JSONValue) async throws -> ZendeskUser {
        try await send(.post, "users", body: JSONValue.object(["user": user]), as: Wrapped<ZendeskUser>.self).value
    }
}

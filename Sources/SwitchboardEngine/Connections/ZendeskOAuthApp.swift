import Foundation
import SwitchboardStore

/// The OAuth client Switchboard uses for Zendesk's authorization-code flow: the unique identifier and secret of the
/// client an admin registered in Zendesk (Admin Center → Apps and integrations → APIs → Zendesk API → OAuth Clients).
///
/// It comes from `switchboard connect zendesk --oauth-client-id … --oauth-client-secret …` (stored sealed, per
/// connection name) or, for every connection without one, from `SWITCHBOARD_ZENDESK_OAUTH_CLIENT_ID` and
/// `SWITCHBOARD_ZENDESK_OAUTH_CLIENT_SECRET`. The secret never appears in descriptions.
public struct ZendeskOAuthApp: Sendable, Equatable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public static let clientIDVariable = "SWITCHBOARD_ZENDESK_OAUTH_CLIENT_ID"
    public static let clientSecretVariable = "SWITCHBOARD_ZENDESK_OAUTH_CLIENT_SECRET"

    public var clientID: String
    public var clientSecret: String

    public init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// The client named by the environment, if both variables are set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ZendeskOAuthApp? {
        guard let id = environment[clientIDVariable], !id.isEmpty, let secret = environment[clientSecretVariable], !secret.isEmpty else { return nil }
        return ZendeskOAuthApp(clientID: id, clientSecret: secret)
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case clientSecret = "client_secret"
    }

    public var description: String { "Zendesk OAuth client \(clientID)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["clientID": clientID]) }
}

extension ZendeskConnections {
    /// The secret holding the OAuth client of connection `name`.
    public static func oauthAppSecretName(_ connection: String) -> String { "connection/\(kind)/\(connection)/oauth-client" }

    /// Store the OAuth client to use for connection `connection` (sealed like every other secret).
    public func saveOAuthApp(_ app: ZendeskOAuthApp, connection: String) async throws {
        let bytes = Array(try JSONEncoder().encode(app))
        try await store.session { [secrets] in try await $0.saveSecret(bytes, name: Self.oauthAppSecretName(connection), box: secrets) }
    }

    /// The OAuth client for `connection`: the one stored for it, else the one from the environment, else `nil`.
    public func oauthApp(connection: String, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> ZendeskOAuthApp? {
        let stored = try await store.session { [secrets] in try await $0.loadSecret(name: Self.oauthAppSecretName(connection), box: secrets) }
        if let stored {
            guard let app = try? JSONDecoder().decode(ZendeskOAuthApp.self, from: Data(stored)) else {
                throw StoreError.secret("the stored OAuth client of connection \"\(connection)\" is unreadable; store it again with switchboard connect zendesk --oauth-client-id")
            }
            return app
        }
        return ZendeskOAuthApp.fromEnvironment(environment)
    }
}

import ConnectorKit
import Foundation
import SwitchboardStore
import ZendeskKit

/// Connecting a Zendesk account through Zendesk's OAuth authorization-code flow, as an alternative to an API token.
///
/// ``begin(connection:baseURL:)`` remembers a random `state` (durable, ten minutes, single use) and returns the Zendesk
/// authorization page to send the browser to; ``complete(state:code:error:errorDescription:)`` runs when Zendesk sends
/// the browser back: it checks the state, trades the code for an access token, and stores that token sealed as the
/// connection's credentials through ``ZendeskConnections/connect(name:baseURL:credentials:settings:transport:retryPolicy:)``
/// (so it is verified against `GET /users/me` first, and every action and sync afterwards sends `Authorization: Bearer`).
/// Nothing here ever puts the code, the client secret or the token into an error or a log.
public struct ZendeskOAuthConnect: Sendable {
    /// The scopes asked for: the mirror reads, the actions write.
    public static let scope = "read write"

    public let connections: ZendeskConnections
    public let transport: any HTTPTransport
    /// This node's callback, `{public URL}/connect/zendesk/callback`; it must be registered with the OAuth client.
    public let redirectURI: String
    let environment: [String: String]
    let now: @Sendable () -> Date

    public init(connections: ZendeskConnections, transport: any HTTPTransport, redirectURI: String,
                environment: [String: String] = ProcessInfo.processInfo.environment, now: @escaping @Sendable () -> Date = { Date() }) {
        self.connections = connections
        self.transport = transport
        self.redirectURI = redirectURI
        self.environment = environment
        self.now = now
    }

    /// The callback path every node serves.
    public static let callbackPath = "/connect/zendesk/callback"

    /// `{publicURL}/connect/zendesk/callback`.
    public static func redirectURI(publicURL: String) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + callbackPath
    }

    /// Whether `name` can name a connection (letters, digits, `-`, `_`, `.`; at most 64).
    public static func isValidConnectionName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// Start connecting `connection` to the Zendesk account at `baseURL`: the authorization page to redirect to.
    public func begin(connection: String, baseURL: String) async throws -> String {
        guard Self.isValidConnectionName(connection) else { throw ZendeskOAuthConnectError.invalidConnectionName(connection) }
        guard let app = try await connections.oauthApp(connection: connection, environment: environment) else {
            throw ZendeskOAuthConnectError.notConfigured(connection: connection)
        }
        let states = ZendeskOAuthStates(store: connections.store, secrets: connections.secrets)
        let time = now()
        let state = try await states.create(
            .init(connection: connection, baseURL: baseURL, redirectURI: redirectURI, createdAt: Int64(time.timeIntervalSince1970)), now: time)
        let client = ZendeskOAuthClient(baseURL: baseURL, clientID: app.clientID, clientSecret: app.clientSecret, transport: transport)
        return client.authorizationURL(redirectURI: redirectURI, scope: Self.scope, state: state)
    }

    /// Finish the flow from the callback's query parameters. The state is spent whatever the outcome.
    public func complete(state: String?, code: String?, error: String?, errorDescription: String?) async throws -> ZendeskOAuthCompletion {
        guard let state, !state.isEmpty else { throw ZendeskOAuthConnectError.missingState }
        let pending: ZendeskOAuthStates.Pending
        switch try await ZendeskOAuthStates(store: connections.store, secrets: connections.secrets).take(state, now: now()) {
        case .unknown: throw ZendeskOAuthConnectError.unknownState
        case .expired: throw ZendeskOAuthConnectError.expiredState
        case .found(let found): pending = found
        }
        if let error, !error.isEmpty {
            throw ZendeskOAuthConnectError.denied(connection: pending.connection, error: String(error.prefix(100)),
                                                   description: errorDescription.map { String($0.prefix(300)) })
        }
        guard let code, !code.isEmpty else { throw ZendeskOAuthConnectError.missingCode }
        guard let app = try await connections.oauthApp(connection: pending.connection, environment: environment) else {
            throw ZendeskOAuthConnectError.notConfigured(connection: pending.connection)
        }
        let client = ZendeskOAuthClient(baseURL: pending.baseURL, clientID: app.clientID, clientSecret: app.clientSecret, transport: transport)
        let token: ZendeskOAuthToken
        do {
            token = try await client.exchange(code: code, redirectURI: pending.redirectURI, scope: Self.scope)
        } catch let failure as ZendeskOAuthError {
            throw ZendeskOAuthConnectError.exchangeFailed(failure)
        }
        let existing = try await connections.store.session { try await $0.connection(named: pending.connection) }
        let settings = existing.flatMap { try? JSONDecoder().decode(ZendeskConnectionSettings.self, from: Data($0.settings.utf8)) } ?? ZendeskConnectionSettings()
        do {
            let user = try await connections.connect(name: pending.connection, baseURL: pending.baseURL, credentials: token.credentials,
                                                     settings: settings, transport: transport)
            return ZendeskOAuthCompletion(connection: pending.connection, baseURL: pending.baseURL, user: user, scope: token.scope)
        } catch let failure as ConnectError {
            throw ZendeskOAuthConnectError.verificationFailed(failure.description)
        }
    }
}

/// A connection made through OAuth.
public struct ZendeskOAuthCompletion: Sendable {
    public var connection: String
    public var baseURL: String
    /// The Zendesk user who authorized (an admin).
    public var user: ZendeskUser
    public var scope: String?
}

/// Why the OAuth flow stopped, phrased for the person in front of the browser. None of the texts carry a code,
/// secret or token.
public enum ZendeskOAuthConnectError: Error, Sendable, CustomStringConvertible {
    case invalidConnectionName(String)
    case notConfigured(connection: String)
    case missingState
    case unknownState
    case expiredState
    case denied(connection: String, error: String, description: String?)
    case missingCode
    case exchangeFailed(ZendeskOAuthError)
    case verificationFailed(String)

    public var description: String {
        switch self {
        case .invalidConnectionName(let name):
            return "\"\(name)\" is not a valid connection name: use letters, digits, '-', '_' or '.', at most 64 characters."
        case .notConfigured(let connection):
            return """
                No Zendesk OAuth client is configured for connection "\(connection)". Register one in Zendesk and run \
                switchboard connect zendesk --name \(connection) --oauth-client-id ID --oauth-client-secret SECRET, or set \
                \(ZendeskOAuthApp.clientIDVariable) and \(ZendeskOAuthApp.clientSecretVariable).
                """
        case .missingState:
            return "The callback carries no state, so it cannot be matched to an authorization started here. Start again from /connect/zendesk."
        case .unknownState:
            return "This authorization is unknown or was already used (each one works once). Start again from /connect/zendesk."
        case .expiredState:
            return "This authorization expired (it must be completed within 10 minutes). Start again from /connect/zendesk."
        case .denied(let connection, let error, let description):
            if error == "access_denied" {
                return "Access was denied in Zendesk, so connection \"\(connection)\" was not changed."
            }
            return "Zendesk refused the authorization (\(error)\(description.map { ": \($0)" } ?? "")); connection \"\(connection)\" was not changed."
        case .missingCode:
            return "Zendesk sent no authorization code. Start again from /connect/zendesk."
        case .exchangeFailed(let failure):
            return failure.description + " Nothing was stored."
        case .verificationFailed(let text):
            return text
        }
    }
}

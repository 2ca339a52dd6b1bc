import ConnectorKit
import Foundation
import SwitchboardStore
import ZendeskKit

/// A stored Zendesk connection with its decrypted credentials, ready to build a client.
public struct ZendeskConnection: Sendable {
    public var record: ConnectionRecord
    public var credentials: ZendeskCredentials
    public var settings: ZendeskConnectionSettings
}

/// Connecting, loading and disconnecting Zendesk accounts.
///
/// Credentials are verified against `GET /users/me` before anything is stored, sealed with the master key,
/// and never printed. A failed check stores nothing and explains the usual cause.
public struct ZendeskConnections: Sendable {
    public static let kind = "zendesk"
    public let store: Store
    public let secrets: SecretBox

    public init(store: Store, secrets: SecretBox) {
        self.store = store
        self.secrets = secrets
    }

    /// Verify `credentials` against `baseURL` and store the connection. Returns the authenticated user.
    @discardableResult
    public func connect(name: String, baseURL: String, credentials: ZendeskCredentials, settings: ZendeskConnectionSettings,
                        transport: any HTTPTransport, retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3)) async throws -> ZendeskUser {
        let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: baseURL, credentials: credentials, retryPolicy: retryPolicy), transport: transport)
        let user: ZendeskUser
        do {
            user = try await client.currentUser()
        } catch let error as ZendeskError where error.kind == .unauthorized {
            throw ConnectError.authenticationFailed(credentials: credentials, baseURL: baseURL)
        } catch let error as RemoteCallFailure {
            throw ConnectError.unreachable(baseURL: baseURL, detail: error.description)
        }
        guard user.role == "admin" else {
            throw ConnectError.notAdmin(principal: credentials.principal, role: user.role ?? "unknown")
        }
        let now = Int64(Date().timeIntervalSince1970)
        let secret = try Self.encode(credentials)
        let record = ConnectionRecord(name: name, kind: Self.kind, baseURL: baseURL, principal: credentials.principal, settings: settings.jsonText, createdAt: now, updatedAt: now)
        try await store.transaction { [secrets] session in
            let existing = try await session.connection(named: name)
            var saved = record
            if let existing { saved.createdAt = existing.createdAt }
            try await session.saveSecret(secret, name: record.secretName, box: secrets)
            try await session.saveConnection(saved)
        }
        return user
    }

    public func load(name: String) async throws -> ZendeskConnection {
        let (record, sealed) = try await store.session { [secrets] session -> (ConnectionRecord?, [UInt8]?) in
            guard let record = try await session.connection(named: name), record.kind == Self.kind else { return (nil, nil) }
            return (record, try await session.loadSecret(name: record.secretName, box: secrets))
        }
        guard let record else { throw MirrorSyncError.notConnected(name) }
        guard let sealed else { throw StoreError.secret("the credentials of connection \"\(name)\" are missing; reconnect with switchboard connect zendesk") }
        let settings = (try? JSONDecoder().decode(ZendeskConnectionSettings.self, from: Data(record.settings.utf8))) ?? ZendeskConnectionSettings()
        return ZendeskConnection(record: record, credentials: try Self.decode(sealed), settings: settings)
    }

    /// Remove the stored credentials (and, with `purge`, every mirrored record) of a connection.
    /// Returns false when there was no such connection.
    @discardableResult
    public func disconnect(name: String, purge: Bool) async throws -> Bool {
        try await store.transaction { session in
            guard let record = try await session.connection(named: name), record.kind == Self.kind else { return false }
            try await session.deleteSecret(name: record.secretName)
            try await session.deleteSecret(name: Self.webhookSecretName(name))
            try await session.deleteConnection(named: name)
            if purge { try await session.purgeMirror(connection: name) }
            return true
        }
    }

    /// The secret name of a connection's webhook signing secret.
    public static func webhookSecretName(_ connection: String) -> String { "connection/\(kind)/\(connection)/webhook-signing-secret" }

    /// Store the signing secret Zendesk uses for this connection's webhooks (sealed like every other secret).
    public func saveWebhookSecret(_ secret: String, connection: String) async throws {
        try await store.session { [secrets] in try await $0.saveSecret(Array(secret.utf8), name: Self.webhookSecretName(connection), box: secrets) }
    }

    public func webhookSecret(connection: String) async throws -> String? {
        try await store.session { [secrets] in
            try await $0.loadSecret(name: Self.webhookSecretName(connection), box: secrets).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    private struct StoredCredentials: Codable {
        var type: String
        var email: String?
        var token: String?
        var accessToken: String?
    }

    static func encode(_ credentials: ZendeskCredentials) throws -> [UInt8] {
        let stored: StoredCredentials
        switch credentials {
        case .apiToken(let email, let token): stored = StoredCredentials(type: "api_token", email: email, token: token)
        case .oauth(let accessToken): stored = StoredCredentials(type: "oauth", accessToken: accessToken)
        }
        return Array(try JSONEncoder().encode(stored))
    }

    static func decode(_ bytes: [UInt8]) throws -> ZendeskCredentials {
        let stored = try JSONDecoder().decode(StoredCredentials.self, from: Data(bytes))
        switch (stored.type, stored.email, stored.token, stored.accessToken) {
        case ("api_token", let email?, let token?, _): return .apiToken(email: email, token: token)
        case ("oauth", _, _, let accessToken?): return .oauth(accessToken: accessToken)
        default: throw StoreError.secret("stored Zendesk credentials have an unknown shape; reconnect with switchboard connect zendesk")
        }
    }
}

/// Why `connect` refused, phrased for the person at the keyboard.
public enum ConnectError: Error, Sendable, CustomStringConvertible {
    case authenticationFailed(credentials: ZendeskCredentials, baseURL: String)
    case notAdmin(principal: String, role: String)
    case unreachable(baseURL: String, detail: String)

    public var description: String {
        switch self {
        case .authenticationFailed(let credentials, let baseURL):
            switch credentials {
            case .apiToken(let email, _):
                return """
                    Zendesk at \(baseURL) answered 401 "Couldn't authenticate you" for \(email). Nothing was stored.
                    The most common cause: API tokens belong to the user who created them, so the email must be that user's email.
                    Also check that the token was copied whole, that it has not been deleted, and that Token Access is enabled
                    (Admin Center → Apps and integrations → APIs → Zendesk API → Settings).
                    """
            case .oauth:
                return "Zendesk at \(baseURL) answered 401 for the OAuth token: it may have expired or been revoked. Nothing was stored."
            }
        case .notAdmin(let principal, let role):
            return "\(principal) has the Zendesk role \"\(role)\"; the incremental exports the mirror uses need an admin. Create the token under an admin account. Nothing was stored."
        case .unreachable(let baseURL, let detail):
            return "could not reach Zendesk at \(baseURL): \(detail). Nothing was stored."
        }
    }
}

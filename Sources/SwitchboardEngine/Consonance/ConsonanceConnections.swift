import ConnectorKit
import ConsonanceKit
import Foundation
import SwitchboardStore

/// A stored Consonance connection with its decrypted key.
public struct ConsonanceConnection: Sendable {
    public var record: ConnectionRecord
    public var apiKey: String
    public var settings: ConsonanceConnectionSettings

    public func client(transport: any HTTPTransport, retryPolicy: RetryPolicy = .standard) -> ConsonanceClient {
        ConsonanceClient(configuration: ConsonanceConfiguration(host: record.baseURL, apiKey: apiKey, retryPolicy: retryPolicy), transport: transport)
    }
}

/// Connecting, loading and disconnecting Consonance tenants.
///
/// The key is verified with a one-record query before anything is stored, sealed with the master key, and never
/// printed. Connection names share one namespace with Zendesk's, so the default name is `consonance`.
public struct ConsonanceConnections: Sendable {
    public static let kind = "consonance"
    public static let defaultName = "consonance"
    public let store: Store
    public let secrets: SecretBox

    public init(store: Store, secrets: SecretBox) {
        self.store = store
        self.secrets = secrets
    }

    /// Verify the key against `host` and store the connection.
    public func connect(name: String = ConsonanceConnections.defaultName, host: String, apiKey: String, settings: ConsonanceConnectionSettings,
                        transport: any HTTPTransport, retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3)) async throws {
        let normalized = try ConsonanceConfiguration.host(url: host)
        let client = ConsonanceClient(configuration: ConsonanceConfiguration(host: normalized, apiKey: apiKey, retryPolicy: retryPolicy), transport: transport)
        do {
            _ = try await client.works(after: nil, changedSince: CalendarDate(year: 2999, month: 1, day: 1))
        } catch let error as ConsonanceError where error.kind == .unauthorized || error.kind == .notFound {
            throw ConsonanceConnectError.refused(host: normalized, detail: error.message)
        } catch let error as RemoteCallFailure {
            throw ConsonanceConnectError.unreachable(host: normalized, detail: error.description)
        }
        let now = Int64(Date().timeIntervalSince1970)
        let record = ConnectionRecord(name: name, kind: Self.kind, baseURL: normalized, principal: "api key …" + String(apiKey.suffix(4)),
                                      settings: settings.jsonText, createdAt: now, updatedAt: now)
        try await store.transaction { [secrets] session in
            if let existing = try await session.connection(named: name), existing.kind != Self.kind {
                throw ConsonanceConnectError.nameTaken(name: name, kind: existing.kind)
            }
            var saved = record
            if let existing = try await session.connection(named: name) { saved.createdAt = existing.createdAt }
            try await session.saveSecret(Array(apiKey.utf8), name: record.secretName, box: secrets)
            try await session.saveConnection(saved)
        }
    }

    public func load(name: String = ConsonanceConnections.defaultName) async throws -> ConsonanceConnection {
        let (record, sealed) = try await store.session { [secrets] session -> (ConnectionRecord?, [UInt8]?) in
            guard let record = try await session.connection(named: name), record.kind == Self.kind else { return (nil, nil) }
            return (record, try await session.loadSecret(name: record.secretName, box: secrets))
        }
        guard let record else { throw ConsonanceConnectError.notConnected(name) }
        guard let sealed else { throw StoreError.secret("the key of connection \"\(name)\" is missing; reconnect with switchboard connect consonance") }
        let settings = (try? JSONDecoder().decode(ConsonanceConnectionSettings.self, from: Data(record.settings.utf8))) ?? ConsonanceConnectionSettings()
        return ConsonanceConnection(record: record, apiKey: String(decoding: sealed, as: UTF8.self), settings: settings)
    }

    /// Every stored Consonance connection's name.
    public func names() async throws -> [String] {
        try await store.session { try await $0.connections() }.filter { $0.kind == Self.kind }.map(\.name)
    }

    /// Change the stored settings (contracts to watch, public URL…).
    public func update(name: String, _ change: @escaping @Sendable (inout ConsonanceConnectionSettings) -> Void) async throws {
        try await store.transaction { session in
            guard var record = try await session.connection(named: name), record.kind == Self.kind else { throw ConsonanceConnectError.notConnected(name) }
            var settings = (try? JSONDecoder().decode(ConsonanceConnectionSettings.self, from: Data(record.settings.utf8))) ?? ConsonanceConnectionSettings()
            change(&settings)
            record.settings = settings.jsonText
            record.updatedAt = Int64(Date().timeIntervalSince1970)
            try await session.saveConnection(record)
        }
    }

    @discardableResult
    public func disconnect(name: String, purge: Bool) async throws -> Bool {
        try await store.transaction { session in
            guard let record = try await session.connection(named: name), record.kind == Self.kind else { return false }
            try await session.deleteSecret(name: record.secretName)
            try await session.deleteConnection(named: name)
            try await session.deleteCursors(connection: name)
            if purge { try await session.purgeCatalogue(connection: name) }
            return true
        }
    }
}

/// Why connecting to Consonance failed, phrased for the person at the keyboard.
public enum ConsonanceConnectError: Error, Sendable, CustomStringConvertible {
    case refused(host: String, detail: String)
    case unreachable(host: String, detail: String)
    case notConnected(String)
    case nameTaken(name: String, kind: String)

    public var description: String {
        switch self {
        case .refused(let host, let detail):
            return """
                Consonance at \(host) refused the API key (\(detail)). Nothing was stored.
                Keys are issued by Consonance support (support@consonance.app), one per integration; check that the host is the address you log in at.
                """
        case .unreachable(let host, let detail): return "could not reach Consonance at \(host): \(detail). Nothing was stored."
        case .notConnected(let name): return "no Consonance connection named \"\(name)\"; connect with: switchboard connect consonance --url URL --key KEY"
        case .nameTaken(let name, let kind): return "the connection name \"\(name)\" is already used by a \(kind) connection; choose another with --name"
        }
    }
}

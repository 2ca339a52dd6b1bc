import ConnectorKit
import ConsonanceKit
import Foundation
import SwitchboardStore

/// Consonance clients by connection name, built from stored connections on first use and kept for the node's
/// lifetime (one client per tenant keeps its concurrency limit shared by every job).
public actor ConsonanceClientPool {
    private let store: Store
    private let secrets: SecretBox?
    private let transport: any HTTPTransport
    private let retryPolicy: RetryPolicy
    private var clients: [String: (ConsonanceClient, ConsonanceConnection)] = [:]

    public init(store: Store, secrets: SecretBox?, transport: any HTTPTransport,
                retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200), maxDelay: .seconds(2))) {
        self.store = store
        self.secrets = secrets
        self.transport = transport
        self.retryPolicy = retryPolicy
    }

    /// The client and stored connection for `name` (default: the only Consonance connection, else `consonance`).
    public func client(for name: String?) async throws -> (client: ConsonanceClient, connection: ConsonanceConnection) {
        guard let secrets else { throw ActionError.permanent("no master key is available to open the Consonance key", response: nil) }
        let connections = ConsonanceConnections(store: store, secrets: secrets)
        let resolved: String
        if let name {
            resolved = name
        } else {
            let names = try await connections.names()
            resolved = names.count == 1 ? names[0] : ConsonanceConnections.defaultName
        }
        if let cached = clients[resolved] { return cached }
        let connection: ConsonanceConnection
        do {
            connection = try await connections.load(name: resolved)
        } catch {
            throw ActionError.permanent(String(describing: error), response: nil)
        }
        let entry = (connection.client(transport: transport, retryPolicy: retryPolicy), connection)
        clients[resolved] = entry
        return entry
    }

    /// Whether any Consonance connection exists (title lookups then fall back to the local snapshot only).
    public func hasConnections() async -> Bool {
        guard let secrets else { return false }
        return ((try? await ConsonanceConnections(store: store, secrets: secrets).names()) ?? []).isEmpty == false
    }
}

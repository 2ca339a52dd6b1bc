import ConnectorKit
import Foundation
import Logging
import SwitchboardStore
import ZendeskKit

/// Zendesk clients by connection name, built from stored connections on first use and kept for the node's
/// lifetime (their rate-limit budgets must be shared by every job).
public actor ZendeskClientPool {
    private let store: Store
    private let secrets: SecretBox?
    private let transport: any HTTPTransport
    private let retryPolicy: RetryPolicy
    private let onEvent: @Sendable (String, RemoteCallEvent) -> Void
    private var clients: [String: ZendeskClient] = [:]

    /// - Parameters:
    ///   - retryPolicy: retries within one job attempt; keep it short, since the job's own schedule retries too.
    ///   - onEvent: remote-call events with the connection name, for metrics.
    public init(store: Store, secrets: SecretBox?, transport: any HTTPTransport, retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200), maxDelay: .seconds(2)),
                onEvent: @escaping @Sendable (String, RemoteCallEvent) -> Void = { _, _ in }) {
        self.store = store
        self.secrets = secrets
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.onEvent = onEvent
    }

    public func client(for connection: String) async throws -> ZendeskClient {
        if let client = clients[connection] { return client }
        guard let secrets else { throw ActionError.permanent("no master key is available to open the credentials of connection \"\(connection)\"", response: nil) }
        let stored: ZendeskConnection
        do {
            stored = try await ZendeskConnections(store: store, secrets: secrets).load(name: connection)
        } catch {
            throw ActionError.permanent(String(describing: error), response: nil)
        }
        let onEvent = self.onEvent
        let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: stored.record.baseURL, credentials: stored.credentials, retryPolicy: retryPolicy,
                                                                       requestTimeout: .seconds(30)),
                                   transport: transport) { onEvent(connection, $0) }
        clients[connection] = client
        return client
    }

    /// Use this client for a connection (tests, or a client built elsewhere).
    public func register(_ client: ZendeskClient, for connection: String) {
        clients[connection] = client
    }
}

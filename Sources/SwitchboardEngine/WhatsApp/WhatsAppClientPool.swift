import ConnectorKit
import Foundation
import Logging
import SwitchboardStore
import WhatsAppKit

/// WhatsApp clients by connection name, built from stored connections on first use and kept for the node's lifetime,
/// so every job sending from one business number shares one client (and its rate-limit budget), with the
/// connection's settings alongside for the send rules (window margin, pacing, opt-out keywords).
public actor WhatsAppClientPool {
    private let store: Store
    private let secrets: SecretBox?
    private let transport: any HTTPTransport
    private let onEvent: @Sendable (String, RemoteCallEvent) -> Void
    private var clients: [String: WhatsAppClient] = [:]
    private var settingsByConnection: [String: WhatsAppConnectionSettings] = [:]

    /// - Parameter onEvent: remote-call events with the connection name, for metrics.
    public init(store: Store, secrets: SecretBox?, transport: any HTTPTransport, onEvent: @escaping @Sendable (String, RemoteCallEvent) -> Void = { _, _ in }) {
        self.store = store
        self.secrets = secrets
        self.transport = transport
        self.onEvent = onEvent
    }

    /// The client for `connection`; a missing connection or master key is a permanent action error.
    public func client(for connection: String) async throws -> WhatsAppClient {
        if let client = clients[connection] { return client }
        let stored = try await load(connection)
        let onEvent = self.onEvent
        let client = WhatsAppClient(configuration: stored.configuration, transport: transport) { onEvent(connection, $0) }
        clients[connection] = client
        settingsByConnection[connection] = stored.settings
        return client
    }

    /// The connection's stored settings (defaults for a client registered without any).
    public func settings(for connection: String) async throws -> WhatsAppConnectionSettings {
        if let settings = settingsByConnection[connection] { return settings }
        if clients[connection] != nil { return WhatsAppConnectionSettings() }
        let stored = try await load(connection)
        settingsByConnection[connection] = stored.settings
        return stored.settings
    }

    /// Use this client (and optionally these settings) for a connection (tests, or a client built elsewhere).
    public func register(_ client: WhatsAppClient, for connection: String, settings: WhatsAppConnectionSettings? = nil) {
        clients[connection] = client
        if let settings { settingsByConnection[connection] = settings }
    }

    /// Forget a connection's client, so the next use reloads it (after reconnecting or changing settings).
    public func invalidate(_ connection: String) {
        clients[connection] = nil
        settingsByConnection[connection] = nil
    }

    private func load(_ connection: String) async throws -> WhatsAppConnection {
        guard let secrets else { throw ActionError.permanent("no master key is available to open the secrets of connection \"\(connection)\"", response: nil) }
        do {
            return try await WhatsAppConnections(store: store, secrets: secrets).load(name: connection)
        } catch {
            throw ActionError.permanent(String(describing: error), response: nil)
        }
    }
}

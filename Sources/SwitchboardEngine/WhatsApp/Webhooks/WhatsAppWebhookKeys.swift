import Foundation
import SwitchboardStore
import Synchronization
import WhatsAppKit

/// What receiving a connection's webhooks needs from its stored connection: the app secret that signs them, the
/// verify token of the subscription handshake, and the opt-out keywords. Never printed (`description` is redacted).
public struct WhatsAppWebhookKeys: Sendable, CustomStringConvertible, CustomReflectable {
    public var appSecret: String
    public var verifyToken: String
    /// The business number's id: a change for another number (`metadata.phone_number_id`) is skipped.
    public var phoneNumberID: String?
    public var optOutKeywords: OptOutKeywords

    public init(appSecret: String, verifyToken: String, phoneNumberID: String? = nil, optOutKeywords: OptOutKeywords = OptOutKeywords()) {
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.phoneNumberID = phoneNumberID
        self.optOutKeywords = optOutKeywords
    }

    public init(_ connection: WhatsAppConnection) {
        self.init(appSecret: connection.appSecret, verifyToken: connection.verifyToken, phoneNumberID: connection.phoneNumberID,
                  optOutKeywords: connection.settings.keywords)
    }

    public var verifier: WhatsAppWebhookVerifier { WhatsAppWebhookVerifier(appSecret: appSecret, verifyToken: verifyToken) }

    public var description: String { "WhatsApp webhook keys (app secret and verify token redacted)" }
    public var customMirror: Mirror { Mirror(self, children: ["phoneNumberID": phoneNumberID as Any, "secrets": "[redacted]"]) }
}

/// WhatsApp webhook keys kept in memory for a few seconds, like ``WebhookSecretCache`` does for Zendesk: a burst of
/// deliveries does not read and decrypt the connection once per request. A reconnect reaches a running server within
/// ``lifetime``; an unknown connection is not cached, so connecting takes effect at once.
public final class WhatsAppWebhookKeyCache: Sendable {
    public let lifetime: Duration
    private let load: @Sendable (String) async throws -> WhatsAppWebhookKeys?
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[String: (keys: WhatsAppWebhookKeys, until: ContinuousClock.Instant)]>([:])

    public init(lifetime: Duration = .seconds(5), now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
                load: @escaping @Sendable (String) async throws -> WhatsAppWebhookKeys?) {
        self.lifetime = lifetime
        self.now = now
        self.load = load
    }

    /// Keys loaded from stored connections; none without a master key.
    public convenience init(store: Store, secrets: SecretBox?, lifetime: Duration = .seconds(5)) {
        self.init(lifetime: lifetime) { name in
            guard let secrets else { return nil }
            do {
                return WhatsAppWebhookKeys(try await WhatsAppConnections(store: store, secrets: secrets).load(name: name))
            } catch WhatsAppConnectError.notConnected {
                return nil
            }
        }
    }

    public func keys(connection: String) async throws -> WhatsAppWebhookKeys? {
        let instant = now()
        if let cached = entries.withLock({ $0[connection] }), cached.until > instant { return cached.keys }
        guard let keys = try await load(connection) else {
            entries.withLock { _ = $0.removeValue(forKey: connection) }
            return nil
        }
        entries.withLock { $0[connection] = (keys, instant + lifetime) }
        return keys
    }
}

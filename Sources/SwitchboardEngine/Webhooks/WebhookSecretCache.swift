import Foundation
import Synchronization

/// Webhook signing secrets kept in memory for a few seconds, so that verifying a burst of deliveries does not read
/// and decrypt the same secret from the store once per request.
///
/// A secret changed with `switchboard webhooks zendesk secret` (or `register`) reaches a running server within ``lifetime``. A connection
/// with no secret is not cached, so configuring one takes effect at once.
public final class WebhookSecretCache: Sendable {
    /// How long a secret read from the store is trusted.
    public let lifetime: Duration
    private let load: @Sendable (String) async throws -> String?
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[String: (secret: String, until: ContinuousClock.Instant)]>([:])

    public init(lifetime: Duration = .seconds(5), now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
                load: @escaping @Sendable (String) async throws -> String?) {
        self.lifetime = lifetime
        self.now = now
        self.load = load
    }

    public func secret(connection: String) async throws -> String? {
        let instant = now()
        if let cached = entries.withLock({ $0[connection] }), cached.until > instant { return cached.secret }
        guard let secret = try await load(connection) else {
            entries.withLock { _ = $0.removeValue(forKey: connection) }
            return nil
        }
        entries.withLock { $0[connection] = (secret, instant + lifetime) }
        return secret
    }
}

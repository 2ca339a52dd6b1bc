import Foundation

/// One webhook the sandbox sent (or tried to), with every attempt — for tests that check signatures, retries and
/// duplicates. Listed by `WhatsAppSandbox.webhooks()` and `GET /_sandbox/webhooks`.
public struct WhatsAppWebhookRecord: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Waiting for the handshake, an attempt or a retry.
        case pending
        /// The receiver answered 2xx.
        case delivered
        /// Every attempt failed.
        case failed
        /// Not sent: the GET verification handshake failed.
        case notVerified = "not_verified"
        /// Not sent: no callback URL is configured.
        case noCallback = "no_callback"
    }

    public var id: Int
    /// `status` or `message`.
    public var kind: String
    /// The `wamid` the webhook is about.
    public var messageID: String
    /// `sent`, `delivered`, `read`, `failed` for status webhooks; the inbound type for messages.
    public var detail: String
    /// The exact body sent (ASCII, non-ASCII escaped).
    public var body: String
    /// The `X-Hub-Signature-256` value sent with it.
    public var signature: String
    public var url: String?
    /// Requests made, retries included, duplicates not.
    public var attempts: Int
    /// The receiver's status per attempt (`nil` for a timeout or refused connection).
    public var responseStatuses: [Int?]
    /// Extra, identical sends of an accepted delivery (at-least-once).
    public var duplicatesSent: Int
    public var state: State
    public var createdAt: Date
}

/// The outcome of the GET verification handshake against the callback URL (reference §2.1).
public struct WhatsAppWebhookVerification: Sendable, Equatable {
    public enum State: String, Sendable {
        case notAttempted = "not_attempted"
        case pending
        case passed
        case failed
    }

    public var url: String?
    public var state: State
    /// The receiver's status, or why the handshake failed.
    public var detail: String?
}

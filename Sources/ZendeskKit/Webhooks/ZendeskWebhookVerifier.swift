import ConnectorKit
import Foundation

/// Verifies Zendesk's webhook signatures (reference §8.4):
/// `base64(HMAC-SHA256(key: signing secret as UTF-8, message: timestamp header + raw body))`, compared in constant
/// time, with the timestamp no more than `tolerance` away from now so a captured request cannot be replayed later.
public struct ZendeskWebhookVerifier: Sendable {
    public static let signatureHeader = "X-Zendesk-Webhook-Signature"
    public static let timestampHeader = "X-Zendesk-Webhook-Signature-Timestamp"

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case missingSignature
        case missingTimestamp
        case malformedTimestamp(String)
        case stale(ageSeconds: Int)
        case badSignature

        public var description: String {
            switch self {
            case .missingSignature: return "missing \(ZendeskWebhookVerifier.signatureHeader) header"
            case .missingTimestamp: return "missing \(ZendeskWebhookVerifier.timestampHeader) header"
            case .malformedTimestamp(let value): return "\(ZendeskWebhookVerifier.timestampHeader) \"\(value)\" is not an ISO-8601 time"
            case .stale(let age): return "signature timestamp is \(age) s away from now (more than 5 minutes): rejected as a possible replay"
            case .badSignature: return "signature does not match the webhook's signing secret"
            }
        }
    }

    public let secret: String
    public let tolerance: TimeInterval

    public init(secret: String, tolerance: TimeInterval = 300) {
        self.secret = secret
        self.tolerance = tolerance
    }

    public func verify(body: [UInt8], signature: String?, timestamp: String?, now: Date = Date()) throws(Failure) {
        guard let signature, !signature.isEmpty else { throw .missingSignature }
        guard let timestamp, !timestamp.isEmpty else { throw .missingTimestamp }
        guard let signedAt = LenientDate.parse(timestamp) else { throw .malformedTimestamp(timestamp) }
        let age = now.timeIntervalSince(signedAt)
        guard abs(age) <= tolerance else { throw .stale(ageSeconds: Int(age.rounded())) }
        let expected = Self.signature(secret: secret, timestamp: timestamp, body: body)
        guard WebhookSignature.constantTimeEquals(Array(expected.utf8), Array(signature.trimmingHTTPWhitespace.utf8)) else {
            throw .badSignature
        }
    }

    /// The signature Zendesk sends for `body` at `timestamp`.
    public static func signature(secret: String, timestamp: String, body: [UInt8]) -> String {
        WebhookSignature.base64HMAC(secret: secret, message: Array(timestamp.utf8) + body)
    }
}

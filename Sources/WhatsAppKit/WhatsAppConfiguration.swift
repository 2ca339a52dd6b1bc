import ConnectorKit
import Foundation

/// Everything a ``WhatsAppClient`` needs to send from one business phone number through the Cloud API.
///
/// The Graph API version is configuration (``GraphAPIVersion``), never part of hard-coded paths. The access token
/// (a system-user token in production) never appears in `description`, `debugDescription` or `dump` output, so a
/// configuration can be logged safely.
public struct WhatsAppConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Meta's Graph API host.
    public static let defaultBaseURL = "https://graph.facebook.com"

    /// Scheme and host (and port), without a trailing slash: Meta's host, or a sandbox's `http://127.0.0.1:8080`.
    public var baseURL: String
    public var apiVersion: GraphAPIVersion
    /// The **id** of the business number (`metadata.phone_number_id` in webhooks), not its digits.
    public var phoneNumberID: String
    /// Sent as `Authorization: Bearer {token}`; redacted from every description and error.
    public var accessToken: String
    /// Retries for idempotent reads (media look-ups and downloads).
    public var retryPolicy: RetryPolicy
    /// Retries for sends. One attempt by default: a send that timed out may still have been delivered, and
    /// Graph errors are handed to the caller (see ``WhatsAppError/isRetryable``) rather than retried blindly.
    public var sendRetryPolicy: RetryPolicy
    public var requestTimeout: Duration
    public var userAgent: String

    public init(
        baseURL: String = WhatsAppConfiguration.defaultBaseURL,
        apiVersion: GraphAPIVersion = .default,
        phoneNumberID: String,
        accessToken: String,
        retryPolicy: RetryPolicy = .standard,
        sendRetryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 1, maxRateLimitWaits: 1),
        requestTimeout: Duration = .seconds(30),
        userAgent: String = "Switchboard/1.0 (WhatsAppKit)"
    ) {
        var trimmed = baseURL.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.apiVersion = apiVersion
        self.phoneNumberID = phoneNumberID.trimmingCharacters(in: .whitespaces)
        self.accessToken = accessToken
        self.retryPolicy = retryPolicy
        self.sendRetryPolicy = sendRetryPolicy
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }

    /// `{baseURL}/{version}/{path}`.
    public func url(_ path: String) -> String {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return "\(baseURL)/\(apiVersion.rawValue)/\(trimmed)"
    }

    /// `POST` target for every send and for read receipts: `{baseURL}/{version}/{phone-number-id}/messages`.
    public var messagesURL: String { url("\(Self.pathSegment(phoneNumberID))/messages") }

    /// `GET` target for a media object's metadata: `{baseURL}/{version}/{media-id}`.
    public func mediaURL(id: String) -> String { url(Self.pathSegment(id)) }

    /// Percent-encodes anything that could break out of one path segment.
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    public var description: String {
        "WhatsApp Cloud API at \(baseURL) (\(apiVersion), phone number id \(phoneNumberID), access token \(accessToken.isEmpty ? "missing" : "set"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL, "apiVersion": apiVersion, "phoneNumberID": phoneNumberID, "accessToken": "[redacted]", "userAgent": userAgent])
    }
}

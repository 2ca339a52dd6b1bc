import Foundation

/// One delivery to make to one webhook: where it goes, how it is signed and the body, unchanged across retries and
/// duplicates (only the signature timestamp is fresh for each request).
struct WebhookInvocation: Sendable {
    /// The `X-Zendesk-Webhook-Invocation-Id` (a ULID).
    var id: String
    var webhookID: String
    var endpoint: String
    var method: String
    var contentType: String
    var secret: String
    /// Authentication and custom headers of the webhook.
    var extraHeaders: [String: String]
    var eventID: String?
    var type: String
    var triggerID: Int64?
    var body: [UInt8]

    init(webhook: WebhookRecord, eventID: String?, type: String, triggerID: Int64?, body: [UInt8], now: Date) {
        id = ULID.make(at: now)
        webhookID = webhook.id
        endpoint = webhook.endpoint
        method = webhook.httpMethod
        contentType = webhook.contentType
        secret = webhook.signingSecret
        var headers = webhook.customHeaders
        if let authentication = webhook.authentication?.header { headers[authentication.name] = authentication.value }
        extraHeaders = headers
        self.eventID = eventID
        self.type = type
        self.triggerID = triggerID
        self.body = body
    }

    /// `GET` and `DELETE` requests carry no body; the signature then covers the timestamp alone.
    var sentBody: [UInt8] { method == "GET" || method == "DELETE" ? [] : body }

    /// The seven headers Zendesk sends (reference §8.3), then the webhook's own.
    func headers(accountID: Int64, timestamp: String) -> [(String, String)] {
        let signature = WebhookSignature.sign(secret: secret, timestamp: timestamp, body: sentBody)
        var headers = [
            ("Content-Type", contentType), ("User-Agent", "Zendesk Webhook"),
            ("X-Zendesk-Account-Id", String(accountID)), ("X-Zendesk-Webhook-Id", webhookID),
            ("X-Zendesk-Webhook-Invocation-Id", id), ("X-Zendesk-Webhook-Signature-Timestamp", timestamp),
            ("X-Zendesk-Webhook-Signature", signature),
        ]
        for name in extraHeaders.keys.sorted() { headers.append((name, extraHeaders[name]!)) }
        return headers
    }
}

import Crypto
import Foundation
@testable import Sandbox

extension SandboxHarness {
    /// Runs `body` against a sandbox with fast webhook delivery (no duplicates, 20 ms retries) and a receiver.
    static func withReceiver<Result: Sendable>(
        delivery: WebhookDeliveryOptions = .fastForTests,
        _ body: (SandboxHarness, WebhookReceiver) async throws -> Result
    ) async throws -> Result {
        try await WebhookReceiver.with { receiver in
            try await SandboxHarness.with(configure: { $0.webhookDelivery = delivery }) { harness in
                try await body(harness, receiver)
            }
        }
    }

    /// Creates a webhook over HTTP and returns its id.
    func createWebhook(endpoint: String, subscriptions: [String], name: String = "Flow hook") async throws -> String {
        let list = subscriptions.map { "\"\($0)\"" }.joined(separator: ",")
        let body = """
            {"webhook":{"name":"\(name)","endpoint":"\(endpoint)","http_method":"POST","request_format":"json",\
            "status":"active","subscriptions":[\(list)]}}
            """
        let created = try await send(.POST, "/api/v2/webhooks", json: body)
        guard created.status == 201, let id = created.json.at("webhook", "id").string else {
            throw WebhookSetupError(status: created.status, body: created.text)
        }
        return id
    }

    struct WebhookSetupError: Error {
        var status: Int
        var body: String
    }
}

/// The signature a receiver expects: base64(HMAC-SHA256(secret bytes, timestamp + body)), computed here with
/// swift-crypto directly so the test does not reuse the sandbox's code.
func expectedSignature(secret: String, timestamp: String, body: [UInt8]) -> String {
    var key = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
    key.update(data: Array(timestamp.utf8))
    key.update(data: body)
    return Data(key.finalize()).base64EncodedString()
}

/// Checks `text` against a regular expression that must match all of it.
func matches(_ text: String?, _ pattern: String) -> Bool {
    guard let text else { return false }
    return text.range(of: "^" + pattern + "$", options: .regularExpression) != nil
}

import Crypto
import Foundation

/// Zendesk's webhook signature (reference §8.4): `base64(HMAC-SHA256(key: secret bytes, message: timestamp + body))`.
/// The secret is used exactly as shown (it looks like base64 but is not decoded).
enum WebhookSignature {
    static func sign(secret: String, timestamp: String, body: [UInt8]) -> String {
        var message = Data(timestamp.utf8)
        message.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(code).base64EncodedString()
    }
}

import Crypto
import Foundation

/// HMAC-SHA256 helpers shared by webhook verifiers (Zendesk signs base64, WhatsApp/Meta signs hex).
public enum WebhookSignature {
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    public static func base64HMAC(secret: String, message: [UInt8]) -> String {
        Data(hmacSHA256(key: Array(secret.utf8), message: message)).base64EncodedString()
    }

    /// Compare two byte strings in time that depends only on their lengths.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}

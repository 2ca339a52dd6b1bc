import Crypto
import Foundation

/// `X-Hub-Signature-256: sha256=<lower-case hex HMAC-SHA256(key: app secret, message: body bytes)>` (reference §2.2).
enum HubSignature {
    static func header(appSecret: String, body: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(appSecret.utf8)))
        return "sha256=" + code.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

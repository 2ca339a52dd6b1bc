import Crypto
import Foundation

/// SHA-256 in hex, for naming records that have no id of their own.
enum StableDigest {
    static func hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

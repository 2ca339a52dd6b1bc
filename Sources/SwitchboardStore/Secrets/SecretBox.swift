import Crypto
import Foundation

/// AES-256-GCM sealing of secrets under the ``MasterKey``.
///
/// The secret's name is authenticated data, so a sealed value copied to another name fails to open.
public struct SecretBox: Sendable {
    public let masterKey: MasterKey

    public init(masterKey: MasterKey) {
        self.masterKey = masterKey
    }

    /// Encrypt `plaintext`; returns base64 of nonce ‖ ciphertext ‖ tag.
    public func seal(_ plaintext: [UInt8], name: String) throws -> String {
        let box = try AES.GCM.seal(plaintext, using: masterKey.key, authenticating: Data(name.utf8))
        guard let combined = box.combined else { throw StoreError.secret("could not encrypt secret \(name)") }
        return combined.base64EncodedString()
    }

    public func open(_ sealed: String, name: String, keyID: String) throws -> [UInt8] {
        guard keyID == masterKey.id else {
            throw StoreError.secret("secret \"\(name)\" was encrypted with master key \(keyID), but the key in use (\(masterKey.source)) is \(masterKey.id); set \(MasterKey.environmentVariable) or restore the key file that was used")
        }
        guard let data = Data(base64Encoded: sealed) else { throw StoreError.secret("secret \"\(name)\" is corrupt (not base64)") }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            return Array(try AES.GCM.open(box, using: masterKey.key, authenticating: Data(name.utf8)))
        } catch {
            throw StoreError.secret("secret \"\(name)\" cannot be decrypted: it is corrupt or was sealed for another name")
        }
    }
}

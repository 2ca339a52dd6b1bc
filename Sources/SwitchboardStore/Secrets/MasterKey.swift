import Crypto
import Foundation

/// The key every stored secret is encrypted under.
///
/// Taken from `SWITCHBOARD_MASTER_KEY` (32 bytes as base64 or 64 hex digits) when set; otherwise read from
/// a key file, which is created with mode 0600 on first use. A key file that others can read is refused,
/// because it would expose every stored token.
public struct MasterKey: Sendable {
    public static let environmentVariable = "SWITCHBOARD_MASTER_KEY"

    let key: SymmetricKey
    /// A short fingerprint stored beside each secret, so a wrong key is reported as such.
    public let id: String
    /// Where the key came from, for messages ("environment" or the file path).
    public let source: String

    public init(bytes: [UInt8], source: String) throws {
        guard bytes.count == 32 else {
            throw StoreError.secret("the master key from \(source) must be 32 bytes (base64 or 64 hex digits); it has \(bytes.count)")
        }
        self.key = SymmetricKey(data: bytes)
        self.id = SHA256.hash(data: Data("switchboard-key-id".utf8) + Data(bytes)).prefix(4).map { String(format: "%02x", $0) }.joined()
        self.source = source
    }

    /// Resolve the master key: the environment variable if set, else the key file at `keyFile`.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment, keyFile: String) throws -> MasterKey {
        if let value = environment[environmentVariable], !value.isEmpty {
            guard let bytes = decode(value) else {
                throw StoreError.secret("\(environmentVariable) is not 32 bytes of base64 or 64 hex digits")
            }
            return try MasterKey(bytes: bytes, source: "$\(environmentVariable)")
        }
        return try loadOrCreate(file: keyFile)
    }

    /// Read the key file, creating it (mode 0600, exclusively) if it does not exist yet.
    public static func loadOrCreate(file path: String) throws -> MasterKey {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if descriptor >= 0 {
                let text = Array((Data(bytes).base64EncodedString() + "\n").utf8)
                let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                fsync(descriptor)
                close(descriptor)
                guard written == text.count else { throw StoreError.secret("could not write the master key file \(path)") }
            } else if errno != EEXIST {
                throw StoreError.secret("could not create the master key file \(path): \(String(cString: strerror(errno)))")
            }
        }
        let attributes = try manager.attributesOfItem(atPath: path)
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw StoreError.secret("the master key file \(path) is readable by other users (mode \(String(mode, radix: 8))); run: chmod 600 \(path)")
        }
        guard let text = manager.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }), let bytes = decode(text) else {
            throw StoreError.secret("the master key file \(path) does not hold a base64 key; restore it from backup, or remove it and reconnect (stored tokens will be lost)")
        }
        return try MasterKey(bytes: bytes, source: path)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, trimmed.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = trimmed.startIndex
            while index < trimmed.endIndex {
                let next = trimmed.index(index, offsetBy: 2)
                bytes.append(UInt8(trimmed[index..<next], radix: 16)!)
                index = next
            }
            return bytes
        }
        return Data(base64Encoded: trimmed).map(Array.init)
    }
}

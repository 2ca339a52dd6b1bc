import Crypto
import Foundation

/// A media file the sandbox holds — uploaded by a test for a contact to send, or by the business — served by
/// `GET /{version}/{media-id}` (its metadata) and the download URL (its bytes).
public struct StoredMedia: Sendable, Equatable {
    public var id: String
    public var mimeType: String
    public var filename: String?
    public var bytes: [UInt8]

    public init(id: String, mimeType: String, filename: String? = nil, bytes: [UInt8]) {
        self.id = id
        self.mimeType = mimeType
        self.filename = filename
        self.bytes = bytes
    }

    /// Lower-case hex SHA-256, as the media metadata endpoint reports it.
    public var sha256Hex: String {
        SHA256.hash(data: bytes).map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// Base64 SHA-256, as inbound media webhooks carry it.
    public var sha256Base64: String {
        Data(SHA256.hash(data: bytes)).base64EncodedString()
    }

    /// The file extension Meta puts in download URLs.
    var fileExtension: String {
        switch mimeType {
        case "image/jpeg": return "jpeg"
        case "image/png": return "png"
        case "image/webp": return "webp"
        case "application/pdf": return "pdf"
        case "audio/ogg": return "ogg"
        case "video/mp4": return "mp4"
        default: return mimeType.split(separator: "/").last.map(String.init) ?? "bin"
        }
    }
}

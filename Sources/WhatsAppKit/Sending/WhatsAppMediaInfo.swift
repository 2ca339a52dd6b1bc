import ConnectorKit
import Foundation

/// Metadata of an uploaded or received media object (`GET /{version}/{media-id}`, reference §1.8).
///
/// The ``url`` is short-lived (minutes) and must be fetched with the same bearer token; ``WhatsAppClient/downloadMedia(id:)``
/// does both steps.
public struct WhatsAppMediaInfo: Sendable, Hashable {
    public var id: String
    public var url: String
    public var mimeType: String?
    public var sha256: String?
    public var fileSize: Int?

    public init(id: String, url: String, mimeType: String? = nil, sha256: String? = nil, fileSize: Int? = nil) {
        self.id = id
        self.url = url
        self.mimeType = mimeType
        self.sha256 = sha256
        self.fileSize = fileSize
    }

    /// Read the metadata answer; `nil` without a `url`.
    public init?(json: JSONValue, requestedID: String) {
        guard let url = json.string("url"), !url.isEmpty else { return nil }
        self.init(id: json.string("id") ?? requestedID, url: url, mimeType: json.string("mime_type"), sha256: json.string("sha256"), fileSize: json.int("file_size"))
    }
}

/// The bytes of a downloaded media object with its type.
public struct WhatsAppDownloadedMedia: Sendable, Hashable {
    public var info: WhatsAppMediaInfo
    public var bytes: [UInt8]
    /// The MIME type from the metadata, else from the download's `Content-Type`.
    public var mimeType: String?

    public init(info: WhatsAppMediaInfo, bytes: [UInt8], mimeType: String?) {
        self.info = info
        self.bytes = bytes
        self.mimeType = mimeType
    }
}

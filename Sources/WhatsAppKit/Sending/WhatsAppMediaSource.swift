import LooseJSON

/// Where the Cloud API finds the media of an outgoing message: an uploaded media id or a public HTTP(S) link.
///
/// Exactly one of the two is sent (reference §1.8); modelling it as an enum makes "both" or "neither" unrepresentable.
public enum WhatsAppMediaSource: Sendable, Hashable {
    /// A media id returned by `POST /{phone-number-id}/media`.
    case id(String)
    /// An HTTP or HTTPS URL Meta fetches.
    case link(String)

    var jsonObject: [String: JSONValue] {
        switch self {
        case .id(let id): return ["id": .string(id)]
        case .link(let link): return ["link": .string(link)]
        }
    }
}

/// The kinds of media message the Cloud API accepts (reference §1.8).
public enum WhatsAppMediaKind: String, Sendable, Hashable, CaseIterable {
    case image, video, audio, document, sticker

    /// Image, video and document messages may carry a caption; audio and stickers may not.
    public var allowsCaption: Bool { self == .image || self == .video || self == .document }
}

/// An outgoing image, video, audio, document or sticker.
///
/// Exists so that the caption/filename rules (captions only on image, video and document; a filename only on a
/// document) are checked before sending rather than discovered as a Graph error.
public struct WhatsAppOutboundMedia: Sendable, Hashable {
    public var kind: WhatsAppMediaKind
    public var source: WhatsAppMediaSource
    public var caption: String?
    /// Shown to the recipient as the document's name.
    public var filename: String?

    public init(kind: WhatsAppMediaKind, source: WhatsAppMediaSource, caption: String? = nil, filename: String? = nil) {
        self.kind = kind
        self.source = source
        self.caption = caption
        self.filename = filename
    }

    public static func image(_ source: WhatsAppMediaSource, caption: String? = nil) -> WhatsAppOutboundMedia {
        WhatsAppOutboundMedia(kind: .image, source: source, caption: caption)
    }

    public static func video(_ source: WhatsAppMediaSource, caption: String? = nil) -> WhatsAppOutboundMedia {
        WhatsAppOutboundMedia(kind: .video, source: source, caption: caption)
    }

    public static func audio(_ source: WhatsAppMediaSource) -> WhatsAppOutboundMedia {
        WhatsAppOutboundMedia(kind: .audio, source: source)
    }

    public static func document(_ source: WhatsAppMediaSource, caption: String? = nil, filename: String? = nil) -> WhatsAppOutboundMedia {
        WhatsAppOutboundMedia(kind: .document, source: source, caption: caption, filename: filename)
    }

    public static func sticker(_ source: WhatsAppMediaSource) -> WhatsAppOutboundMedia {
        WhatsAppOutboundMedia(kind: .sticker, source: source)
    }

    var jsonObject: [String: JSONValue] {
        var object = source.jsonObject
        if let caption { object["caption"] = .string(caption) }
        if let filename { object["filename"] = .string(filename) }
        return object
    }
}

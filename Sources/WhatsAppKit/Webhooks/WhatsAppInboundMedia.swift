import LooseJSON

/// A received image, video, audio, document or sticker. Only the media id arrives; fetch the bytes with
/// ``WhatsAppClient/downloadMedia(id:)`` within about 7 days.
public struct WhatsAppInboundMedia: Sendable, Hashable {
    public var kind: WhatsAppMediaKind
    public var id: String
    public var mimeType: String?
    public var sha256: String?
    public var caption: String?
    public var filename: String?
    /// Audio recorded as a voice note.
    public var isVoice: Bool?
    /// Animated sticker.
    public var isAnimated: Bool?
    /// Some payloads include a direct URL.
    public var url: String?

    public init(kind: WhatsAppMediaKind, id: String, mimeType: String? = nil, sha256: String? = nil, caption: String? = nil, filename: String? = nil, isVoice: Bool? = nil, isAnimated: Bool? = nil, url: String? = nil) {
        self.kind = kind
        self.id = id
        self.mimeType = mimeType
        self.sha256 = sha256
        self.caption = caption
        self.filename = filename
        self.isVoice = isVoice
        self.isAnimated = isAnimated
        self.url = url
    }

    init?(kind: WhatsAppMediaKind, json: JSONValue) {
        guard let id = json.string("id") else { return nil }
        self.init(kind: kind, id: id, mimeType: json.string("mime_type"), sha256: json.string("sha256"), caption: json.string("caption"),
                  filename: json.string("filename"), isVoice: json.bool("voice"), isAnimated: json.bool("animated"), url: json.string("url"))
    }
}

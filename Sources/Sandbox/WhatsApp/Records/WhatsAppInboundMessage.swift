import Foundation

/// What a simulated contact can send to the business. Each case becomes one `value.messages[]` object of an
/// inbound webhook, in the shape of reference §2.4.
public enum WhatsAppInboundContent: Sendable, Equatable {
    case text(String)
    /// Tap on an interactive reply button (`interactive.button_reply`).
    case buttonReply(id: String, title: String)
    /// Choice from an interactive list (`interactive.list_reply`).
    case listReply(id: String, title: String, description: String?)
    /// Tap on a template quick reply (`type: button`).
    case templateButton(payload: String, text: String)
    /// An image already in the media store (see `WhatsAppSandbox.uploadMedia`).
    case image(mediaID: String, caption: String?)
    case document(mediaID: String, caption: String?, filename: String?)
    case reaction(messageID: String, emoji: String)

    var type: String {
        switch self {
        case .text: return "text"
        case .buttonReply, .listReply: return "interactive"
        case .templateButton: return "button"
        case .image: return "image"
        case .document: return "document"
        case .reaction: return "reaction"
        }
    }

    /// A short human summary for the log.
    var summary: String {
        switch self {
        case .text(let body): return body
        case .buttonReply(let id, _), .listReply(let id, _, _): return id
        case .templateButton(let payload, _): return payload
        case .image(let id, let caption), .document(let id, let caption, _): return caption ?? id
        case .reaction(_, let emoji): return emoji
        }
    }
}

/// A message a simulated contact sent (now, or by a script), as recorded for tests.
public struct WhatsAppInboundMessage: Sendable, Equatable {
    public var id: String
    public var from: String
    public var content: WhatsAppInboundContent
    /// `context.id`: the business message replied to or tapped.
    public var contextMessageID: String?
    public var time: Date
    public var type: String { content.type }
}

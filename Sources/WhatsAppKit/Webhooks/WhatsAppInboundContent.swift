import LooseJSON

/// What an inbound message carries, one case per Cloud API message `type` (reference §2.4).
///
/// Types Switchboard does not model — and known types whose payload is missing or malformed — are kept as
/// ``unknown(type:raw:)`` with the whole message JSON, so nothing a user sends is dropped.
public indirect enum WhatsAppInboundContent: Sendable, Hashable {
    case text(body: String)
    /// A reply to an interactive message (button, list, Flow).
    case interactive(WhatsAppInteractiveReply)
    /// A tap on a template quick-reply button: `payload` is what the send set, `text` the button label.
    case button(payload: String?, text: String?)
    case media(WhatsAppInboundMedia)
    /// A reaction to `messageID`; `emoji` is `nil` when the user removed their reaction.
    case reaction(messageID: String, emoji: String?)
    case location(WhatsAppLocation)
    /// Shared contact cards, as sent.
    case contacts([JSONValue])
    case order(WhatsAppOrder)
    case system(WhatsAppSystemNotice)
    /// The user opened the chat for the first time (Click-to-WhatsApp / welcome flows).
    case requestWelcome
    /// WhatsApp could not pass the message on (see the message's `errors`, usually 131051); `type` when Meta names it.
    case unsupported(type: String?)
    /// The user edited an earlier message; `content` is the new content when it could be read.
    case edit(originalMessageID: String, content: WhatsAppInboundContent?)
    /// The user deleted an earlier message.
    case revoke(originalMessageID: String)
    /// Anything else, with the whole message object.
    case unknown(type: String, raw: JSONValue)

    /// Read the payload of a message of `type` from the message object `json`.
    static func read(type: String, from json: JSONValue, allowNestedEdit: Bool = true) -> WhatsAppInboundContent {
        let unknown = WhatsAppInboundContent.unknown(type: type, raw: json)
        switch type {
        case "text":
            guard let body = json.object("text")?.string("body") else { return unknown }
            return .text(body: body)
        case "interactive":
            guard let payload = json.object("interactive"), let reply = WhatsAppInteractiveReply(json: payload) else { return unknown }
            return .interactive(reply)
        case "button":
            guard let payload = json.object("button") else { return unknown }
            let button = (payload.string("payload"), payload.string("text"))
            guard button.0 != nil || button.1 != nil else { return unknown }
            return .button(payload: button.0, text: button.1)
        case "image", "video", "audio", "document", "sticker":
            guard let kind = WhatsAppMediaKind(rawValue: type), let payload = json.object(type),
                  let media = WhatsAppInboundMedia(kind: kind, json: payload) else { return unknown }
            return .media(media)
        case "reaction":
            guard let payload = json.object("reaction"), let messageID = payload.string("message_id") else { return unknown }
            let emoji = payload.string("emoji")
            return .reaction(messageID: messageID, emoji: emoji?.isEmpty == true ? nil : emoji)
        case "location":
            guard let payload = json.object("location"), let location = WhatsAppLocation(json: payload) else { return unknown }
            return .location(location)
        case "contacts":
            guard case .array(let cards)? = json["contacts"] else { return unknown }
            return .contacts(cards)
        case "order":
            guard let payload = json.object("order") else { return unknown }
            return .order(WhatsAppOrder(json: payload))
        case "system":
            guard let payload = json.object("system") else { return unknown }
            return .system(WhatsAppSystemNotice(json: payload, identity: json.object("identity")))
        case "request_welcome":
            return .requestWelcome
        case "unsupported":
            return .unsupported(type: json.object("unsupported")?.string("type"))
        case "edit":
            guard let payload = json.object("edit"), let original = payload.string("original_message_id") else { return unknown }
            var content: WhatsAppInboundContent?
            if allowNestedEdit, let message = payload.object("message") {
                content = read(type: message.string("type") ?? "", from: message, allowNestedEdit: false)
            }
            return .edit(originalMessageID: original, content: content)
        case "revoke":
            guard let payload = json.object("revoke"), let original = payload.string("original_message_id") else { return unknown }
            return .revoke(originalMessageID: original)
        default:
            return unknown
        }
    }
}

/// The identifier a user's tap sends back, and the message it answers — how a reply is matched to a request.
///
/// Switchboard puts its request id into a reply button's `id`, a list row's `id` or a template quick-reply's
/// `payload`, and stores the outgoing `wamid`. On a reply, parse ``identifier`` first, then confirm that
/// ``contextMessageID`` equals the stored `wamid` (reference §2.4).
public struct WhatsAppReply: Sendable, Hashable {
    /// Which kind of tap produced the reply.
    public enum Source: String, Sendable, Hashable {
        /// `interactive.button_reply`
        case replyButton
        /// `interactive.list_reply`
        case listRow
        /// `button` (template quick reply)
        case templateButton
    }

    /// `button_reply.id`, `list_reply.id` or `button.payload` (the button text when a quick reply has no payload).
    public var identifier: String
    /// The label the user saw.
    public var title: String?
    public var source: Source
    /// `context.id`: the `wamid` of the business message answered; absent on some quick replies.
    public var contextMessageID: String?

    public init(identifier: String, title: String? = nil, source: Source, contextMessageID: String? = nil) {
        self.identifier = identifier
        self.title = title
        self.source = source
        self.contextMessageID = contextMessageID
    }
}

extension WhatsAppInboundMessage {
    /// The reply this message represents, when it is a tap on a reply button, list row or template quick-reply.
    public var reply: WhatsAppReply? {
        switch content {
        case .interactive(.buttonReply(let id, let title)):
            return WhatsAppReply(identifier: id, title: title, source: .replyButton, contextMessageID: context?.id)
        case .interactive(.listReply(let id, let title, _)):
            return WhatsAppReply(identifier: id, title: title, source: .listRow, contextMessageID: context?.id)
        case .button(let payload, let text):
            guard let identifier = payload ?? text else { return nil }
            return WhatsAppReply(identifier: identifier, title: text, source: .templateButton, contextMessageID: context?.id)
        default:
            return nil
        }
    }

    /// `button_reply.id`, `list_reply.id` or `button.payload`; `nil` for other messages.
    public var replyIdentifier: String? { reply?.identifier }

    /// `context.id`: the `wamid` of the business message this one replies to or quotes.
    public var contextMessageID: String? { context?.id }

    /// The text a person typed or tapped: a text body, a button label or payload, a reply title, a media caption.
    public var textContent: String? {
        switch content {
        case .text(let body): return body
        case .button(let payload, let text): return text ?? payload
        case .interactive(.buttonReply(_, let title)), .interactive(.listReply(_, let title, _)): return title
        case .media(let media): return media.caption
        default: return nil
        }
    }
}

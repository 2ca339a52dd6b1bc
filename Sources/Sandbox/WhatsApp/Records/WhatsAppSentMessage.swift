import Foundation

/// A message the business sent through the sandbox, as tests want to see it: who it went to, what it said, which
/// buttons it offered and every status it has reached. Listed by `WhatsAppSandbox.sentMessages()` and
/// `GET /_sandbox/messages`.
public struct WhatsAppSentMessage: Sendable, Equatable {
    /// The `wamid.…` returned to the sender.
    public var id: String
    /// `to` exactly as sent.
    public var to: String
    /// The normalised WhatsApp id of the recipient.
    public var waID: String
    /// `text`, `template`, `interactive`, `image`, …
    public var type: String
    /// `button` or `list` for interactive messages.
    public var interactiveType: String?
    /// Text body, interactive body, rendered template body, media caption or reaction emoji.
    public var body: String?
    public var templateName: String?
    public var templateLanguage: String?
    /// Template body parameters as text (`fallback_value` for currency and dates).
    public var templateParameters: [String]
    public var headerParameters: [String]
    /// Reply buttons, list rows or template quick replies the recipient can tap.
    public var buttons: [WhatsAppMessageButton]
    /// Uploaded media id or link of media messages.
    public var mediaID: String?
    public var mediaLink: String?
    public var contextMessageID: String?
    public var bizOpaqueCallbackData: String?
    public var acceptedAt: Date
    /// Statuses reached so far, oldest first.
    public var statuses: [WhatsAppStatusEvent]
    /// The request body as received.
    public var requestBody: String

    /// The latest status (`accepted` before the first webhook).
    public var status: String { statuses.last?.status ?? "accepted" }
}

/// Something on a business message the recipient can tap.
public struct WhatsAppMessageButton: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Interactive reply button (`button_reply`).
        case reply
        /// Interactive list row (`list_reply`).
        case listRow = "list_row"
        /// Template quick reply (inbound `button`).
        case quickReply = "quick_reply"
    }

    public var kind: Kind
    /// `reply.id`, row `id`, or the quick reply's `payload` (its label when the send gave none).
    public var id: String
    public var title: String
    public var rowDescription: String?

    public init(kind: Kind, id: String, title: String, rowDescription: String? = nil) {
        self.kind = kind
        self.id = id
        self.title = title
        self.rowDescription = rowDescription
    }
}

/// One status a business message reached, with the error of a `failed` one.
public struct WhatsAppStatusEvent: Sendable, Equatable {
    /// `sent`, `delivered`, `read` or `failed`.
    public var status: String
    public var time: Date
    public var errorCode: Int?
}

/// A `POST …/messages` body that passed validation, before the registry, the limits and the window are consulted.
struct SendDraft: Sendable {
    var to: String
    var waID: String
    var type: String
    var interactiveType: String?
    var body: String?
    var buttons: [WhatsAppMessageButton] = []
    var template: TemplateCall?
    var mediaID: String?
    var mediaLink: String?
    var contextMessageID: String?
    var bizOpaqueCallbackData: String?
}

/// The template part of a send: what the registry must match.
struct TemplateCall: Sendable {
    var name: String
    var language: String
    var headerParameters: [String]
    var bodyParameters: [String]
    /// Quick-reply payloads given in the send, by button index.
    var payloads: [Int: String]
}

/// What a `POST …/messages` asks for.
enum SendRequest: Sendable {
    case message(SendDraft)
    /// `{"status": "read", "message_id": …}`, answered `{"success": true}`.
    case markRead(messageID: String)
}

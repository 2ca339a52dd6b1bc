/// Validates a `POST /{version}/{phone-number-id}/messages` body against reference §1.2–§1.9 and turns it into a
/// `SendRequest`, or the Graph error Meta answers with: 100 for a malformed body or unknown type, 131008 for a
/// missing field, 131009 for a value out of bounds.
enum SendRequestParser {
    static let messageTypes = ["text", "template", "interactive", "image", "video", "audio", "document", "sticker",
                               "reaction", "location", "contacts"]

    static func parse(_ body: JSONValue) throws(GraphError) -> SendRequest {
        guard body.objectValue != nil else { throw .malformedJSON() }
        guard let product = body["messaging_product"]?.stringValue else {
            throw .requiredParameterMissing("The parameter messaging_product is required.")
        }
        guard product == "whatsapp" else { throw .invalidParameter("messaging_product must be \"whatsapp\"") }
        if let status = body["status"] {
            guard status.stringValue == "read" else { throw .invalidParameter("status must be \"read\"") }
            guard let messageID = body["message_id"]?.stringValue, !messageID.isEmpty else {
                throw .requiredParameterMissing("The parameter message_id is required.")
            }
            if let indicator = body["typing_indicator"], indicator["type"]?.stringValue != "text" {
                throw .invalidParameter("typing_indicator.type must be \"text\"")
            }
            return .markRead(messageID: messageID)
        }
        if let recipientType = body["recipient_type"] {
            guard let value = recipientType.stringValue, value == "individual" || value == "group" else {
                throw .invalidParameter("recipient_type must be \"individual\" or \"group\"")
            }
            if value == "group" { throw .invalidParameter("Group messaging is not simulated by the sandbox") }
        }
        guard let to = body["to"]?.stringValue, !to.isEmpty else {
            throw .requiredParameterMissing("The parameter to is required.")
        }
        guard let waID = WhatsAppID.normalise(to) else {
            throw .invalidParameter("Invalid parameter 'to': \(to) is not a phone number in international format")
        }
        let type = body["type"]?.stringValue ?? "text"
        guard messageTypes.contains(type) else {
            throw .invalidParameter("Param type must be one of {\(messageTypes.joined(separator: ", "))} - got \"\(type)\".")
        }
        var draft = SendDraft(to: to, waID: waID, type: type)
        if let context = body["context"] {
            guard let id = context["message_id"]?.stringValue, !id.isEmpty else {
                throw .requiredParameterMissing("context.message_id is required when context is given")
            }
            draft.contextMessageID = id
        }
        if let opaque = body["biz_opaque_callback_data"] {
            guard let value = opaque.stringValue, value.count <= 512 else {
                throw .invalidValue("biz_opaque_callback_data must be a string of at most 512 characters")
            }
            draft.bizOpaqueCallbackData = value
        }
        guard let payload = body[type], payload.objectValue != nil || (type == "contacts" && payload.arrayValue != nil) else {
            throw .requiredParameterMissing("The parameter \(type) is required for messages of type \(type).")
        }
        switch type {
        case "text":
            draft.body = try text(payload)
        case "template":
            draft.template = try TemplateCallParser.parse(payload)
        case "interactive":
            try InteractiveValidator.validate(payload, into: &draft)
        case "reaction":
            guard let messageID = payload["message_id"]?.stringValue, !messageID.isEmpty else {
                throw .requiredParameterMissing("reaction.message_id is required")
            }
            guard let emoji = payload["emoji"]?.stringValue else {
                throw .requiredParameterMissing("reaction.emoji is required (empty to remove a reaction)")
            }
            draft.body = emoji
            draft.contextMessageID = draft.contextMessageID ?? messageID
        case "location":
            guard payload["latitude"]?.numberValue != nil, payload["longitude"]?.numberValue != nil else {
                throw .requiredParameterMissing("location.latitude and location.longitude are required")
            }
            draft.body = payload["name"]?.stringValue
        case "contacts":
            guard let cards = payload.arrayValue, !cards.isEmpty else {
                throw .requiredParameterMissing("contacts must be a non-empty array")
            }
        default:
            try media(payload, type: type, into: &draft)
        }
        return .message(draft)
    }

    private static func text(_ payload: JSONValue) throws(GraphError) -> String {
        guard let body = payload["body"]?.stringValue, !body.isEmpty else {
            throw .requiredParameterMissing("The parameter text['body'] is required.")
        }
        guard body.count <= 4096 else { throw .invalidValue("Message text is too long. Max length: 4096, got \(body.count)") }
        if let preview = payload["preview_url"], preview.boolValue == nil {
            throw .invalidParameter("text.preview_url must be a boolean")
        }
        return body
    }

    /// Image, video, audio, document, sticker: exactly one of `id` and `link`.
    private static func media(_ payload: JSONValue, type: String, into draft: inout SendDraft) throws(GraphError) {
        let id = payload["id"]?.stringValue
        let link = payload["link"]?.stringValue
        switch (id, link) {
        case (nil, nil):
            throw .requiredParameterMissing("\(type) requires either id or link")
        case (.some, .some):
            throw .invalidParameter("\(type) must have exactly one of id and link, not both")
        case (let id?, nil):
            guard !id.isEmpty else { throw .invalidValue("\(type).id must not be empty") }
            draft.mediaID = id
        case (nil, let link?):
            guard link.hasPrefix("http://") || link.hasPrefix("https://") else {
                throw .invalidValue("\(type).link must be an HTTP or HTTPS URL")
            }
            draft.mediaLink = link
        }
        if let caption = payload["caption"] {
            guard ["image", "video", "document"].contains(type) else {
                throw .invalidParameter("caption is not allowed on \(type) messages")
            }
            guard let text = caption.stringValue, text.count <= 1024 else {
                throw .invalidValue("\(type).caption must be text of at most 1024 characters")
            }
            draft.body = text
        }
        if payload["filename"] != nil, type != "document" {
            throw .invalidParameter("filename is only allowed on document messages")
        }
    }
}

extension JSONValue {
    /// Any JSON number as a `Double`.
    var numberValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }
}

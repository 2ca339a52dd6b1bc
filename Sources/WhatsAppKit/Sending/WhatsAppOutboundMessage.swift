import Foundation
import LooseJSON

/// One message to send with `POST /{version}/{phone-number-id}/messages`: recipient, content, and the optional
/// quoted-reply context and callback data common to every type (reference §1.2).
///
/// Exists as a value so that a send can be built, validated, stored and retried as data, and so that its exact JSON
/// (``jsonBody``) can be checked in tests and by the sandbox.
public struct WhatsAppOutboundMessage: Sendable, Hashable {
    /// `individual` (a phone number or WhatsApp id) or `group` (a group id).
    public enum RecipientType: String, Sendable, Hashable {
        case individual, group
    }

    /// What is sent.
    public enum Content: Sendable, Hashable {
        /// Free-form text (≤ 4,096 characters); `previewURL` asks WhatsApp to render a link preview.
        case text(body: String, previewURL: Bool = false)
        case template(WhatsAppTemplate)
        case interactive(WhatsAppInteractive)
        case media(WhatsAppOutboundMedia)
        /// A reaction to a received message; an empty emoji removes an earlier reaction.
        case reaction(messageID: String, emoji: String)
    }

    public static let maxTextLength = 4096
    public static let maxCaptionLength = 1024

    /// International number, digits only (a leading `+` is tolerated by Meta), or a WhatsApp / group id.
    public var to: String
    public var recipientType: RecipientType
    public var content: Content
    /// `context.message_id`: send as a quoted reply to this received `wamid`.
    public var replyToMessageID: String?
    /// `biz_opaque_callback_data`: echoed back on status webhooks (Switchboard puts its request id here).
    public var callbackData: String?

    public init(to: String, content: Content, recipientType: RecipientType = .individual, replyToMessageID: String? = nil, callbackData: String? = nil) {
        self.to = to
        self.recipientType = recipientType
        self.content = content
        self.replyToMessageID = replyToMessageID
        self.callbackData = callbackData
    }

    /// The Cloud API `type` of this message.
    public var type: String {
        switch content {
        case .text: return "text"
        case .template: return "template"
        case .interactive: return "interactive"
        case .media(let media): return media.kind.rawValue
        case .reaction: return "reaction"
        }
    }

    /// Whether Meta accepts this message outside the 24-hour customer service window (only templates).
    public var isAllowedOutsideServiceWindow: Bool {
        if case .template = content { return true }
        return false
    }

    /// Checks every client-side rule: recipient present, text and caption lengths, media caption/filename/link rules,
    /// template name and button positions, and the interactive limits of ``WhatsAppInteractiveValidator``.
    public func validate() throws(WhatsAppValidationError) {
        var collector = ValidationCollector()
        if to.trimmingCharacters(in: .whitespaces).isEmpty { collector.add("to", .empty) }
        switch content {
        case .text(let body, _):
            collector.required("text.body", body, limit: Self.maxTextLength)
        case .template(let template):
            if template.name.trimmingCharacters(in: .whitespaces).isEmpty { collector.add("template.name", .empty) }
            if template.languageCode.trimmingCharacters(in: .whitespaces).isEmpty { collector.add("template.language.code", .empty) }
            for (index, button) in template.buttons.enumerated() where !(0...9).contains(button.index) {
                collector.add("template.components[button \(index)].index", .outOfRange("0…9"))
            }
            var seen = Set<Int>()
            for button in template.buttons where !seen.insert(button.index).inserted {
                collector.add("template.components[button].index", .duplicate(String(button.index)))
            }
            for (index, parameter) in (template.headerParameters + template.bodyParameters).enumerated() {
                switch parameter {
                case .image(let source), .video(let source), .document(let source, _): collector.link("template.parameters[\(index)]", source)
                default: break
                }
            }
        case .interactive(let interactive):
            WhatsAppInteractiveValidator.check(interactive, into: &collector)
        case .media(let media):
            let kind = media.kind.rawValue
            collector.link(kind, media.source)
            if media.caption != nil, !media.kind.allowsCaption { collector.add("\(kind).caption", .notAllowed) }
            collector.optional("\(kind).caption", media.caption, limit: Self.maxCaptionLength)
            if media.filename != nil, media.kind != .document { collector.add("\(kind).filename", .notAllowed) }
        case .reaction(let messageID, _):
            if messageID.trimmingCharacters(in: .whitespaces).isEmpty { collector.add("reaction.message_id", .empty) }
        }
        try collector.finish()
    }

    /// The request body as JSON.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "messaging_product": "whatsapp",
            "recipient_type": .string(recipientType.rawValue),
            "to": .string(to),
            "type": .string(type),
        ]
        if let replyToMessageID { object["context"] = ["message_id": .string(replyToMessageID)] }
        if let callbackData { object["biz_opaque_callback_data"] = .string(callbackData) }
        switch content {
        case .text(let body, let previewURL):
            object["text"] = ["body": .string(body), "preview_url": .bool(previewURL)]
        case .template(let template):
            object["template"] = .object(template.jsonObject)
        case .interactive(let interactive):
            object["interactive"] = .object(interactive.jsonObject)
        case .media(let media):
            object[media.kind.rawValue] = .object(media.jsonObject)
        case .reaction(let messageID, let emoji):
            object["reaction"] = ["message_id": .string(messageID), "emoji": .string(emoji)]
        }
        return .object(object)
    }

    /// Compact JSON with sorted keys: the exact bytes the client sends.
    public var jsonBody: String { json.jsonText }
}

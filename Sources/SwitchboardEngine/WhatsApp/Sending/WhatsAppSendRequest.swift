import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// A template a step names (the message itself, or the fallback for a closed window), read from its parameters.
struct TemplateCall: Sendable, Equatable {
    var name: String
    var language: String?
    var bodyParams: [String]
    /// Quick-reply payloads in button order; `nil` means "the default" (for send_buttons: the button ids).
    var quickReplies: [String]?

    /// Reads `template`/`language`/`body_params`/`quick_replies`, or with `prefix` the `fallback_…` ones; `nil` when
    /// the step names no such template.
    static func read(_ input: JSONValue, prefix: String = "") throws -> TemplateCall? {
        let nameKey = prefix.isEmpty ? "template" : prefix + "template"
        guard let name = input.optionalText(nameKey) else { return nil }
        let language = try input.optionalText(prefix + "language").map { text -> String in
            guard let code = WhatsAppLanguageCode.normalised(text) else {
                throw ActionError.permanent("parameter \(prefix)language: \"\(text)\" is not a WhatsApp language code (en, en_US, pt_BR)", response: nil)
            }
            return code
        }
        let replies = input[prefix + "quick_replies"] == nil || input[prefix + "quick_replies"] == .null ? nil : textList(input, prefix + "quick_replies")
        return TemplateCall(name: name, language: language, bodyParams: textList(input, prefix + "body_params"), quickReplies: replies)
    }

    /// The languages tried, in order: the step's, else the contact's, then en_US and en.
    func languages(for contact: MessagingContact?) -> [String] {
        if let language { return [language] }
        var list: [String] = []
        for code in [contact?.language, "en_US", "en"].compactMap({ $0 }) where !list.contains(code) { list.append(code) }
        return list
    }

    /// The Cloud API template for the registered version, checking the parameter count when the registry knows it.
    func message(for template: RegisteredTemplate, defaultQuickReplies: [String] = []) throws -> (WhatsAppTemplate, replies: [String]) {
        if !template.bodyParameters.isEmpty, template.bodyParameters.count != bodyParams.count {
            throw ActionError.permanent("template \(template.name) (\(template.language)) takes \(template.bodyParameters.count) body parameters (\(template.bodyParameters.joined(separator: ", "))); the step gives \(bodyParams.count)", response: nil)
        }
        let quickReplyButtons = template.buttons.filter { $0.type == "quick_reply" }.count
        var replies = quickReplies ?? Array(defaultQuickReplies.prefix(quickReplyButtons))
        if quickReplies == nil, replies.isEmpty { replies = template.buttons.filter { $0.type == "quick_reply" }.compactMap(\.payload) }
        let buttons = replies.enumerated().map { WhatsAppTemplateButton.quickReply(index: $0.offset, payload: $0.element) }
        return (WhatsAppTemplate(name: template.name, languageCode: template.language, bodyParameters: bodyParams.map { .text($0) }, buttons: buttons), replies)
    }

    /// The body with its placeholders filled, for the message history.
    func renderedBody(_ template: RegisteredTemplate) -> String? {
        guard var body = template.body else { return nil }
        for (index, value) in bodyParams.enumerated() { body = body.replacingOccurrences(of: "{{\(index + 1)}}", with: value) }
        return body
    }

    static func textList(_ input: JSONValue, _ key: String) -> [String] {
        switch input[key] {
        case .array(let items)?: return items.map { $0.stringValue ?? $0.jsonText }
        case .string(let text)?: return text.isEmpty ? [] : [text]
        case .number?: return [input[key]!.jsonText]
        default: return []
        }
    }
}

/// A free-form message (text or interactive), allowed only inside the 24-hour window.
struct FreeFormMessage: Sendable {
    var content: WhatsAppOutboundMessage.Content
    var kind: String
    var body: String
    var replyOptions: [String]
}

/// What one send did, as the step's output.
struct SendOutcome: Sendable {
    enum Status: String { case sent, alreadySent = "already_sent", skipped }
    var status: Status
    var reason: String?
    var record: MessageRecord?
    var contactID: String?
    var to: String
    var fallback = false

    var json: JSONValue {
        .object(["status": .string(status.rawValue), "reason": reason.map(JSONValue.string) ?? .null,
                 "message_id": record.map { .string($0.id) } ?? .null, "wamid": record?.wamid.map(JSONValue.string) ?? .null,
                 "contact_id": contactID.map(JSONValue.string) ?? .null, "to": .string(to), "kind": record.map { .string($0.kind) } ?? .null,
                 "template": record?.templateName.map(JSONValue.string) ?? .null, "language": record?.templateLanguage.map(JSONValue.string) ?? .null,
                 "fallback": .bool(fallback)])
    }
}

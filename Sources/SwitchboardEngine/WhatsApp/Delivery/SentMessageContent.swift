import Foundation
import LooseJSON
import SwitchboardStore
import WhatsAppKit

/// Reads back, from a message record's stored request body, what Switchboard sent — so a failed message can be sent
/// again as it was (a dead letter's replay) or a failed template resent with the same parameters. Only the kinds the
/// send actions produce are understood: templates (text parameters, quick replies), text, and reply buttons.
enum SentMessageContent {
    /// The template call of a template message, in the language it was sent in.
    static func templateCall(_ payload: JSONValue?) -> TemplateCall? {
        guard let template = payload?["template"], let name = template["name"]?.stringValue, !name.isEmpty else { return nil }
        var bodyParams: [String] = []
        var replies: [(index: Int, payload: String)] = []
        for component in array(template["components"]) {
            switch component["type"]?.stringValue {
            case "body":
                bodyParams = array(component["parameters"]).map { $0["text"]?.stringValue ?? fallbackValue($0) }
            case "button" where component["sub_type"]?.stringValue == "quick_reply":
                if let payload = array(component["parameters"]).first?["payload"]?.stringValue {
                    replies.append((Int(component["index"]?.stringValue ?? "") ?? replies.count, payload))
                }
            default:
                continue
            }
        }
        return TemplateCall(name: name, language: template["language"]?["code"]?.stringValue, bodyParams: bodyParams,
                            quickReplies: replies.isEmpty ? nil : replies.sorted { $0.index < $1.index }.map(\.payload))
    }

    /// The text or reply buttons of a free-form message, to send again.
    static func freeForm(_ payload: JSONValue?) -> FreeFormMessage? {
        switch payload?["type"]?.stringValue {
        case "text":
            guard let body = payload?["text"]?["body"]?.stringValue, !body.isEmpty else { return nil }
            let preview = payload?["text"]?["preview_url"] == .bool(true)
            return FreeFormMessage(content: .text(body: body, previewURL: preview), kind: "text", body: body, replyOptions: [])
        case "interactive":
            guard let interactive = payload?["interactive"], interactive["type"]?.stringValue == "button",
                  let body = interactive["body"]?["text"]?.stringValue else { return nil }
            let buttons = array(interactive["action"]?["buttons"]).compactMap { item -> WhatsAppReplyButton? in
                guard let id = item["reply"]?["id"]?.stringValue, let title = item["reply"]?["title"]?.stringValue else { return nil }
                return WhatsAppReplyButton(id: id, title: title)
            }
            guard !buttons.isEmpty else { return nil }
            let header = interactive["header"]?["type"]?.stringValue == "text" ? interactive["header"]?["text"]?.stringValue : nil
            let message = WhatsAppReplyButtons(header: header.map { .text($0) }, body: body, footer: interactive["footer"]?["text"]?.stringValue,
                                               buttons: buttons)
            return FreeFormMessage(content: .interactive(.replyButtons(message)), kind: "interactive", body: body, replyOptions: buttons.map(\.id))
        default:
            return nil
        }
    }

    /// The template a stored fallback names.
    static func templateCall(_ fallback: MessageFallbackTemplate) -> TemplateCall {
        TemplateCall(name: fallback.name, language: fallback.language, bodyParams: fallback.bodyParams, quickReplies: fallback.quickReplies)
    }

    private static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    /// Currency and date parameters carry their text as `fallback_value`.
    private static func fallbackValue(_ parameter: JSONValue) -> String {
        for key in ["currency", "date_time"] {
            if let text = parameter[key]?["fallback_value"]?.stringValue { return text }
        }
        return parameter.jsonText
    }
}

extension TemplateCall {
    /// This call as kept with a free-form message (its quick replies stay `nil` when the step gave none: a resend
    /// then defaults them to the message's button ids, as the step would have).
    var stored: MessageFallbackTemplate {
        MessageFallbackTemplate(name: name, language: language, bodyParams: bodyParams, quickReplies: quickReplies)
    }
}

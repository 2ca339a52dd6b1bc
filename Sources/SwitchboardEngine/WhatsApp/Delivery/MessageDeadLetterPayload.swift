import Foundation
import LooseJSON
import SwitchboardStore

/// What a WhatsApp message's dead letter keeps, so a person can see what failed and a replay can send it again
/// without the run that sent it: the message (who, what kind, its text), the exact request body sent, WhatsApp's
/// error, why it was given up on, and the template a replay may send it as outside the 24-hour window.
enum MessageDeadLetterPayload {
    static func make(_ record: MessageRecord, reason: String, resendTemplate: TemplateCall?) -> JSONValue {
        let error = record.error
        return .object([
            "message_id": .string(record.id), "wamid": text(record.wamid), "connection": .string(record.connection),
            "contact_id": text(record.contactID), "to": text(record.waID), "kind": .string(record.kind), "template": text(record.templateName),
            "body": text(record.body), "correlation": text(record.correlation), "request": record.payload ?? .null,
            "error": error.map { .object(["code": $0.code.map { .number(Double($0)) } ?? .null, "title": text($0.title), "details": text($0.details)]) } ?? .null,
            "reason": .string(reason),
            "resend_template": resendTemplate.map(templateJSON) ?? .null,
        ])
    }

    /// The template a replay may send the message as (what was given to the handler, or kept with the message).
    static func resendTemplate(_ payload: JSONValue) -> TemplateCall? {
        guard let template = payload["resend_template"], let name = template["template"]?.stringValue, !name.isEmpty else { return nil }
        let replies: [String]? = template["quick_replies"] == nil || template["quick_replies"] == .null ? nil : TemplateCall.textList(template, "quick_replies")
        return TemplateCall(name: name, language: template["language"]?.stringValue, bodyParams: TemplateCall.textList(template, "body_params"),
                            quickReplies: replies)
    }

    /// One line for people: what the error was and why the message was given up on.
    static func errorLine(_ record: MessageRecord, reason: String) -> String {
        guard let error = record.error else { return reason }
        return describe(error) + ". " + reason
    }

    /// `WhatsApp error 131026 (Message undeliverable): details`.
    static func describe(_ error: MessageDeliveryError) -> String {
        var text = "WhatsApp error \(error.code.map(String.init) ?? "?")"
        if let title = error.title { text += " (\(title))" }
        if let details = error.details, !details.isEmpty { text += ": \(details)" }
        return text
    }

    private static func templateJSON(_ call: TemplateCall) -> JSONValue {
        .object(["template": .string(call.name), "language": text(call.language), "body_params": .array(call.bodyParams.map(JSONValue.string)),
                 "quick_replies": call.quickReplies.map { .array($0.map(JSONValue.string)) } ?? .null])
    }

    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}

import Foundation

/// The WhatsApp send actions: templates, free-form text, reply buttons, and notifying a title's contacts by role —
/// and delivery tracking for messages reported failed later. Every send checks consent, the 24-hour window and the
/// template registry first (skips are outputs, not errors), and is recorded before it is sent so a retried step never
/// messages a person twice. Implementations live in the engine.
extension ActionCatalog {
    static let whatsAppCommon: [ActionSpec.Parameter] = [
        .init("connection", .string, "WhatsApp connection (business number) to send from (default \"whatsapp\")."),
        .init("correlation", .string, "The record the message is about (e.g. rights_review:{{review.id}}), stored so replies can be matched."),
    ]
    static let whatsAppTemplateParameters: [ActionSpec.Parameter] = [
        .init("template", .string, required: true, "Template name; it must be approved in the registry (switchboard templates)."),
        .init("language", .string, "Template language (default: the contact's language, then en_US, then en)."),
        .init("body_params", .list(.string), "Values for the body's {{1}}, {{2}}…, in order."),
        .init("quick_replies", .list(.string), "Payloads for the template's quick-reply buttons, in button order."),
    ]
    static let whatsAppFallbackParameters: [ActionSpec.Parameter] = [
        .init("fallback_template", .string, "Approved template to send instead when the contact's 24-hour window is closed."),
        .init("fallback_language", .string, "Its language (default: the contact's language, then en_US, then en)."),
        .init("fallback_body_params", .list(.string), "Its body parameters."),
        .init("fallback_quick_replies", .list(.string), "Its quick-reply payloads."),
    ]
    static let whatsAppSendOutput = FieldType.object([
        "status": .oneOf(["sent", "already_sent", "skipped"]), "reason": .optional(.string), "message_id": .optional(.string),
        "wamid": .optional(.string), "contact_id": .optional(.string), "to": .string, "kind": .optional(.string),
        "template": .optional(.string), "language": .optional(.string), "fallback": .boolean,
    ])

    public static let whatsapp: [ActionSpec] = [
        ActionSpec(name: "whatsapp.send_template", summary: "Send an approved template to a contact (by contact id or E.164 number); skipped when they have not opted in or opted out.",
                   parameters: [.init("to", .string, required: true, "A contact id (wac_…) or an E.164 phone number in the directory.")]
                       + whatsAppTemplateParameters + whatsAppCommon,
                   outputs: whatsAppSendOutput),
        ActionSpec(name: "whatsapp.send_text", summary: "Send free-form text inside the contact's 24-hour window; outside it, the fallback template or a skip.",
                   parameters: [.init("to", .string, required: true, "A contact id (wac_…) or an E.164 phone number in the directory."),
                                .init("body", .string, required: true, "The text (at most 4096 characters)."),
                                .init("preview_url", .boolean, "Show a link preview (default false).")]
                       + whatsAppFallbackParameters + whatsAppCommon,
                   outputs: whatsAppSendOutput),
        ActionSpec(name: "whatsapp.send_buttons", summary: "Send up to 3 reply buttons inside the 24-hour window; outside it, the fallback template (its quick replies default to the button ids) or a skip.",
                   parameters: [.init("to", .string, required: true, "A contact id (wac_…) or an E.164 phone number in the directory."),
                                .init("body", .string, required: true, "The message text (at most 1024 characters)."),
                                .init("buttons", .list(.map(.string)), required: true, "1–3 buttons, each {id, title} (title at most 20 characters)."),
                                .init("header", .string, "Header text."), .init("footer", .string, "Footer text.")]
                       + whatsAppFallbackParameters + whatsAppCommon,
                   outputs: whatsAppSendOutput),
        ActionSpec(name: "whatsapp.notify_title_contacts", summary: "Send an approved template to every opted-in contact of a title with the given roles; lists who was sent, skipped and why.",
                   parameters: [.init("isbn", .string, "The title's ISBN."), .init("work_id", .integer, "Or: its Consonance work id."),
                                .init("roles", .list(.string), required: true, "Roles to notify (author, editor, production_lead…).")]
                       + whatsAppTemplateParameters + whatsAppCommon,
                   requireOneOf: [["isbn", "work_id"]],
                   outputs: .object([
                       "sent": .list(.object(["contact_id": .string, "name": .string, "role": .string, "wamid": .optional(.string), "message_id": .string])),
                       "skipped": .list(.object(["contact_id": .string, "name": .string, "role": .string, "reason": .string])),
                       "failed": .list(.object(["contact_id": .string, "name": .string, "role": .string, "error": .string])),
                       "sent_count": .integer, "skipped_count": .integer, "title": .optional(.string),
                   ])),
        ActionSpec(name: "whatsapp.handle_failed_message", summary: "Delivery tracking for a message reported failed (trigger: whatsapp message.failed): a recoverable error (131047, rate limits, temporary failures) resends it once as a template; anything else dead-letters it for replay. The outcome says which, so a later step can tell the owner.",
                   parameters: [.init("message_id", .string, required: true, "The failed message: {{message.id}} (its wamid) or a Switchboard message id (wam_…)."),
                                .init("template", .string, "Template to resend it as when it was free-form and its step named no fallback_template (must be approved)."),
                                .init("language", .string, "That template's language (default: the contact's language, then en_US, then en)."),
                                .init("body_params", .list(.string), "That template's body parameters."),
                                .init("quick_replies", .list(.string), "That template's quick-reply payloads (default: the failed message's button ids)."),
                                .init("error_code", .integer, "The error code, when the message record has none (e.g. {{error.code}}).")]
                       + whatsAppCommon,
                   outputs: .object([
                       "outcome": .oneOf(["retried_as_template", "dead_lettered", "ignored"]), "reason": .string,
                       "code": .optional(.integer), "error": .optional(.string), "message_id": .optional(.string), "wamid": .optional(.string),
                       "contact_id": .optional(.string), "to": .optional(.string), "template": .optional(.string),
                       "retry_status": .optional(.oneOf(["sent", "already_sent"])), "retry_message_id": .optional(.string), "retry_wamid": .optional(.string),
                       "dead_letter_id": .optional(.string),
                   ])),
    ]
}

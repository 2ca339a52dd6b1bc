import Foundation

/// The actions of the Consonance ↔ WhatsApp conversation recipes: recording pitches as acquisition opportunities
/// (with their attachments downloaded), taking answers to metadata proposals and royalty statements, and notifying
/// directory contacts by role. Implementations live in the engine.
extension ActionCatalog {
    public static let conversations: [ActionSpec] = [
        ActionSpec(name: "switchboard.record_pitch", summary: "Record an inbound WhatsApp message as (part of) an acquisition opportunity: follow-ups within the window join the sender's open one; attachments are downloaded.", parameters: [
            .init("connection", .string, "WhatsApp connection the message arrived on (default \"whatsapp\")."),
            .init("wamid", .string, required: true, "The message id ({{message.id}}); a message is recorded once."),
            .init("wa_id", .string, required: true, "The sender's WhatsApp id ({{message.from}})."),
            .init("contact_id", .string, "The sender's directory contact ({{contact.id}})."),
            .init("sender_name", .string, "The sender's name ({{contact.name}})."),
            .init("kind", .string, "The message type ({{message.type}})."),
            .init("text", .string, "The text or caption ({{message.text}})."),
            .init("received_at", .integer, "When it was sent, Unix seconds ({{message.timestamp}}; default now)."),
            .init("attachments", .list(.map(.any)), "The message's media ({{attachments}}), downloaded through the Cloud API."),
            .init("window_hours", .integer, "Messages from the same sender within this many hours of the last one join the same open opportunity (default 24)."),
            .init("sender_roles", .list(.string), "Directory contacts with roles count only with one of these (default: anyone); senders without roles always count."),
            .init("add_sender", .boolean, "Add a sender who is not in the directory (no roles, not opted in) so they can be answered (default true)."),
            .init("max_attachment_mb", .integer, "Attachments larger than this are listed but not kept (default 25)."),
        ], outputs: .object([
            "recorded": .boolean, "created": .boolean, "duplicate": .boolean, "reason": .optional(.string), "opportunity_id": .optional(.string),
            "url": .optional(.string), "contact_id": .optional(.string), "message_count": .integer, "attachment_count": .integer,
            "attachments": .list(.object(["id": .string, "type": .string, "filename": .optional(.string), "status": .string, "size": .optional(.integer)])),
            "isbn13": .optional(.string), "title": .optional(.string),
        ])),
        ActionSpec(name: "switchboard.answer_metadata_proposal", summary: "Take a WhatsApp answer to a metadata proposal: Confirm applies the values Consonance's API accepts (subtitle); anything else is recorded as a correction.", parameters: [
            .init("correlation", .string, required: true, "The answered message's correlation, metadata_proposal:<id> ({{correlation}})."),
            .init("wamid", .string, required: true, "The answer's message id ({{message.id}}); an answer counts once."),
            .init("reply_id", .string, "The tapped button's payload ({{reply.id}}); confirm means Confirm."),
            .init("text", .string, "The answer's text ({{message.text}})."),
            .init("contact_id", .string, "Who answered ({{contact.id}})."), .init("contact_name", .string, "Their name ({{contact.name}})."),
            .init("confirm_payloads", .list(.string), "Payloads that mean Confirm (default [confirm])."),
            .init("connection", .string, "Consonance connection (default: the only one)."),
        ], outputs: .object([
            "outcome": .oneOf(["confirmed", "already_confirmed", "held", "correction", "duplicate"]), "proposal_id": .string, "status": .string,
            "title": .string, "isbn13": .string, "work_id": .optional(.integer), "applied": .list(.string), "pending": .list(.string),
            "pending_count": .integer, "pending_text": .string, "correction": .optional(.string), "button": .boolean, "url": .string,
        ])),
        ActionSpec(name: "switchboard.answer_royalty_statement", summary: "Take a payee's quick reply to a royalty statement: acknowledge (who and when are kept) or payment_issue.", parameters: [
            .init("correlation", .string, required: true, "The answered message's correlation, royalty_statement:<id> ({{reply.correlation}})."),
            .init("answer", .string, required: true, "The payload ({{reply.id}})."),
            .init("wamid", .string, required: true, "The answer's message id ({{message.id}})."),
            .init("contact_id", .string, "Who answered ({{contact.id}})."), .init("contact_name", .string, "Their name ({{contact.name}})."),
            .init("acknowledge_payloads", .list(.string), "Payloads that acknowledge (default [acknowledge])."),
            .init("issue_payloads", .list(.string), "Payloads that report a payment issue (default [payment_issue])."),
        ], outputs: .object([
            "outcome": .oneOf(["acknowledged", "payment_issue", "ignored"]), "new_issue": .boolean, "statement_id": .string, "status": .string,
            "label": .string, "period": .string, "isbn13": .optional(.string), "payee_name": .optional(.string), "url": .string,
        ])),
        ActionSpec(name: "whatsapp.notify_contacts", summary: "Send an approved template to every opted-in directory contact with one of the roles (e.g. finance); lists who was sent, skipped and why.",
                   parameters: [.init("roles", .list(.string), required: true, "Roles to notify (finance, coordinator…).")]
                       + whatsAppTemplateParameters + whatsAppCommon,
                   outputs: .object([
                       "sent": .list(.object(["contact_id": .string, "name": .string, "role": .string, "wamid": .optional(.string), "message_id": .string])),
                       "skipped": .list(.object(["contact_id": .string, "name": .string, "role": .string, "reason": .string])),
                       "failed": .list(.object(["contact_id": .string, "name": .string, "role": .string, "error": .string])),
                       "sent_count": .integer, "skipped_count": .integer,
                   ])),
    ]
}

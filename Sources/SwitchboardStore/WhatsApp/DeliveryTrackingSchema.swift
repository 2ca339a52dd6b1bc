import Foundation

extension Schema {
    /// Migration 7: what delivery tracking needs to act on a message that failed after WhatsApp accepted it.
    ///
    /// - `wa_messages.fallback_*`: the template a free-form message's step named for a closed window
    ///   (`fallback_template`, its language, body parameters and quick replies), kept with the message so a `failed`
    ///   status that arrives later (131047) can resend it as that template without the flow repeating it.
    /// - `dead_letters.kind` and `message_id`: a dead letter is either a run's step (`kind` NULL, as before) or a
    ///   WhatsApp message that could not be delivered (`whatsapp_message`), listed, shown and replayed with the same
    ///   commands. The unique index keeps one dead letter per message, however often its failure is reported.
    static let deliveryTracking = Migration(version: 7, name: "whatsapp delivery tracking: fallback templates on messages, message dead letters", statements: [
        "ALTER TABLE wa_messages ADD COLUMN fallback_template TEXT",
        "ALTER TABLE wa_messages ADD COLUMN fallback_language TEXT",
        "ALTER TABLE wa_messages ADD COLUMN fallback_body_params TEXT",
        "ALTER TABLE wa_messages ADD COLUMN fallback_quick_replies TEXT",
        "ALTER TABLE dead_letters ADD COLUMN kind TEXT",
        "ALTER TABLE dead_letters ADD COLUMN message_id TEXT",
        "CREATE UNIQUE INDEX dead_letters_message ON dead_letters (message_id)",
    ])
}

import Foundation

extension Schema {
    /// Migration 4: WhatsApp messaging. The contacts directory (people with numbers, roles, titles and consent, and
    /// the time each last wrote, which opens the 24-hour window), the template registry, every message sent or
    /// received with its delivery state, and the status webhooks as they arrived (deduplicated on wamid + status).
    ///
    /// `wa_messages.wamid` is unique, which also deduplicates inbound messages (Meta redelivers webhooks);
    /// `idempotency_key` is unique, so a retried flow step never records (or sends) the same message twice.
    /// `status_rank` mirrors `MessageDeliveryState.rank` so state only moves forward, in one conditional `UPDATE`.
    static let whatsapp = Migration(version: 4, name: "whatsapp: contacts, roles, titles, consent, templates, messages, status events", statements: [
        """
        CREATE TABLE wa_contacts (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL UNIQUE, wa_id TEXT, email TEXT, language TEXT,
            consonance_contact_id BIGINT, opted_in BOOLEAN NOT NULL, opted_in_at BIGINT, opted_out_at BIGINT, opt_out_reason TEXT,
            last_inbound_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX wa_contacts_wa_id ON wa_contacts (wa_id)",
        "CREATE INDEX wa_contacts_email ON wa_contacts (email)",
        "CREATE INDEX wa_contacts_consonance ON wa_contacts (consonance_contact_id)",
        """
        CREATE TABLE wa_contact_roles (
            contact_id TEXT NOT NULL REFERENCES wa_contacts (id) ON DELETE CASCADE, role TEXT NOT NULL, PRIMARY KEY (contact_id, role))
        """,
        "CREATE INDEX wa_contact_roles_role ON wa_contact_roles (role)",
        """
        CREATE TABLE wa_contact_titles (
            contact_id TEXT NOT NULL REFERENCES wa_contacts (id) ON DELETE CASCADE, title_key TEXT NOT NULL, isbn13 TEXT, work_id BIGINT,
            title TEXT, role TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (contact_id, title_key, role))
        """,
        "CREATE INDEX wa_contact_titles_key ON wa_contact_titles (title_key)",
        "CREATE INDEX wa_contact_titles_isbn ON wa_contact_titles (isbn13)",
        "CREATE INDEX wa_contact_titles_work ON wa_contact_titles (work_id)",
        """
        CREATE TABLE wa_templates (
            name TEXT NOT NULL, language TEXT NOT NULL, category TEXT NOT NULL, body TEXT, body_params TEXT NOT NULL, buttons TEXT NOT NULL,
            status TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (name, language))
        """,
        """
        CREATE TABLE wa_messages (
            id TEXT PRIMARY KEY, wamid TEXT UNIQUE, connection TEXT NOT NULL, contact_id TEXT, wa_id TEXT, direction TEXT NOT NULL,
            kind TEXT NOT NULL, template_name TEXT, template_language TEXT, body TEXT, payload TEXT, reply_id TEXT, context_wamid TEXT,
            correlation TEXT, run_id TEXT, step_key TEXT, idempotency_key TEXT UNIQUE, status TEXT NOT NULL, status_rank BIGINT NOT NULL,
            status_at BIGINT NOT NULL, error_code BIGINT, error_title TEXT, error_details TEXT, created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX wa_messages_contact ON wa_messages (contact_id, direction, created_at)",
        "CREATE INDEX wa_messages_wa_id ON wa_messages (wa_id, direction, created_at)",
        "CREATE INDEX wa_messages_correlation ON wa_messages (correlation, created_at)",
        "CREATE INDEX wa_messages_created ON wa_messages (created_at)",
        "CREATE INDEX wa_messages_context ON wa_messages (context_wamid)",
        """
        CREATE TABLE wa_message_reply_options (
            message_id TEXT NOT NULL REFERENCES wa_messages (id) ON DELETE CASCADE, reply_id TEXT NOT NULL, PRIMARY KEY (message_id, reply_id))
        """,
        "CREATE INDEX wa_message_reply_options_reply ON wa_message_reply_options (reply_id)",
        """
        CREATE TABLE wa_status_events (
            wamid TEXT NOT NULL, status TEXT NOT NULL, at BIGINT NOT NULL, error_code BIGINT, error_title TEXT, error_details TEXT,
            raw TEXT, received_at BIGINT NOT NULL, PRIMARY KEY (wamid, status))
        """,
    ])
}

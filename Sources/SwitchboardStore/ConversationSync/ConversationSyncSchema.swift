import Foundation

extension Schema {
    /// Migration 8: conversations from messaging channels and their Zendesk tickets (seed 003).
    ///
    /// - `cs_channels`: each channel's sync settings (JSON).
    /// - `cs_contacts`: a channel's contact and the Zendesk customer it is associated with (mode 1, retroactivity).
    /// - `cs_conversations`: one per channel conversation, with its sync state and reason, and the lease that
    ///   serialises its sync (`lease_owner`/`lease_until`, `dirty` = changed while leased: sync again before letting go).
    /// - `cs_messages`: per-conversation `seq` (the order of the ticket's comments); `(channel, external_id)` unique so
    ///   a redelivered message is recognised; `synced_as`/`ticket_id` once sent, `pending_marker` while a send may
    ///   have happened.
    /// - `cs_tickets`: the tickets of a conversation, one per generation (a new one after a closed ticket, or per new
    ///   message when the channel does not continue after creation), with the tags last written and whether closed; `first_seq`…`through_seq` are the messages its first comment holds.
    static let conversationSync = Migration(version: 8, name: "conversation sync: channels, contacts, conversations, messages, tickets", statements: [
        "CREATE TABLE cs_channels (channel TEXT PRIMARY KEY, settings TEXT NOT NULL, updated_at BIGINT NOT NULL)",
        """
        CREATE TABLE cs_contacts (
            channel TEXT NOT NULL, handle TEXT NOT NULL, name TEXT, email TEXT, zendesk_user_id BIGINT, associated_at BIGINT,
            updated_at BIGINT NOT NULL, PRIMARY KEY (channel, handle))
        """,
        """
        CREATE TABLE cs_conversations (
            id TEXT PRIMARY KEY, channel TEXT NOT NULL, external_id TEXT NOT NULL, account TEXT NOT NULL, contact_handle TEXT NOT NULL,
            data TEXT NOT NULL, team TEXT, tags TEXT NOT NULL, status TEXT NOT NULL, human_replied BOOLEAN NOT NULL,
            sync_state TEXT NOT NULL, sync_reason TEXT, last_seq BIGINT NOT NULL, lease_owner TEXT, lease_until BIGINT, dirty BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (channel, external_id))
        """,
        "CREATE INDEX cs_conversations_contact ON cs_conversations (channel, contact_handle)",
        """
        CREATE TABLE cs_messages (
            conversation_id TEXT NOT NULL, seq BIGINT NOT NULL, channel TEXT NOT NULL, external_id TEXT NOT NULL, author TEXT NOT NULL,
            author_name TEXT, body TEXT NOT NULL, attachments TEXT NOT NULL, sent_at BIGINT NOT NULL, ticket_id BIGINT, synced_as TEXT,
            pending_marker TEXT, synced_at BIGINT, PRIMARY KEY (conversation_id, seq), UNIQUE (channel, external_id))
        """,
        """
        CREATE TABLE cs_tickets (
            conversation_id TEXT NOT NULL, generation BIGINT NOT NULL, connection TEXT NOT NULL, ticket_id BIGINT, requester_id BIGINT,
            first_seq BIGINT NOT NULL, through_seq BIGINT NOT NULL,
            status TEXT NOT NULL, context_added BOOLEAN NOT NULL, synced_tags TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
            PRIMARY KEY (conversation_id, generation))
        """,
        "CREATE INDEX cs_tickets_ticket ON cs_tickets (connection, ticket_id)",
    ])
}

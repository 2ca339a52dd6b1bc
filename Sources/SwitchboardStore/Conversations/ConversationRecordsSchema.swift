import Foundation

extension Schema {
    /// Migration 6: the records of the Consonance ↔ WhatsApp conversation recipes that Consonance's API has no place
    /// for — acquisition opportunities from pitches (with their messages and downloaded attachments), metadata
    /// proposals sent for confirmation (with every answer), and royalty statements (with who acknowledged them).
    /// Attachment bytes are kept as base64 text so every node sharing the database can serve them.
    static let conversationRecords = Migration(version: 6, name: "conversations: acquisition opportunities, metadata proposals, royalty statements", statements: [
        """
        CREATE TABLE acq_opportunities (
            id TEXT PRIMARY KEY, status TEXT NOT NULL, connection TEXT NOT NULL, wa_id TEXT NOT NULL, contact_id TEXT, sender_name TEXT,
            summary TEXT, isbn13 TEXT, work_id BIGINT, title TEXT, weblink_id BIGINT, message_count BIGINT NOT NULL, attachment_count BIGINT NOT NULL,
            first_message_at BIGINT NOT NULL, last_message_at BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX acq_opportunities_sender ON acq_opportunities (connection, wa_id, status, last_message_at)",
        """
        CREATE TABLE acq_opportunity_messages (
            wamid TEXT PRIMARY KEY, opportunity_id TEXT NOT NULL, kind TEXT NOT NULL, body TEXT, received_at BIGINT NOT NULL)
        """,
        "CREATE INDEX acq_opportunity_messages_opportunity ON acq_opportunity_messages (opportunity_id, received_at)",
        """
        CREATE TABLE acq_attachments (
            id TEXT PRIMARY KEY, opportunity_id TEXT NOT NULL, wamid TEXT NOT NULL, media_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
            mime_type TEXT, filename TEXT, caption TEXT, sha256 TEXT, size BIGINT, status TEXT NOT NULL, error TEXT, content TEXT,
            created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX acq_attachments_opportunity ON acq_attachments (opportunity_id, created_at)",
        """
        CREATE TABLE metadata_proposals (
            id TEXT PRIMARY KEY, status TEXT NOT NULL, isbn13 TEXT NOT NULL, work_id BIGINT, product_id BIGINT, title TEXT NOT NULL,
            subtitle TEXT, contributors TEXT, cover_copy TEXT, series TEXT, proposed_by TEXT, applied_fields TEXT NOT NULL,
            pending_fields TEXT NOT NULL, confirmed_by TEXT, confirmed_by_name TEXT, confirmed_at BIGINT, apply_error TEXT,
            created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX metadata_proposals_status ON metadata_proposals (status, created_at)",
        """
        CREATE TABLE metadata_responses (
            id TEXT PRIMARY KEY, proposal_id TEXT NOT NULL, wamid TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, contact_id TEXT, contact_name TEXT,
            body TEXT, created_at BIGINT NOT NULL)
        """,
        "CREATE INDEX metadata_responses_proposal ON metadata_responses (proposal_id, created_at)",
        """
        CREATE TABLE royalty_statements (
            id TEXT PRIMARY KEY, identity_key TEXT NOT NULL UNIQUE, external_id TEXT, payee TEXT, payee_name TEXT, isbn13 TEXT, title TEXT,
            period TEXT NOT NULL, label TEXT, amount TEXT, currency TEXT, source TEXT, status TEXT NOT NULL, acknowledged_by TEXT,
            acknowledged_by_name TEXT, acknowledged_at BIGINT, issue_reported_by TEXT, issue_reported_by_name TEXT, issue_reported_at BIGINT,
            created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX royalty_statements_status ON royalty_statements (status, created_at)",
    ])
}

import Foundation

extension Schema {
    /// Migration 3: the Consonance catalogue snapshot that polling diffs against, and the publishing records
    /// Switchboard owns because Consonance's API has no place for them (tasks, milestones, support signals, rights
    /// reviews), plus the bookkeeping of the Consonance ↔ Zendesk recipes (exceptions and their tickets, title
    /// mentions in tickets).
    static let publishing = Migration(version: 3, name: "publishing: Consonance snapshot, exceptions, tasks, milestones, signals, rights reviews", statements: [
        """
        CREATE TABLE cn_works (
            connection TEXT NOT NULL, id BIGINT NOT NULL, title TEXT NOT NULL, normalized_title TEXT NOT NULL, subtitle TEXT, stage TEXT,
            imprint TEXT, digest TEXT NOT NULL, data TEXT NOT NULL, seen_at BIGINT NOT NULL, PRIMARY KEY (connection, id))
        """,
        "CREATE INDEX cn_works_title ON cn_works (normalized_title)",
        """
        CREATE TABLE cn_products (
            connection TEXT NOT NULL, id BIGINT NOT NULL, work_id BIGINT NOT NULL, isbn13 TEXT, title TEXT NOT NULL, normalized_title TEXT NOT NULL,
            format TEXT NOT NULL, status TEXT, publication_date TEXT, imprint TEXT, digest TEXT NOT NULL, data TEXT NOT NULL, seen_at BIGINT NOT NULL,
            PRIMARY KEY (connection, id))
        """,
        "CREATE INDEX cn_products_isbn ON cn_products (isbn13)",
        "CREATE INDEX cn_products_work ON cn_products (connection, work_id)",
        "CREATE INDEX cn_products_publication ON cn_products (publication_date)",
        "CREATE INDEX cn_products_title ON cn_products (normalized_title)",
        """
        CREATE TABLE cn_contributors (
            connection TEXT NOT NULL, work_id BIGINT NOT NULL, contact_id BIGINT NOT NULL, role TEXT NOT NULL, sequence BIGINT NOT NULL,
            name TEXT NOT NULL, email TEXT, phone TEXT, PRIMARY KEY (connection, work_id, contact_id, role))
        """,
        "CREATE INDEX cn_contributors_email ON cn_contributors (email)",
        """
        CREATE TABLE cn_contracts (
            connection TEXT NOT NULL, id BIGINT NOT NULL, work_id BIGINT, name TEXT NOT NULL, digest TEXT NOT NULL, data TEXT NOT NULL,
            seen_at BIGINT NOT NULL, PRIMARY KEY (connection, id))
        """,
        "CREATE INDEX cn_contracts_work ON cn_contracts (connection, work_id)",
        """
        CREATE TABLE pub_exceptions (
            connection TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, work_id BIGINT, isbn13 TEXT, title TEXT, summary TEXT NOT NULL,
            details TEXT NOT NULL, status TEXT NOT NULL, occurrence BIGINT NOT NULL, raised_at BIGINT NOT NULL, cleared_at BIGINT,
            PRIMARY KEY (connection, key))
        """,
        """
        CREATE TABLE exception_tickets (
            connection TEXT NOT NULL, key TEXT NOT NULL, claimed_by TEXT NOT NULL, ticket_id BIGINT, status TEXT NOT NULL,
            opened_at BIGINT NOT NULL, solved_at BIGINT, PRIMARY KEY (connection, key))
        """,
        """
        CREATE TABLE title_mentions (
            connection TEXT NOT NULL, ticket_id BIGINT NOT NULL, work_id BIGINT NOT NULL, isbn13 TEXT, title TEXT, topics TEXT NOT NULL,
            subject TEXT, mentioned_at BIGINT NOT NULL, PRIMARY KEY (connection, ticket_id, work_id))
        """,
        "CREATE INDEX title_mentions_work ON title_mentions (work_id, mentioned_at)",
        """
        CREATE TABLE pub_tasks (
            id TEXT PRIMARY KEY, origin_key TEXT UNIQUE, title TEXT NOT NULL, details TEXT, owner TEXT, due_on TEXT, status TEXT NOT NULL,
            connection TEXT, ticket_id BIGINT, work_id BIGINT, isbn13 TEXT, weblink_id BIGINT, created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL, completed_at BIGINT)
        """,
        "CREATE INDEX pub_tasks_status ON pub_tasks (status, due_on)",
        """
        CREATE TABLE pub_milestones (
            id TEXT PRIMARY KEY, origin_key TEXT UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL, due_on TEXT NOT NULL, owner TEXT,
            work_id BIGINT, isbn13 TEXT, title TEXT, status TEXT NOT NULL, done_at BIGINT, weblink_id BIGINT, created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX pub_milestones_due ON pub_milestones (status, due_on)",
        """
        CREATE TABLE support_signals (
            id TEXT PRIMARY KEY, connection TEXT NOT NULL, work_id BIGINT NOT NULL, isbn13 TEXT, title TEXT, ticket_count BIGINT NOT NULL,
            window_days BIGINT NOT NULL, tickets TEXT NOT NULL, top_topics TEXT NOT NULL, reported_tickets BIGINT, weblink_id BIGINT,
            first_recorded_at BIGINT NOT NULL, refreshed_at BIGINT NOT NULL, UNIQUE (connection, work_id))
        """,
        """
        CREATE TABLE rights_reviews (
            id TEXT PRIMARY KEY, origin_key TEXT UNIQUE, status TEXT NOT NULL, question TEXT, right_type TEXT, territory TEXT,
            requested_by TEXT, connection TEXT, ticket_id BIGINT, work_id BIGINT, isbn13 TEXT, title TEXT, decision_note TEXT,
            decided_by TEXT, decided_at BIGINT, weblink_id BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX rights_reviews_status ON rights_reviews (status, created_at)",
    ])
}

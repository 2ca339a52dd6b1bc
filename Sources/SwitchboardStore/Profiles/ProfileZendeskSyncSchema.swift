import Foundation

extension Schema {
    /// Migration 10: syncing profiles with Zendesk users without echoes.
    ///
    /// `pf_zendesk_seen` keeps, per mirrored user, the last version fed into profiles and its field values, so the
    /// next version only carries what changed in Zendesk. `pf_zendesk_pushes` keeps the last value Switchboard sent
    /// for each (user, field) and what became of it (sending, sent, echoed, superseded), so the mirror's copy of a
    /// pushed change is recognised as an echo. The index lets the inbound feed read users in `(version, id)` order,
    /// which is the order the mirror writes them.
    static let profileZendeskSync = Migration(version: 10, name: "profile sync with Zendesk users: seen versions, pushed values", statements: [
        """
        CREATE TABLE pf_zendesk_seen (
            connection TEXT NOT NULL, user_id BIGINT NOT NULL, version BIGINT NOT NULL, fields TEXT NOT NULL, seen_at BIGINT NOT NULL,
            PRIMARY KEY (connection, user_id))
        """,
        """
        CREATE TABLE pf_zendesk_pushes (
            connection TEXT NOT NULL, user_id BIGINT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, accepted_value TEXT,
            profile_id TEXT NOT NULL, source TEXT NOT NULL, activity_id TEXT NOT NULL, pushed_at BIGINT NOT NULL, user_updated_at BIGINT,
            state TEXT NOT NULL, settled_at BIGINT, PRIMARY KEY (connection, user_id, field))
        """,
        "CREATE INDEX zd_users_version ON zd_users (connection, version, id)",
    ])
}

import Foundation

extension Schema {
    /// Migration 9: unified people profiles. A profile (`pf_profiles`) is a set of identities (`pf_identities`, one per
    /// person per source, with their current email, phone and external id), joined for reasons kept in `pf_merges`. Each field's value lives in `pf_field_values` with its provenance (source, activity, when); every
    /// change is appended to `pf_history`. `pf_activities` makes ingest idempotent on (source, activity id), and
    /// `pf_permissions` holds what each source may write (no row: all fields). A merged-away profile keeps its row with
    /// `merged_into`, so its old id still finds the profile. `seq` orders history and merges across the whole store.
    static let peopleProfiles = Migration(version: 9, name: "people profiles: identities, merges, fields with provenance, history, permissions", statements: [
        "CREATE TABLE pf_profiles (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, merged_into TEXT)",
        "CREATE INDEX pf_profiles_merged_into ON pf_profiles (merged_into)",
        """
        CREATE TABLE pf_identities (
            source TEXT NOT NULL, source_id TEXT NOT NULL, profile_id TEXT NOT NULL, email TEXT, phone TEXT, external_id TEXT,
            first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (source, source_id))
        """,
        "CREATE INDEX pf_identities_profile ON pf_identities (profile_id)",
        """
        CREATE TABLE pf_identity_keys (
            rule TEXT NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY (rule, value, source, source_id))
        """,
        """
        CREATE TABLE pf_merges (
            seq BIGINT PRIMARY KEY, profile_id TEXT NOT NULL, rule TEXT NOT NULL, value TEXT NOT NULL, identity_source TEXT NOT NULL,
            identity_id TEXT NOT NULL, matched_source TEXT NOT NULL, matched_id TEXT NOT NULL, absorbed_profile TEXT, activity_source TEXT NOT NULL,
            activity_id TEXT NOT NULL, at BIGINT NOT NULL)
        """,
        "CREATE INDEX pf_merges_profile ON pf_merges (profile_id, seq)",
        """
        CREATE TABLE pf_field_values (
            profile_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL, activity_id TEXT NOT NULL,
            occurred_at BIGINT NOT NULL, written_at BIGINT NOT NULL, PRIMARY KEY (profile_id, field))
        """,
        "CREATE INDEX pf_field_values_value ON pf_field_values (field, value)",
        """
        CREATE TABLE pf_history (
            seq BIGINT PRIMARY KEY, profile_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT NOT NULL, source TEXT NOT NULL,
            activity_id TEXT NOT NULL, occurred_at BIGINT NOT NULL, cause TEXT NOT NULL, at BIGINT NOT NULL)
        """,
        "CREATE INDEX pf_history_profile ON pf_history (profile_id, seq)",
        """
        CREATE TABLE pf_activities (
            source TEXT NOT NULL, activity_id TEXT NOT NULL, identity TEXT NOT NULL, profile_id TEXT NOT NULL, occurred_at BIGINT NOT NULL,
            applied_at BIGINT NOT NULL, PRIMARY KEY (source, activity_id))
        """,
        "CREATE INDEX pf_activities_profile ON pf_activities (profile_id)",
        "CREATE TABLE pf_permissions (source TEXT PRIMARY KEY, mode TEXT NOT NULL, fields TEXT NOT NULL, updated_at BIGINT NOT NULL)",
    ])
}

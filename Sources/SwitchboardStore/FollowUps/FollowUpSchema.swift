import Foundation

extension Schema {
    /// Migration 5: follow-ups — requests sent on WhatsApp that wait for an answer (a rights approval, a blocked-title
    /// alert, a metadata confirmation), with the reminder and escalation ladder that chases them. `key` is the
    /// correlation the request's messages carry, so a reply finds its follow-up; `next_at` is when the next rung is
    /// due, indexed with `status` so the chaser reads only what is due.
    static let followUps = Migration(version: 5, name: "follow-ups: requests awaiting an answer, with reminders and escalations", statements: [
        """
        CREATE TABLE sb_followups (
            id TEXT PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, status TEXT NOT NULL, ladder TEXT NOT NULL, context TEXT NOT NULL,
            started_at BIGINT NOT NULL, next_stage BIGINT NOT NULL, next_at BIGINT, answered_at BIGINT, answer TEXT, answered_by TEXT,
            closed_reason TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
        """,
        "CREATE INDEX sb_followups_due ON sb_followups (status, next_at)",
    ])
}

import Foundation

extension Schema {
    /// Migration 11: indexes that keep leasing a job cheap however deep the queue is.
    ///
    /// Leasing used to pick due jobs with one `(queued and due) OR (leased and expired)` query ordered by
    /// `available_at, id`; both databases answered it by collecting every due job and sorting them, so each lease
    /// cost time in proportion to the backlog — exactly when the backlog needs draining. Leasing now asks two
    /// questions, each answered by walking an index in order and stopping after the batch: due queued jobs by
    /// `(status, available_at, id)`, and expired leases by `(status, lease_expires_at)`.
    static let jobQueueIndexes = Migration(version: 11, name: "job queue: ordered indexes for due jobs and expired leases", statements: [
        "CREATE INDEX jobs_due ON jobs (status, available_at, id)",
        "CREATE INDEX jobs_lease_expiry ON jobs (status, lease_expires_at)",
        "DROP INDEX jobs_ready",
    ])
}

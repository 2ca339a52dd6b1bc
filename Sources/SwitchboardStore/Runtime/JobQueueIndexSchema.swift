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

    /// Migration 12: the same two questions, asked of partial indexes that hold only the jobs they are about.
    ///
    /// Finished jobs stay in `jobs` (run history reads them), so migration 11's indexes held every job ever run, and
    /// each job's two status changes moved its entries in both: six index writes per job, and on SQLite about a fifth
    /// of the pages each group commit wrote. Queued jobs are now in `jobs_queued_due` only, leased jobs in
    /// `jobs_leased_expiry` only, and a finished job in neither: four index writes per job, on indexes as small as
    /// the live queue. Both databases use partial indexes when the query repeats the index's `WHERE`.
    static let partialJobQueueIndexes = Migration(version: 12, name: "job queue: partial indexes of queued and leased jobs", statements: [
        "CREATE INDEX jobs_queued_due ON jobs (available_at, id) WHERE status = 'queued'",
        "CREATE INDEX jobs_leased_expiry ON jobs (lease_expires_at, id) WHERE status = 'leased'",
        "DROP INDEX jobs_due",
        "DROP INDEX jobs_lease_expiry",
    ])
}

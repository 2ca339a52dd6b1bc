import Foundation
import LooseJSON
import SQLKit

/// The durable job queue, on both databases.
///
/// A job is leased by one node for a while; a lease that expires (its node died or hung) returns the job to the
/// queue. On PostgreSQL, leasing uses `FOR UPDATE SKIP LOCKED`, so several nodes take disjoint jobs without
/// waiting on each other; on SQLite the single writer serialises leasing. Every state change checks that the
/// caller still holds the lease, so a node that lost its lease cannot overwrite the new owner's work.
extension StoreSession {
    public func enqueue(_ job: JobRecord, now: Int64) async throws {
        try await run("""
            INSERT INTO jobs (id, run_id, step_index, status, attempts, total_attempts, max_attempts, retry, available_at, created_at, updated_at)
            VALUES (\(bind: job.id), \(bind: job.runID), \(bind: Int64(job.stepIndex)), 'queued', 0, 0, \(bind: Int64(job.maxAttempts)), \(bind: job.retry),
                    \(bind: job.availableAt), \(bind: now), \(bind: now))
            ON CONFLICT (run_id, step_index) DO NOTHING
            """)
    }

    /// Lease up to `limit` jobs that are due (or whose lease expired) for `leaseMilliseconds`, recording an attempt
    /// for each. Jobs whose lease expired come first (they have waited longest), then queued jobs in the order they
    /// fell due. Must run inside a transaction.
    ///
    /// Each kind is one `UPDATE … WHERE id IN (SELECT … ORDER BY … LIMIT n)` that walks a partial index of that kind
    /// of job in order and stops after `n` (migrations 11 and 12), so a lease costs the same with ten queued jobs as
    /// with a hundred thousand, or a million finished ones.
    public func leaseJobs(node: String, limit: Int, leaseMilliseconds: Int64, nowMilliseconds now: Int64) async throws -> [JobRecord] {
        guard limit > 0 else { return [] }
        if dialect == .postgres { return try await leaseInOneStatement(node: node, limit: limit, leaseMilliseconds: leaseMilliseconds, now: now) }
        let expired = try await lease(node: node, limit: limit, leaseMilliseconds: leaseMilliseconds, now: now,
                                      due: "status = 'leased' AND lease_expires_at < \(bind: now) ORDER BY lease_expires_at, id")
        let queued = expired.count < limit
            ? try await lease(node: node, limit: limit - expired.count, leaseMilliseconds: leaseMilliseconds, now: now,
                              due: "status = 'queued' AND available_at <= \(bind: now) ORDER BY available_at, id")
            : []
        let leased = expired.sorted { ($0.leaseExpiresAt ?? 0, $0.id) < ($1.leaseExpiresAt ?? 0, $1.id) }
            + queued.sorted { ($0.availableAt, $0.id) < ($1.availableAt, $1.id) }
        guard !leased.isEmpty else { return [] }
        let attempts: [[SQLValue]] = leased.map { [.text($0.id), .int(Int64($0.totalAttempts)), .text(node), .int(now)] }
        try await BatchUpsert(table: "job_attempts", columns: ["job_id", "attempt", "node", "started_at"], conflictColumns: ["job_id", "attempt"],
                              updateColumns: []).run(attempts, on: self)
        return leased
    }

    /// The same lease on PostgreSQL as one statement (each statement is a round trip to the server, planned
    /// afresh): both kinds of due job are picked by index-ordered, `SKIP LOCKED` queries of at most `limit` rows
    /// each, the first `limit` of them in the same order as above are leased, and their attempts recorded. When
    /// some leases had expired, up to `limit` queued jobs may stay locked, untouched, until the caller's transaction
    /// ends; other nodes skip them meanwhile.
    private func leaseInOneStatement(node: String, limit: Int, leaseMilliseconds: Int64, now: Int64) async throws -> [JobRecord] {
        let leased = try await rows("""
            WITH expired AS (
                SELECT id, 0 AS kind, lease_expires_at AS due FROM jobs WHERE status = 'leased' AND lease_expires_at < \(bind: now)
                ORDER BY lease_expires_at, id LIMIT \(literal: limit) FOR UPDATE SKIP LOCKED),
            queued AS (
                SELECT id, 1 AS kind, available_at AS due FROM jobs WHERE status = 'queued' AND available_at <= \(bind: now)
                ORDER BY available_at, id LIMIT \(literal: limit) FOR UPDATE SKIP LOCKED),
            chosen AS (
                SELECT id, kind, due FROM (SELECT id, kind, due FROM expired UNION ALL SELECT id, kind, due FROM queued) AS due_jobs
                ORDER BY kind, due, id LIMIT \(literal: limit)),
            leased AS (
                UPDATE jobs SET status = 'leased', lease_owner = \(bind: node), lease_expires_at = \(bind: now + leaseMilliseconds),
                    attempts = attempts + 1, total_attempts = total_attempts + 1, updated_at = \(bind: now / 1000)
                FROM chosen WHERE jobs.id = chosen.id
                RETURNING \(unsafeRaw: JobRecord.columns.map { "jobs." + $0 }.joined(separator: ", ")), chosen.kind AS lease_kind, chosen.due AS lease_due),
            attempt AS (
                INSERT INTO job_attempts (job_id, attempt, node, started_at)
                SELECT id, total_attempts, \(bind: node), \(bind: now) FROM leased
                ON CONFLICT (job_id, attempt) DO NOTHING)
            SELECT \(unsafeRaw: JobRecord.columns.joined(separator: ", ")), lease_kind, lease_due FROM leased
            """).map { row in
                (order: (try row.decode(column: "lease_kind", as: Int64.self), try row.decode(column: "lease_due", as: Int64.self)), job: try JobRecord(row: row))
            }
        return leased.sorted { ($0.order.0, $0.order.1, $0.job.id) < ($1.order.0, $1.order.1, $1.job.id) }.map(\.job)
    }

    /// One kind of due job, leased (SQLite, whose single writer serialises leasing): `due` is the `WHERE`
    /// condition with its `ORDER BY`.
    private func lease(node: String, limit: Int, leaseMilliseconds: Int64, now: Int64, due: SQLQueryString) async throws -> [JobRecord] {
        try await rows("""
            UPDATE jobs SET status = 'leased', lease_owner = \(bind: node), lease_expires_at = \(bind: now + leaseMilliseconds),
                attempts = attempts + 1, total_attempts = total_attempts + 1, updated_at = \(bind: now / 1000)
            WHERE id IN (SELECT id FROM jobs WHERE \(due) LIMIT \(literal: limit))
            RETURNING *
            """).map(JobRecord.init(row:))
    }

    /// Push the lease of a running job further out. Returns false if the node no longer holds it.
    public func extendLease(jobID: String, node: String, untilMilliseconds: Int64) async throws -> Bool {
        !(try await rows("""
            UPDATE jobs SET lease_expires_at = \(bind: untilMilliseconds)
            WHERE id = \(bind: jobID) AND lease_owner = \(bind: node) AND status = 'leased' RETURNING id
            """)).isEmpty
    }

    /// Mark a leased job done. Returns false (and changes nothing) if `node` no longer holds its lease.
    public func completeJob(_ job: JobRecord, node: String, nowMilliseconds now: Int64) async throws -> Bool {
        let done = try await rows("""
            UPDATE jobs SET status = 'succeeded', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: now / 1000)
            WHERE id = \(bind: job.id) AND lease_owner = \(bind: node) AND status = 'leased' RETURNING id
            """)
        guard !done.isEmpty else { return false }
        try await finishAttempt(job, outcome: "succeeded", error: nil, response: nil, now: now)
        return true
    }

    /// Put a failed job back in the queue for `availableAt`. Returns false if `node` no longer holds its lease.
    public func retryJob(_ job: JobRecord, node: String, availableAt: Int64, error: String, response: String?, nowMilliseconds now: Int64) async throws -> Bool {
        let updated = try await rows("""
            UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, available_at = \(bind: availableAt), updated_at = \(bind: now / 1000)
            WHERE id = \(bind: job.id) AND lease_owner = \(bind: node) AND status = 'leased' RETURNING id
            """)
        guard !updated.isEmpty else { return false }
        try await finishAttempt(job, outcome: "failed", error: error, response: response, now: now)
        return true
    }

    /// Move a job that will not succeed to dead letters, keeping its input, every attempt's error and the last response.
    public func deadLetterJob(_ job: JobRecord, node: String, deadLetterID: String, flow: String, action: String, payload: JSONValue,
                              error: String, response: String?, nowMilliseconds now: Int64) async throws -> Bool {
        let updated = try await rows("""
            UPDATE jobs SET status = 'dead', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: now / 1000)
            WHERE id = \(bind: job.id) AND lease_owner = \(bind: node) AND status = 'leased' RETURNING id
            """)
        guard !updated.isEmpty else { return false }
        try await finishAttempt(job, outcome: "failed", error: error, response: response, now: now)
        let errors = try await attempts(jobID: job.id).compactMap(\.error)
        try await run("""
            INSERT INTO dead_letters (id, job_id, run_id, flow, action, payload, errors, last_response, created_at, replay_count)
            VALUES (\(bind: deadLetterID), \(bind: job.id), \(bind: job.runID), \(bind: flow), \(bind: action), \(bind: payload.jsonText),
                    \(bind: JSONValue.array(errors.map(JSONValue.string)).jsonText), \(SQLValue.text(response)), \(bind: now / 1000), 0)
            """)
        return true
    }

    /// Give back every lease `node` holds (graceful shutdown): the jobs become due again at once.
    public func releaseLeases(node: String, nowMilliseconds now: Int64) async throws -> Int {
        let released = try await rows("""
            UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, available_at = \(bind: now),
                attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
            WHERE lease_owner = \(bind: node) AND status = 'leased' RETURNING id
            """)
        for row in released {
            try await run("""
                UPDATE job_attempts SET finished_at = \(bind: now), outcome = 'released'
                WHERE job_id = \(bind: try row.decode(column: "id", as: String.self)) AND node = \(bind: node) AND finished_at IS NULL
                """)
        }
        return released.count
    }

    public func job(id: String) async throws -> JobRecord? {
        try await rows("SELECT * FROM jobs WHERE id = \(bind: id)").first.map(JobRecord.init(row:))
    }

    public func jobs(runID: String) async throws -> [JobRecord] {
        try await rows("SELECT * FROM jobs WHERE run_id = \(bind: runID) ORDER BY step_index").map(JobRecord.init(row:))
    }

    /// Jobs waiting or running.
    public func queueDepth() async throws -> (queued: Int, leased: Int) {
        // Two counts, each over its partial index: `status IN (…)` would scan every job ever run.
        let queued = try await scalar("SELECT COUNT(*) AS value FROM jobs WHERE status = 'queued'")
        let leased = try await scalar("SELECT COUNT(*) AS value FROM jobs WHERE status = 'leased'")
        return (Int(queued), Int(leased))
    }

    /// The earliest time a queued job becomes due, for sleeping until then.
    public func nextDueMilliseconds() async throws -> Int64? {
        guard let row = try await sql.raw("SELECT MIN(available_at) AS value FROM jobs WHERE status = 'queued'").first() else { return nil }
        return try row.decode(column: "value", as: Int64?.self)
    }

    public func attempts(jobID: String) async throws -> [AttemptRecord] {
        try await rows("SELECT * FROM job_attempts WHERE job_id = \(bind: jobID) ORDER BY attempt").map(AttemptRecord.init(row:))
    }

    private func finishAttempt(_ job: JobRecord, outcome: String, error: String?, response: String?, now: Int64) async throws {
        try await run("""
            UPDATE job_attempts SET finished_at = \(bind: now), outcome = \(bind: outcome), error = \(SQLValue.text(error)), response = \(SQLValue.text(response))
            WHERE job_id = \(bind: job.id) AND attempt = \(bind: Int64(job.totalAttempts))
            """)
    }
}

extension JobRecord {
    /// The columns ``init(row:)`` reads, for statements that name them instead of selecting `*` (PostgreSQL keeps those
    /// prepared, see `PreparedPostgresDatabase`).
    static let columns = ["id", "run_id", "step_index", "status", "attempts", "total_attempts", "max_attempts", "retry", "available_at",
                          "lease_owner", "lease_expires_at"]

    public init(id: String, runID: String, stepIndex: Int, maxAttempts: Int, retry: String, availableAt: Int64) {
        self.init(id: id, runID: runID, stepIndex: stepIndex, status: "queued", attempts: 0, totalAttempts: 0, maxAttempts: maxAttempts,
                  retry: retry, availableAt: availableAt, leaseOwner: nil, leaseExpiresAt: nil)
    }

    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id", as: String.self), runID: try row.decode(column: "run_id", as: String.self),
            stepIndex: Int(try row.decode(column: "step_index", as: Int64.self)), status: try row.decode(column: "status", as: String.self),
            attempts: Int(try row.decode(column: "attempts", as: Int64.self)), totalAttempts: Int(try row.decode(column: "total_attempts", as: Int64.self)),
            maxAttempts: Int(try row.decode(column: "max_attempts", as: Int64.self)), retry: try row.decode(column: "retry", as: String.self),
            availableAt: try row.decode(column: "available_at", as: Int64.self), leaseOwner: try row.decode(column: "lease_owner", as: String?.self),
            leaseExpiresAt: try row.decode(column: "lease_expires_at", as: Int64?.self))
    }
}

extension AttemptRecord {
    init(row: any SQLRow) throws {
        self.init(
            jobID: try row.decode(column: "job_id", as: String.self), attempt: Int(try row.decode(column: "attempt", as: Int64.self)),
            node: try row.decode(column: "node", as: String.self), startedAt: try row.decode(column: "started_at", as: Int64.self),
            finishedAt: try row.decode(column: "finished_at", as: Int64?.self), outcome: try row.decode(column: "outcome", as: String?.self),
            error: try row.decode(column: "error", as: String?.self), response: try row.decode(column: "response", as: String?.self))
    }
}

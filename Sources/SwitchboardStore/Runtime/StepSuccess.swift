import Foundation
import LooseJSON
import SQLKit

/// Everything that changes when a step succeeds (or is skipped): its outbox result, the job completed and its
/// attempt closed, the step finished, and the run's next step queued or the run finished.
///
/// It is one unit so that each database can record it the cheapest way. On SQLite that is a transaction of
/// statements (they cost microseconds, and group commit shares the sync). On PostgreSQL every statement is a round
/// trip to the server, and this happens once per step, so it is a single statement whose parts are data-modifying
/// `WITH` clauses — one round trip, atomic on its own, instead of seven.
public struct StepSuccess: Sendable {
    public var job: JobRecord
    /// The node that must still hold the job's lease.
    public var node: String
    /// `succeeded`, or `skipped` for a step whose `if:` did not hold.
    public var status: String
    public var output: JSONValue
    /// For a step recorded without having been started (skipped): the input to record as it starts and finishes.
    public var startedInput: JSONValue?
    /// The side effect's idempotency key and action, whose result goes to the outbox — kept even when the lease
    /// was lost, so the job's new owner does not send again.
    public var outbox: (key: String, action: String)?
    /// The run's next step, or nil when this was the last one.
    public var next: JobRecord?

    public init(job: JobRecord, node: String, status: String, output: JSONValue, startedInput: JSONValue?, outbox: (key: String, action: String)?, next: JobRecord?) {
        self.job = job
        self.node = node
        self.status = status
        self.output = output
        self.startedInput = startedInput
        self.outbox = outbox
        self.next = next
    }
}

extension Store {
    /// Record a step's success. Returns false — having recorded only the outbox result — when `success.node` no
    /// longer holds the job's lease.
    public func record(_ success: StepSuccess, nowMilliseconds now: Int64) async throws -> Bool {
        switch dialect {
        case .postgres: return try await session { try await $0.recordInOneStatement(success, now: now) }
        case .sqlite:
            // JSON text is written before the transaction: SQLite's one connection thread runs transactions one
            // after another, so work done inside one holds up every other.
            let outputText = success.output.jsonText
            let inputText = success.startedInput?.jsonText
            return try await transaction { try await $0.recordInStatements(success, outputText: outputText, inputText: inputText, now: now) }
        }
    }
}

extension StoreSession {
    func recordInStatements(_ success: StepSuccess, outputText: String, inputText: String?, now: Int64) async throws -> Bool {
        let job = success.job
        if let outbox = success.outbox {
            try await recordOutboxResult(key: outbox.key, action: outbox.action, resultText: outputText, now: now / 1000)
        }
        guard try await completeJob(job, node: success.node, nowMilliseconds: now) else { return false }
        if let inputText {
            try await markStepStarted(runID: job.runID, index: job.stepIndex, inputText: inputText, now: now / 1000)
        }
        try await finishStep(runID: job.runID, index: job.stepIndex, status: success.status, outputText: outputText, error: nil, attempts: job.attempts, now: now / 1000)
        if let next = success.next {
            try await enqueue(next, now: now / 1000)
        } else {
            try await finishRun(id: job.runID, status: "succeeded", error: nil, now: now / 1000)
        }
        return true
    }

    /// The same changes as ``recordInStatements(_:outputText:inputText:now:)`` in one PostgreSQL statement. Every part after `done` is
    /// conditional on `done` having taken the job from its lease holder; no row is changed by two parts.
    func recordInOneStatement(_ success: StepSuccess, now: Int64) async throws -> Bool {
        let job = success.job
        let seconds = now / 1000
        let outputText = success.output.jsonText
        var query: SQLQueryString = "WITH "
        if let outbox = success.outbox {
            query += """
                outbox_result AS (
                    INSERT INTO outbox (idempotency_key, action, status, result, created_at, updated_at)
                    VALUES (\(bind: outbox.key), \(bind: outbox.action), 'done', \(bind: outputText), \(bind: seconds), \(bind: seconds))
                    ON CONFLICT (idempotency_key) DO UPDATE SET status = 'done', result = excluded.result, updated_at = excluded.updated_at),
                """
        }
        query += """
            done AS (
                UPDATE jobs SET status = 'succeeded', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: seconds)
                WHERE id = \(bind: job.id) AND lease_owner = \(bind: success.node) AND status = 'leased' RETURNING id),
            attempt AS (
                UPDATE job_attempts SET finished_at = \(bind: now), outcome = 'succeeded', error = NULL, response = NULL
                WHERE job_id IN (SELECT id FROM done) AND attempt = \(bind: Int64(job.totalAttempts))),
            step AS (
                UPDATE run_steps SET status = \(bind: success.status), output = \(bind: outputText), error = NULL,
                    attempts = \(bind: Int64(job.attempts)), finished_at = \(bind: seconds)
            """
        if let input = success.startedInput {
            query += ", input = \(bind: input.jsonText), started_at = COALESCE(started_at, \(bind: seconds))"
        }
        query += """

                WHERE run_id = \(bind: job.runID) AND step_index = \(bind: Int64(job.stepIndex)) AND EXISTS (SELECT 1 FROM done)),
            """
        if let next = success.next {
            query += """
                next_job AS (
                    INSERT INTO jobs (id, run_id, step_index, status, attempts, total_attempts, max_attempts, retry, available_at, created_at, updated_at)
                    SELECT \(bind: next.id), \(bind: next.runID), \(bind: Int64(next.stepIndex)), 'queued', 0, 0, \(bind: Int64(next.maxAttempts)),
                        \(bind: next.retry), \(bind: next.availableAt), \(bind: seconds), \(bind: seconds)
                    WHERE EXISTS (SELECT 1 FROM done)
                    ON CONFLICT (run_id, step_index) DO NOTHING)
                """
        } else {
            query += """
                run_finished AS (
                    UPDATE runs SET status = 'succeeded', error = NULL, updated_at = \(bind: seconds), finished_at = \(bind: seconds)
                    WHERE id = \(bind: job.runID) AND EXISTS (SELECT 1 FROM done))
                """
        }
        query += "\nSELECT COUNT(*) AS value FROM done"
        return try await scalar(query) > 0
    }
}

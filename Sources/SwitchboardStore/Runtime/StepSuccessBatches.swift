import Foundation
import LooseJSON
import SQLKit

/// On PostgreSQL, step successes that arrive together are recorded by one statement instead of one each
/// (``StatementBatcher``), and each caller still learns whether its own job was still leased to its node.
///
/// A batch never holds the same job twice (a second success for one job waits for a statement of its own), and one
/// whose statement fails is recorded again one success at a time.
typealias StepSuccessBatches = StatementBatcher<TimedStepSuccess, Bool>

/// A step success with the time it finished, as ``StepSuccessBatches`` queues it.
struct TimedStepSuccess: Sendable {
    var success: StepSuccess
    var now: Int64
}

extension StatementBatcher where Item == TimedStepSuccess, Outcome == Bool {
    /// - Parameter session: runs its body on one pooled connection (``Store/session(_:)`` without the store).
    convenience init(session: @escaping @Sendable (@escaping @Sendable (StoreSession) async throws -> Set<String>) async throws -> Set<String>) {
        self.init(maximumBatch: 64, batchable: { items in Set(items.map(\.success.job.id)).count == items.count }) { items in
            // The latest of the members' times: they finished within the statement that was running.
            let now = items.map(\.now).max() ?? 0
            let successes = items.map(\.success)
            let done = try await session { try await $0.recordInOneStatement(successes, now: now) }
            return successes.map { done.contains($0.job.id) }
        }
    }

    /// Record `success` with whatever arrives alongside it. Returns false when its node no longer held the job.
    func record(_ success: StepSuccess, nowMilliseconds now: Int64) async throws -> Bool {
        try await submit(TimedStepSuccess(success: success, now: now))
    }
}

extension StoreSession {
    /// The changes of ``recordInStatements(_:outputText:inputText:now:)`` for several successes, in one PostgreSQL
    /// statement whose text does not depend on how many there are (each column of the batch is one array bind), so
    /// it stays prepared. Every part after `done` applies only to the jobs `done` took from their lease holders; no
    /// row is changed by two parts. Returns the ids of those jobs.
    func recordInOneStatement(_ successes: [StepSuccess], now: Int64) async throws -> Set<String> {
        let seconds = now / 1000
        var columns = SuccessColumns()
        for success in successes { columns.append(success) }
        let rows = try await rows("""
            WITH batch AS (
                SELECT job_id, node, total_attempts, run_id, step_index, status, output, attempts, outbox_key, outbox_action,
                    started_input, next_id, next_step_index, next_max_attempts, next_retry, next_available_at
                FROM unnest(\(bind: columns.jobID)::text[], \(bind: columns.node)::text[], \(bind: columns.totalAttempts)::int8[],
                    \(bind: columns.runID)::text[], \(bind: columns.stepIndex)::int8[], \(bind: columns.status)::text[], \(bind: columns.output)::text[],
                    \(bind: columns.attempts)::int8[], \(bind: columns.outboxKey)::text[], \(bind: columns.outboxAction)::text[],
                    \(bind: columns.startedInput)::text[], \(bind: columns.nextID)::text[], \(bind: columns.nextStepIndex)::int8[],
                    \(bind: columns.nextMaxAttempts)::int8[], \(bind: columns.nextRetry)::text[], \(bind: columns.nextAvailableAt)::int8[])
                AS b (job_id, node, total_attempts, run_id, step_index, status, output, attempts, outbox_key, outbox_action,
                    started_input, next_id, next_step_index, next_max_attempts, next_retry, next_available_at)),
            outbox_result AS (
                INSERT INTO outbox (idempotency_key, action, status, result, created_at, updated_at)
                SELECT outbox_key, outbox_action, 'done', output, \(bind: seconds), \(bind: seconds) FROM batch WHERE outbox_key <> ''
                ON CONFLICT (idempotency_key) DO UPDATE SET status = 'done', result = excluded.result, updated_at = excluded.updated_at),
            done AS (
                UPDATE jobs SET status = 'succeeded', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: seconds)
                FROM batch WHERE jobs.id = batch.job_id AND jobs.lease_owner = batch.node AND jobs.status = 'leased'
                RETURNING jobs.id),
            attempt AS (
                UPDATE job_attempts SET finished_at = \(bind: now), outcome = 'succeeded', error = NULL, response = NULL
                FROM batch WHERE job_attempts.job_id = batch.job_id AND job_attempts.attempt = batch.total_attempts
                    AND batch.job_id IN (SELECT id FROM done)),
            step AS (
                UPDATE run_steps SET status = batch.status, output = batch.output, error = NULL, attempts = batch.attempts,
                    finished_at = \(bind: seconds),
                    input = CASE WHEN batch.started_input <> '' THEN batch.started_input ELSE run_steps.input END,
                    started_at = CASE WHEN batch.started_input <> '' THEN COALESCE(run_steps.started_at, \(bind: seconds)) ELSE run_steps.started_at END
                FROM batch WHERE run_steps.run_id = batch.run_id AND run_steps.step_index = batch.step_index
                    AND batch.job_id IN (SELECT id FROM done)),
            next_job AS (
                INSERT INTO jobs (id, run_id, step_index, status, attempts, total_attempts, max_attempts, retry, available_at, created_at, updated_at)
                SELECT next_id, run_id, next_step_index, 'queued', 0, 0, next_max_attempts, next_retry, next_available_at, \(bind: seconds), \(bind: seconds)
                FROM batch WHERE next_id <> '' AND job_id IN (SELECT id FROM done)
                ON CONFLICT (run_id, step_index) DO NOTHING),
            run_finished AS (
                UPDATE runs SET status = 'succeeded', error = NULL, updated_at = \(bind: seconds), finished_at = \(bind: seconds)
                FROM batch WHERE runs.id = batch.run_id AND batch.next_id = '' AND batch.job_id IN (SELECT id FROM done))
            SELECT id FROM done
            """)
        return Set(try rows.map { try $0.decode(column: "id", as: String.self) })
    }
}

/// A batch of step successes as one array per column (`unnest` turns them back into rows). Absent values are empty
/// strings, which no id, key or JSON text can be.
private struct SuccessColumns {
    var jobID: [String] = [], node: [String] = [], totalAttempts: [Int64] = [], runID: [String] = [], stepIndex: [Int64] = []
    var status: [String] = [], output: [String] = [], attempts: [Int64] = [], outboxKey: [String] = [], outboxAction: [String] = []
    var startedInput: [String] = [], nextID: [String] = [], nextStepIndex: [Int64] = [], nextMaxAttempts: [Int64] = []
    var nextRetry: [String] = [], nextAvailableAt: [Int64] = []

    mutating func append(_ success: StepSuccess) {
        let job = success.job
        jobID.append(job.id)
        node.append(success.node)
        totalAttempts.append(Int64(job.totalAttempts))
        runID.append(job.runID)
        stepIndex.append(Int64(job.stepIndex))
        status.append(success.status)
        output.append(success.output.jsonText)
        attempts.append(Int64(job.attempts))
        outboxKey.append(success.outbox?.key ?? "")
        outboxAction.append(success.outbox?.action ?? "")
        startedInput.append(success.startedInput?.jsonText ?? "")
        nextID.append(success.next?.id ?? "")
        nextStepIndex.append(Int64(success.next?.stepIndex ?? 0))
        nextMaxAttempts.append(Int64(success.next?.maxAttempts ?? 0))
        nextRetry.append(success.next?.retry ?? "")
        nextAvailableAt.append(success.next?.availableAt ?? 0)
    }
}

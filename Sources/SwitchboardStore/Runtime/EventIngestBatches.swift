import Foundation
import SQLKit

/// On PostgreSQL, webhooks accepted together are written by one statement: their events, and for each new event the
/// runs, steps and first jobs its flows start (``StatementBatcher``).
///
/// Why: a webhook's acceptance was one statement and one commit of its own, so a burst of webhooks paid the server's
/// fixed cost per statement once each. Two deliveries of one event in the same batch are fine: the events' unique
/// `(source, external id)` keeps the first, and the other's runs are not written, as if it had come later.
typealias EventIngestBatches = StatementBatcher<TimedEventIngest, EventIngestResult>

/// An accepted webhook's ingest with the time it was accepted, as ``EventIngestBatches`` queues it.
struct TimedEventIngest: Sendable {
    var ingest: EventIngest
    var now: Int64
}

extension StatementBatcher where Item == TimedEventIngest, Outcome == EventIngestResult {
    /// - Parameter session: runs its body on one pooled connection (``Store/session(_:)`` without the store).
    convenience init(session: @escaping @Sendable (@escaping @Sendable (StoreSession) async throws -> [EventIngestResult]) async throws -> [EventIngestResult]) {
        self.init(maximumBatch: 64, batchable: Self.distinctRows) { items in
            let ingests = items.map { (ingest: $0.ingest, now: $0.now) }
            return try await session { try await $0.ingestInOneStatement(ingests) }
        }
    }

    func ingest(_ ingest: EventIngest, now: Int64) async throws -> EventIngestResult {
        try await submit(TimedEventIngest(ingest: ingest, now: now))
    }

    /// Event and run ids are made fresh for each delivery, so they never repeat; if they did, the rows of one batch
    /// could not be told apart, and the items go one at a time.
    private static func distinctRows(_ items: [TimedEventIngest]) -> Bool {
        let events = Set(items.map(\.ingest.event.id))
        let runs = items.flatMap { $0.ingest.runs.map(\.id) }
        return events.count == items.count && Set(runs).count == runs.count
    }
}

extension StoreSession {
    /// PostgreSQL: the events of `ingests` and, for each event that is new, its runs, their steps and their first
    /// jobs, in one statement whose text does not depend on how many there are (each column is one array bind), so it
    /// stays prepared. A run is written only if its event was; its steps and job only if it was. Events are inserted
    /// in `(source, external id)` order, so two nodes writing overlapping batches take the unique index's locks in the
    /// same order and cannot deadlock. Returns each ingest's result, in order.
    func ingestInOneStatement(_ ingests: [(ingest: EventIngest, now: Int64)]) async throws -> [EventIngestResult] {
        var columns = IngestColumns()
        for (ingest, now) in ingests { columns.append(ingest, now: now) }
        let rows = try await rows("""
            WITH event_batch AS (
                SELECT id, source, external_id, type, has_connection, connection, context, occurred_at, received_at
                FROM unnest(\(bind: columns.eventID)::text[], \(bind: columns.source)::text[], \(bind: columns.externalID)::text[],
                    \(bind: columns.type)::text[], \(bind: columns.hasConnection)::bool[], \(bind: columns.connection)::text[],
                    \(bind: columns.context)::text[], \(bind: columns.occurredAt)::int8[], \(bind: columns.receivedAt)::int8[])
                AS e (id, source, external_id, type, has_connection, connection, context, occurred_at, received_at)),
            event_row AS (
                INSERT INTO events (id, source, external_id, type, connection, context, occurred_at, received_at)
                SELECT id, source, external_id, type, CASE WHEN has_connection THEN connection END, context, occurred_at, received_at
                FROM event_batch ORDER BY source, external_id
                ON CONFLICT (source, external_id) DO NOTHING
                RETURNING id),
            run_batch AS (
                SELECT id, event_id, flow, flow_version, step_count, job_id, job_step_index, max_attempts, retry, available_at, now
                FROM unnest(\(bind: columns.runID)::text[], \(bind: columns.runEventID)::text[], \(bind: columns.flow)::text[],
                    \(bind: columns.flowVersion)::text[], \(bind: columns.stepCount)::int8[], \(bind: columns.jobID)::text[],
                    \(bind: columns.jobStepIndex)::int8[], \(bind: columns.maxAttempts)::int8[], \(bind: columns.retry)::text[],
                    \(bind: columns.availableAt)::int8[], \(bind: columns.now)::int8[])
                AS r (id, event_id, flow, flow_version, step_count, job_id, job_step_index, max_attempts, retry, available_at, now)),
            run_row AS (
                INSERT INTO runs (id, flow, flow_version, event_id, status, step_count, created_at, updated_at)
                SELECT run_batch.id, flow, flow_version, event_id, 'running', step_count, now, now
                FROM run_batch JOIN event_row ON event_row.id = run_batch.event_id
                ON CONFLICT (flow, event_id) DO NOTHING
                RETURNING id),
            job_row AS (
                INSERT INTO jobs (id, run_id, step_index, status, attempts, total_attempts, max_attempts, retry, available_at, created_at, updated_at)
                SELECT job_id, run_batch.id, job_step_index, 'queued', 0, 0, max_attempts, retry, available_at, now, now
                FROM run_batch JOIN run_row ON run_row.id = run_batch.id
                ON CONFLICT (run_id, step_index) DO NOTHING),
            step_row AS (
                INSERT INTO run_steps (run_id, step_index, step_id, action, status, attempts)
                SELECT s.run_id, s.step_index, s.step_id, s.action, 'pending', 0
                FROM unnest(\(bind: columns.stepRunID)::text[], \(bind: columns.stepIndex)::int8[], \(bind: columns.stepID)::text[],
                    \(bind: columns.stepAction)::text[]) AS s (run_id, step_index, step_id, action)
                JOIN run_row ON run_row.id = s.run_id
                ON CONFLICT (run_id, step_index) DO NOTHING)
            SELECT 'event' AS kind, id FROM event_row
            UNION ALL SELECT 'run' AS kind, id FROM run_row
            """)
        var events: Set<String> = []
        var runs: Set<String> = []
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            if try row.decode(column: "kind", as: String.self) == "event" { events.insert(id) } else { runs.insert(id) }
        }
        return ingests.map { ingest, _ in
            guard events.contains(ingest.event.id) else { return EventIngestResult(inserted: false, runIDs: []) }
            return EventIngestResult(inserted: true, runIDs: ingest.runs.map(\.id).filter { runs.contains($0) })
        }
    }
}

/// A batch of ``EventIngest``s as one array per column (`unnest` turns them back into rows): events, runs (each with
/// its first job) and steps, each run and step naming the row it belongs to.
private struct IngestColumns {
    var eventID: [String] = [], source: [String] = [], externalID: [String] = [], type: [String] = []
    var hasConnection: [Bool] = [], connection: [String] = [], context: [String] = [], occurredAt: [Int64] = [], receivedAt: [Int64] = []
    var runID: [String] = [], runEventID: [String] = [], flow: [String] = [], flowVersion: [String] = [], stepCount: [Int64] = []
    var jobID: [String] = [], jobStepIndex: [Int64] = [], maxAttempts: [Int64] = [], retry: [String] = [], availableAt: [Int64] = []
    var now: [Int64] = []
    var stepRunID: [String] = [], stepIndex: [Int64] = [], stepID: [String] = [], stepAction: [String] = []

    mutating func append(_ ingest: EventIngest, now runTime: Int64) {
        let event = ingest.event
        eventID.append(event.id)
        source.append(event.source)
        externalID.append(event.externalID)
        type.append(event.type)
        hasConnection.append(event.connection != nil)
        connection.append(event.connection ?? "")
        context.append(event.context.jsonText)
        occurredAt.append(event.occurredAt)
        receivedAt.append(event.receivedAt)
        for run in ingest.runs {
            runID.append(run.id)
            runEventID.append(event.id)
            flow.append(run.flow)
            flowVersion.append(run.flowVersion)
            stepCount.append(Int64(run.steps.count))
            jobID.append(run.firstJob.id)
            jobStepIndex.append(Int64(run.firstJob.stepIndex))
            maxAttempts.append(Int64(run.firstJob.maxAttempts))
            retry.append(run.firstJob.retry)
            availableAt.append(run.firstJob.availableAt)
            now.append(runTime)
            for (index, step) in run.steps.enumerated() {
                stepRunID.append(run.id)
                stepIndex.append(Int64(index))
                stepID.append(step.id)
                stepAction.append(step.action)
            }
        }
    }
}

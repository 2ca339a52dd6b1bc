import Foundation
import LooseJSON
import SQLKit

/// An inbound event and the runs the flows that match it start, written together: the event (deduplicated on
/// `(source, external id)`), and for each run its row, its steps and its first job.
///
/// Why one value: a webhook's acceptance is this write and nothing else, and on PostgreSQL each statement is a round
/// trip to the server. Described whole, it is written as one statement of data-modifying `WITH` clauses there instead
/// of `BEGIN`, five statements and `COMMIT`; on SQLite (no round trips) it stays a transaction of statements.
public struct EventIngest: Sendable {
    /// A run to start if the event is new.
    public struct PlannedRun: Sendable {
        public var id: String
        public var flow: String
        public var flowVersion: String
        public var steps: [(id: String, action: String)]
        public var firstJob: JobRecord

        public init(id: String, flow: String, flowVersion: String, steps: [(id: String, action: String)], firstJob: JobRecord) {
            self.id = id
            self.flow = flow
            self.flowVersion = flowVersion
            self.steps = steps
            self.firstJob = firstJob
        }
    }

    public var event: EventRecord
    public var runs: [PlannedRun]

    public init(event: EventRecord, runs: [PlannedRun]) {
        self.event = event
        self.runs = runs
    }
}

/// What an ``EventIngest`` wrote.
public struct EventIngestResult: Sendable, Equatable {
    /// False when the event was already stored (a redelivery): nothing was written.
    public var inserted: Bool
    /// The runs started, in the plan's order (a run whose flow already ran for this event is left out).
    public var runIDs: [String]

    public init(inserted: Bool, runIDs: [String]) {
        self.inserted = inserted
        self.runIDs = runIDs
    }
}

extension Store {
    /// Write `ingest` atomically: one statement on PostgreSQL, one transaction on SQLite.
    public func ingest(_ ingest: EventIngest, now: Int64) async throws -> EventIngestResult {
        switch dialect {
        case .postgres: return try await session { try await $0.ingestInOneStatement(ingest, now: now) }
        case .sqlite:
            // The event's JSON text is written here, not inside the transaction: SQLite's one connection runs
            // transactions one after another on its own thread, so work done inside one holds up every other.
            let contextText = ingest.event.context.jsonText
            return try await transaction { try await $0.ingest(ingest, contextText: contextText, now: now) }
        }
    }
}

extension StoreSession {
    /// Write `ingest` statement by statement, inside the caller's transaction (for example with the page of mirrored
    /// records that produced the event).
    public func ingest(_ ingest: EventIngest, now: Int64) async throws -> EventIngestResult {
        try await self.ingest(ingest, contextText: ingest.event.context.jsonText, now: now)
    }

    /// The same, with the event's context already written as JSON text.
    func ingest(_ ingest: EventIngest, contextText: String, now: Int64) async throws -> EventIngestResult {
        guard try await insertEvent(ingest.event, contextText: contextText) else { return EventIngestResult(inserted: false, runIDs: []) }
        var started: [String] = []
        for run in ingest.runs where try await createRun(id: run.id, flow: run.flow, flowVersion: run.flowVersion, eventID: ingest.event.id,
                                                          steps: run.steps, firstJob: run.firstJob, now: now) {
            started.append(run.id)
        }
        return EventIngestResult(inserted: true, runIDs: started)
    }

    /// PostgreSQL: the event, each run, its steps and its first job in one statement; every insert after the event's
    /// happens only if the event was new, and a run's steps and job only if its row was inserted.
    func ingestInOneStatement(_ ingest: EventIngest, now: Int64) async throws -> EventIngestResult {
        let event = ingest.event
        var query: SQLQueryString = """
            WITH event_row AS (
                INSERT INTO events (id, source, external_id, type, connection, context, occurred_at, received_at)
                VALUES (\(bind: event.id), \(bind: event.source), \(bind: event.externalID), \(bind: event.type), \(SQLValue.text(event.connection)),
                        \(bind: event.context.jsonText), \(bind: event.occurredAt), \(bind: event.receivedAt))
                ON CONFLICT (source, external_id) DO NOTHING
                RETURNING id)
            """
        var results: SQLQueryString = "SELECT 0 AS position, id FROM event_row"
        for (position, run) in ingest.runs.enumerated() {
            let job = run.firstJob
            let runRow = "run_\(position)"
            query += """
                ,
                \(unsafeRaw: runRow) AS (
                    INSERT INTO runs (id, flow, flow_version, event_id, status, step_count, created_at, updated_at)
                    SELECT \(bind: run.id), \(bind: run.flow), \(bind: run.flowVersion), \(bind: event.id), 'running', \(bind: Int64(run.steps.count)),
                        \(bind: now), \(bind: now)
                    WHERE EXISTS (SELECT 1 FROM event_row)
                    ON CONFLICT (flow, event_id) DO NOTHING
                    RETURNING id),
                \(unsafeRaw: runRow)_job AS (
                    INSERT INTO jobs (id, run_id, step_index, status, attempts, total_attempts, max_attempts, retry, available_at, created_at, updated_at)
                    SELECT \(bind: job.id), id, \(bind: Int64(job.stepIndex)), 'queued', 0, 0, \(bind: Int64(job.maxAttempts)), \(bind: job.retry),
                        \(bind: job.availableAt), \(bind: now), \(bind: now)
                    FROM \(unsafeRaw: runRow)
                    ON CONFLICT (run_id, step_index) DO NOTHING)
                """
            if !run.steps.isEmpty {
                query += """
                    ,
                    \(unsafeRaw: runRow)_steps AS (
                        INSERT INTO run_steps (run_id, step_index, step_id, action, status, attempts)
                        SELECT \(unsafeRaw: runRow).id, steps.step_index, steps.step_id, steps.action, 'pending', 0
                        FROM \(unsafeRaw: runRow), (VALUES
                    """
                for (index, step) in run.steps.enumerated() {
                    query += "\(unsafeRaw: index == 0 ? "" : ", ")(CAST(\(bind: Int64(index)) AS BIGINT), CAST(\(bind: step.id) AS TEXT), CAST(\(bind: step.action) AS TEXT))"
                }
                query += """
                    ) AS steps (step_index, step_id, action)
                        ON CONFLICT (run_id, step_index) DO NOTHING)
                    """
            }
            results += " UNION ALL SELECT \(unsafeRaw: String(position + 1)) AS position, id FROM \(unsafeRaw: runRow)"
        }
        query += "\n" + results
        var inserted = false
        var started: [(Int, String)] = []
        for row in try await rows(query) {
            let position = try row.decode(column: "position", as: Int.self)
            if position == 0 { inserted = true } else { started.append((position, try row.decode(column: "id", as: String.self))) }
        }
        return EventIngestResult(inserted: inserted, runIDs: started.sorted { $0.0 < $1.0 }.map(\.1))
    }
}

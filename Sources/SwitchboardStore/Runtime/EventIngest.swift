import Foundation
import LooseJSON
import SQLKit

/// An inbound event and the runs the flows that match it start, written together: the event (deduplicated on
/// `(source, external id)`), and for each run its row, its steps and its first job.
///
/// Why one value: a webhook's acceptance is this write and nothing else, and on PostgreSQL each statement is a round
/// trip to the server. Described whole, it is written there as one statement of data-modifying `WITH` clauses, shared
/// with the webhooks accepted at the same moment (``EventIngestBatches``), instead of `BEGIN`, five statements and
/// `COMMIT`; on SQLite (no round trips) it stays a transaction of statements.
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
    /// Write `ingest` atomically: one statement on PostgreSQL (shared with other webhooks accepted at the same moment),
    /// one transaction on SQLite.
    public func ingest(_ ingest: EventIngest, now: Int64) async throws -> EventIngestResult {
        switch dialect {
        case .postgres: return try await eventIngests.ingest(ingest, now: now)
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
}

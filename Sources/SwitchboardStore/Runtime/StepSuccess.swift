import Foundation
import LooseJSON
import SQLKit

/// Everything that changes when a step succeeds (or is skipped): its outbox result, the job completed and its
/// attempt closed, the step finished, and the run's next step queued or the run finished.
///
/// It is one unit so that each database can record it the cheapest way. On SQLite that is a transaction of
/// statements (they cost microseconds, and group commit shares the sync). On PostgreSQL every statement is a round
/// trip to the server, and this happens once per step, so it is a single statement whose parts are data-modifying
/// `WITH` clauses — one round trip, atomic on its own, instead of seven — and the successes that arrive together
/// share it (``StepSuccessBatches``).
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
        case .postgres: return try await stepSuccesses.record(success, nowMilliseconds: now)
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
}

import Foundation
import LooseJSON
import SQLKit

/// What a leased batch records before its actions run: each step that will run marked started with its rendered
/// input, and an outbox intent for each side effect about to be sent.
///
/// It is one unit for the same reason as ``StepSuccess``: on SQLite the statements cost microseconds each, but on
/// PostgreSQL each is a round trip to the server, planned afresh, and a batch of *n* steps used to cost *n* + 1 of
/// them. There it is one statement.
public struct StepStarts: Sendable {
    /// A step about to run.
    public struct Start: Sendable {
        public var runID: String
        public var stepIndex: Int
        /// The rendered input as JSON text.
        public var inputText: String

        /// `inputText`, when given, must be `input` written as JSON text (written ahead, off the store's thread).
        public init(runID: String, stepIndex: Int, input: JSONValue, inputText: String? = nil) {
            self.runID = runID
            self.stepIndex = stepIndex
            self.inputText = inputText ?? input.jsonText
        }
    }

    public var steps: [Start] = []
    /// The idempotency key and action of each side effect about to be sent.
    public var intents: [(key: String, action: String)] = []

    public init() {}

    public var isEmpty: Bool { steps.isEmpty && intents.isEmpty }
}

extension StoreSession {
    /// Record the batch's starts and intents (seconds in `now`), in the caller's transaction.
    public func record(_ starts: StepStarts, now: Int64) async throws {
        guard !starts.isEmpty else { return }
        switch dialect {
        case .sqlite:
            for step in starts.steps { try await markStepStarted(runID: step.runID, index: step.stepIndex, inputText: step.inputText, now: now) }
            try await recordOutboxIntents(starts.intents, now: now)
        case .postgres:
            try await recordInOneStatement(starts, now: now)
        }
    }

    /// The steps updated from a `VALUES` list, and the intents inserted, as one statement.
    private func recordInOneStatement(_ starts: StepStarts, now: Int64) async throws {
        var update: SQLQueryString = "UPDATE run_steps SET status = 'running', input = started_steps.input, started_at = COALESCE(run_steps.started_at, \(bind: now)) FROM (VALUES "
        for (index, step) in starts.steps.enumerated() {
            update += "\(unsafeRaw: index > 0 ? ", " : "")(\(bind: step.runID), \(bind: Int64(step.stepIndex)), \(bind: step.inputText))"
        }
        update += """
            ) AS started_steps (run_id, step_index, input)
            WHERE run_steps.run_id = started_steps.run_id AND run_steps.step_index = started_steps.step_index
            """
        var insert: SQLQueryString = "INSERT INTO outbox (idempotency_key, action, status, created_at, updated_at) VALUES "
        for (index, intent) in starts.intents.enumerated() {
            insert += "\(unsafeRaw: index > 0 ? ", " : "")(\(bind: intent.key), \(bind: intent.action), 'intent', \(bind: now), \(bind: now))"
        }
        insert += " ON CONFLICT (idempotency_key) DO NOTHING"
        switch (starts.steps.isEmpty, starts.intents.isEmpty) {
        case (false, false):
            var query: SQLQueryString = "WITH started AS ("
            query += update
            query += ")\n"
            query += insert
            try await run(query)
        case (false, true): try await run(update)
        case (true, false): try await run(insert)
        case (true, true): return
        }
    }
}

import Foundation
import LooseJSON
import SQLKit

/// Runs and their steps: the history an operator reads to see what a flow did with an event.
extension StoreSession {
    /// Create a run with its steps (all `pending`) and queue its first step. Returns false when the flow already
    /// has a run for this event.
    public func createRun(id: String, flow: String, flowVersion: String, eventID: String, steps: [(id: String, action: String)],
                          firstJob: JobRecord, now: Int64) async throws -> Bool {
        let inserted = try await rows("""
            INSERT INTO runs (id, flow, flow_version, event_id, status, step_count, created_at, updated_at)
            VALUES (\(bind: id), \(bind: flow), \(bind: flowVersion), \(bind: eventID), 'running', \(bind: Int64(steps.count)), \(bind: now), \(bind: now))
            ON CONFLICT (flow, event_id) DO NOTHING
            RETURNING id
            """)
        guard !inserted.isEmpty else { return false }
        let stepRows: [[SQLValue]] = steps.enumerated().map { index, step in
            [.text(id), .int(Int64(index)), .text(step.id), .text(step.action), .text("pending"), .int(0)]
        }
        try await BatchUpsert(table: "run_steps", columns: ["run_id", "step_index", "step_id", "action", "status", "attempts"],
                              conflictColumns: ["run_id", "step_index"], updateColumns: []).run(stepRows, on: self)
        try await enqueue(firstJob, now: now)
        return true
    }

    public func run(id: String) async throws -> RunRecord? {
        try await rows("SELECT * FROM runs WHERE id = \(bind: id)").first.map(RunRecord.init(row:))
    }

    /// The runs with these ids, in no particular order (a leased batch's runs, read in one statement).
    public func runs(ids: [String]) async throws -> [RunRecord] {
        guard !ids.isEmpty else { return [] }
        return try await rows("SELECT * FROM runs WHERE id IN (\(SQLBindList(ids)))").map(RunRecord.init(row:))
    }

    /// The outputs of the succeeded steps of these runs, by run id and step id: what later steps' templates read
    /// as `steps.<id>`.
    public func succeededOutputs(runIDs: [String]) async throws -> [String: [String: JSONValue]] {
        guard !runIDs.isEmpty else { return [:] }
        var outputs: [String: [String: JSONValue]] = [:]
        for row in try await rows("""
            SELECT run_id, step_id, output FROM run_steps WHERE run_id IN (\(SQLBindList(runIDs))) AND status = 'succeeded'
            """) {
            let output = JSONValue.stored(try row.decode(column: "output", as: String?.self)) ?? .null
            outputs[try row.decode(column: "run_id", as: String.self), default: [:]][try row.decode(column: "step_id", as: String.self)] = output
        }
        return outputs
    }

    /// Runs, newest first, optionally only those of one flow or status.
    public func runs(flow: String? = nil, status: String? = nil, limit: Int = 50) async throws -> [RunRecord] {
        var query: SQLQueryString = "SELECT * FROM runs WHERE 1 = 1"
        if let flow { query += " AND flow = \(bind: flow)" }
        if let status { query += " AND status = \(bind: status)" }
        query += " ORDER BY created_at DESC, id DESC LIMIT \(literal: limit)"
        return try await rows(query).map(RunRecord.init(row:))
    }

    public func runCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await rows("SELECT status, COUNT(*) AS value FROM runs GROUP BY status") {
            counts[try row.decode(column: "status", as: String.self)] = Int(try row.decode(column: "value", as: Int64.self))
        }
        return counts
    }

    public func steps(runID: String) async throws -> [StepRecord] {
        try await rows("SELECT * FROM run_steps WHERE run_id = \(bind: runID) ORDER BY step_index").map(StepRecord.init(row:))
    }

    public func markStepStarted(runID: String, index: Int, input: JSONValue, now: Int64) async throws {
        try await markStepStarted(runID: runID, index: index, inputText: input.jsonText, now: now)
    }

    /// The same, with the input already written as JSON text (outside SQLite's one connection thread).
    func markStepStarted(runID: String, index: Int, inputText: String, now: Int64) async throws {
        try await run("""
            UPDATE run_steps SET status = 'running', input = \(bind: inputText), started_at = COALESCE(started_at, \(bind: now))
            WHERE run_id = \(bind: runID) AND step_index = \(bind: Int64(index))
            """)
    }

    public func finishStep(runID: String, index: Int, status: String, output: JSONValue?, error: String?, attempts: Int, now: Int64) async throws {
        try await finishStep(runID: runID, index: index, status: status, outputText: output?.jsonText, error: error, attempts: attempts, now: now)
    }

    /// The same, with the output already written as JSON text.
    func finishStep(runID: String, index: Int, status: String, outputText: String?, error: String?, attempts: Int, now: Int64) async throws {
        try await run("""
            UPDATE run_steps SET status = \(bind: status), output = \(SQLValue.text(outputText)), error = \(SQLValue.text(error)),
                attempts = \(bind: Int64(attempts)), finished_at = \(bind: now)
            WHERE run_id = \(bind: runID) AND step_index = \(bind: Int64(index))
            """)
    }

    public func finishRun(id: String, status: String, error: String?, now: Int64) async throws {
        try await run("""
            UPDATE runs SET status = \(bind: status), error = \(SQLValue.text(error)), updated_at = \(bind: now), finished_at = \(bind: now)
            WHERE id = \(bind: id)
            """)
    }

    /// Delete finished runs (and their steps, jobs, attempts and events no other run needs) older than `cutoff`.
    /// Runs with open dead letters are kept. Returns how many runs were deleted.
    public func pruneRuns(finishedBefore cutoff: Int64) async throws -> Int {
        let old = try await rows("""
            SELECT id FROM runs WHERE status <> 'running' AND finished_at < \(bind: cutoff)
            AND id NOT IN (SELECT run_id FROM dead_letters WHERE replayed_at IS NULL) LIMIT 5000
            """).map { try $0.decode(column: "id", as: String.self) }
        guard !old.isEmpty else { return 0 }
        let list = SQLBindList(old)
        try await run("DELETE FROM job_attempts WHERE job_id IN (SELECT id FROM jobs WHERE run_id IN (\(list)))")
        try await run("DELETE FROM jobs WHERE run_id IN (\(list))")
        try await run("DELETE FROM run_steps WHERE run_id IN (\(list))")
        try await run("DELETE FROM dead_letters WHERE run_id IN (\(list))")
        try await run("DELETE FROM runs WHERE id IN (\(list))")
        try await run("DELETE FROM events WHERE received_at < \(bind: cutoff) AND id NOT IN (SELECT event_id FROM runs)")
        return old.count
    }
}

/// `IN (…)` with one bound parameter per value.
struct SQLBindList: SQLExpression {
    var values: [String]
    init(_ values: [String]) { self.values = values }

    func serialize(to serializer: inout SQLSerializer) {
        for (index, value) in values.enumerated() {
            if index > 0 { serializer.write(", ") }
            serializer.write(bind: value)
        }
    }
}

extension RunRecord {
    init(row: any SQLRow) throws {
        self.init(
            status: try row.decode(column: "status", as: String.self), id: try row.decode(column: "id", as: String.self),
            flow: try row.decode(column: "flow", as: String.self), flowVersion: try row.decode(column: "flow_version", as: String.self),
            eventID: try row.decode(column: "event_id", as: String.self), stepCount: Int(try row.decode(column: "step_count", as: Int64.self)),
            createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            finishedAt: try row.decode(column: "finished_at", as: Int64?.self), error: try row.decode(column: "error", as: String?.self))
    }
}

extension StepRecord {
    init(row: any SQLRow) throws {
        self.init(
            runID: try row.decode(column: "run_id", as: String.self), index: Int(try row.decode(column: "step_index", as: Int64.self)),
            stepID: try row.decode(column: "step_id", as: String.self), action: try row.decode(column: "action", as: String.self),
            status: try row.decode(column: "status", as: String.self), input: JSONValue.stored(try row.decode(column: "input", as: String?.self)),
            output: JSONValue.stored(try row.decode(column: "output", as: String?.self)), error: try row.decode(column: "error", as: String?.self),
            attempts: Int(try row.decode(column: "attempts", as: Int64.self)), startedAt: try row.decode(column: "started_at", as: Int64?.self),
            finishedAt: try row.decode(column: "finished_at", as: Int64?.self))
    }
}

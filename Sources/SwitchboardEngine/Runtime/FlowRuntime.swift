import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore
import Synchronization

/// Turns events into runs: stores the event (once, whatever the number of deliveries), finds the flows it starts,
/// and queues each run's first step — all in one transaction, so an acknowledged event is never lost.
public struct FlowRuntime: Sendable {
    /// What happened to an event.
    public enum Outcome: Sendable, Equatable {
        /// Seen before (same source and external id): nothing was done.
        case duplicate
        /// Stored; these runs were started (possibly none).
        case accepted(eventID: String, runIDs: [String])
    }

    public let store: Store
    public let flows: FlowRegistry
    public let metrics: RuntimeMetrics
    public let signal: WorkSignal?
    /// Where this node's workers look for first steps rendered at acceptance (nil: they read the store).
    public let firstSteps: FirstStepCache?

    public init(store: Store, flows: FlowRegistry, metrics: RuntimeMetrics = .none, signal: WorkSignal? = nil, firstSteps: FirstStepCache? = nil) {
        self.store = store
        self.flows = flows
        self.metrics = metrics
        self.signal = signal
        self.firstSteps = firstSteps
    }

    /// Ingest atomically on its own: on PostgreSQL in one statement (a webhook's acceptance is one round trip),
    /// on SQLite in one transaction.
    @discardableResult
    public func ingest(_ event: Event) async throws -> Outcome {
        let now = Date()
        let (plan, flows) = plan(event, now: now)
        // Rendered before the write, so the entries are there by the time a worker can lease the jobs.
        if let firstSteps {
            for (run, flow) in zip(plan.runs, flows) { firstSteps.put(jobID: run.firstJob.id, FirstStepCache.entry(for: flow, event: plan.event)) }
        }
        let result: EventIngestResult
        do {
            result = try await store.ingest(plan, now: Int64(now.timeIntervalSince1970))
        } catch {
            if let firstSteps { for run in plan.runs { _ = firstSteps.take(jobID: run.firstJob.id) } }
            throw error
        }
        if let firstSteps {
            for run in plan.runs where !result.runIDs.contains(run.id) { _ = firstSteps.take(jobID: run.firstJob.id) }
        }
        let outcome = record(result, of: plan)
        if case .accepted(_, let runs) = outcome, !runs.isEmpty { signal?.notify() }
        return outcome
    }

    /// Ingest inside the caller's transaction (for example together with the page of records that produced it).
    public func ingest(_ event: Event, in session: StoreSession, now: Date = Date()) async throws -> Outcome {
        let (plan, _) = plan(event, now: now)
        return record(try await session.ingest(plan, now: Int64(now.timeIntervalSince1970)), of: plan)
    }

    /// The event's row and a run (with its first job) for every flow that matches it, with those flows.
    private func plan(_ event: Event, now: Date) -> (EventIngest, [Flow]) {
        let record = EventRecord(id: event.id, source: event.source, type: event.type, externalID: event.externalID, connection: event.connection,
                                 context: event.context, occurredAt: Int64(event.occurredAt.timeIntervalSince1970), receivedAt: Int64(now.timeIntervalSince1970))
        let matching = flows.listening(to: event.source).filter { $0.matches(event) }
        let runs = matching.map { flow in
            let runID = TimeOrderedID.make()
            let first = flow.steps[0]
            let job = JobRecord(id: TimeOrderedID.make(), runID: runID, stepIndex: 0, maxAttempts: first.retry.maxAttempts,
                                retry: Self.retryJSON(first.retry), availableAt: epochMilliseconds(now))
            return EventIngest.PlannedRun(id: runID, flow: flow.name, flowVersion: flow.version, steps: flow.steps.map { ($0.id, $0.action) }, firstJob: job)
        }
        return (EventIngest(event: record, runs: runs), matching)
    }

    /// Count what was written and say what happened.
    private func record(_ result: EventIngestResult, of plan: EventIngest) -> Outcome {
        metrics.eventReceived(source: plan.event.source, type: plan.event.type, duplicate: !result.inserted)
        guard result.inserted else { return .duplicate }
        let flowOfRun = Dictionary(uniqueKeysWithValues: plan.runs.map { ($0.id, $0.flow) })
        for run in result.runIDs { metrics.runStarted(flow: flowOfRun[run] ?? "") }
        return .accepted(eventID: plan.event.id, runIDs: result.runIDs)
    }

    /// The stored form of a step's retry settings, written once per distinct setting (a flow file has a handful),
    /// not once per job.
    static func retryJSON(_ retry: RetrySettings) -> String {
        if let text = retryTexts.withLock({ $0[retry] }) { return text }
        let text = (try? String(decoding: JSONEncoder().encode(retry), as: UTF8.self)) ?? "{}"
        retryTexts.withLock { $0[retry] = text }
        return text
    }

    private static let retryTexts = Mutex<[RetrySettings: String]>([:])
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// A leased job whose run was read and whose step was decided on inside the lease's own transaction: what is left
/// to do once that transaction commits.
///
/// Leasing, reading the run's event and earlier outputs, rendering the step, marking it started and recording the
/// outbox intent used to be four round trips to the store, each waiting for its own commit. Done together for a
/// whole batch of jobs they cost one, and the step's action can start as soon as it is durable that the step began.
public struct PreparedJob: Sendable {
    /// What the worker does with the job after the lease commits.
    public enum Plan: Sendable {
        /// Perform the action (its step is marked started and, for a side effect, its outbox intent recorded).
        case perform(Flow, Performance)
        /// The outbox already holds the result of an earlier attempt that sent but did not record it.
        case alreadyDone(Flow, output: JSONValue)
        /// The step's `if:` does not hold: record it as skipped.
        case skip(Flow)
        /// The job cannot run here (its run, flow, step or action is missing): record the failure.
        case fail(flow: String, action: String, input: JSONValue, error: ActionError)
    }

    /// Everything an action needs to run.
    public struct Performance: Sendable {
        public var step: FlowStep
        public var action: any FlowAction
        public var input: JSONValue
        public var idempotencyKey: String
        public var eventConnection: String?
        /// An earlier attempt recorded its intent to send and may have got as far as sending.
        public var previousAttemptMayHaveSent: Bool
    }

    public var job: JobRecord
    public var plan: Plan
}

extension PreparedJob {
    /// What a step's templates see: the event's context with `event` and `steps` (earlier steps' outputs by id).
    static func templateContext(event record: EventRecord, outputs: [String: JSONValue]) -> JSONValue {
        let event = Event(id: record.id, source: record.source, type: record.type, externalID: record.externalID, connection: record.connection,
                          occurredAt: Date(timeIntervalSince1970: TimeInterval(record.occurredAt)), context: record.context)
        var context = event.templateContext
        if case .object(var fields) = context {
            fields["steps"] = .object(outputs)
            context = .object(fields)
        }
        return context
    }

    /// The step's rendered input, or nil when its `if:` does not hold.
    static func input(of step: FlowStep, context: JSONValue) -> JSONValue? {
        step.shouldRun(context) ? step.render(context) : nil
    }
}

extension StoreSession {
    /// Read the runs, events and earlier step outputs of a leased batch and decide each job's plan, marking the
    /// steps that will run as started and recording their outbox intents — in the caller's transaction.
    ///
    /// A first attempt at a first step that this node rendered when it accepted the event (see ``FirstStepCache``)
    /// needs none of the reads. A job's first attempt ever cannot find anything in the outbox (its key is its run
    /// and step), so only later attempts read it.
    func prepare(_ jobs: [JobRecord], flows: FlowRegistry, actions: ActionRegistry, cache: FirstStepCache? = nil, now: Int64) async throws -> [PreparedJob] {
        guard !jobs.isEmpty else { return [] }
        var cached: [String: FirstStepCache.Entry] = [:]
        if let cache {
            for job in jobs where job.stepIndex == 0 && job.totalAttempts <= 1 {
                if let entry = cache.take(jobID: job.id) { cached[job.id] = entry }
            }
        }
        let uncached = jobs.filter { cached[$0.id] == nil }
        let runIDs = Array(Set(uncached.map(\.runID)))
        let runs = runIDs.isEmpty ? [:] : Dictionary(try await runs(ids: runIDs).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let eventIDs = Array(Set(runs.values.map(\.eventID)))
        let events = eventIDs.isEmpty ? [:] : Dictionary(try await events(ids: eventIDs).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // A run's first step has no earlier outputs to read.
        let outputs = uncached.contains { $0.stepIndex > 0 } ? try await succeededOutputs(runIDs: Array(Set(uncached.filter { $0.stepIndex > 0 }.map(\.runID)))) : [:]
        var prepared: [PreparedJob] = []
        var starts = StepStarts()
        for job in jobs {
            // Where the step's input comes from: rendered at acceptance, or rendered here from the stored event.
            let cachedEntry = cached[job.id]
            let flowName: String
            let eventConnection: String?
            var stored: (event: EventRecord, outputs: [String: JSONValue])?
            if let entry = cachedEntry {
                flowName = entry.flow
                eventConnection = entry.eventConnection
            } else {
                guard let run = runs[job.runID], let record = events[run.eventID] else {
                    prepared.append(PreparedJob(job: job, plan: .fail(flow: "?", action: "?", input: .null,
                                                                                 error: .permanent("the run of this job no longer exists", response: nil))))
                    continue
                }
                flowName = run.flow
                eventConnection = record.connection
                stored = (record, outputs[run.id] ?? [:])
            }
            guard let flow = flows.flow(named: flowName) else {
                let error = "flow \"\(flowName)\" is not loaded on this node (removed or renamed?); restore it and replay"
                prepared.append(PreparedJob(job: job, plan: .fail(flow: flowName, action: "?", input: .null, error: .permanent(error, response: nil))))
                continue
            }
            guard flow.steps.indices.contains(job.stepIndex) else {
                let error = "flow \"\(flow.name)\" no longer has step \(job.stepIndex + 1)"
                prepared.append(PreparedJob(job: job, plan: .fail(flow: flow.name, action: "?", input: .null, error: .permanent(error, response: nil))))
                continue
            }
            let step = flow.steps[job.stepIndex]
            let input = stored.map { PreparedJob.input(of: step, context: PreparedJob.templateContext(event: $0.event, outputs: $0.outputs)) } ?? cachedEntry?.input
            guard let input else {
                prepared.append(PreparedJob(job: job, plan: .skip(flow)))
                continue
            }
            starts.steps.append(StepStarts.Start(runID: job.runID, stepIndex: job.stepIndex, input: input, inputText: cachedEntry?.inputText))
            guard let action = actions.action(step.action) else {
                let error = ActionError.permanent("action \"\(step.action)\" is not available on this node", response: nil)
                prepared.append(PreparedJob(job: job, plan: .fail(flow: flow.name, action: step.action, input: input, error: error)))
                continue
            }
            let key = ActionContext.idempotencyKey(runID: job.runID, stepIndex: job.stepIndex)
            let state = job.totalAttempts <= 1 ? OutboxState.none : try await outboxState(key: key)
            if case .done(let output) = state {
                prepared.append(PreparedJob(job: job, plan: .alreadyDone(flow, output: output)))
                continue
            }
            if action.hasSideEffects, state == .none {
                starts.intents.append((key, action.name))
            }
            prepared.append(PreparedJob(job: job, plan: .perform(flow, PreparedJob.Performance(
                step: step, action: action, input: input, idempotencyKey: key, eventConnection: eventConnection,
                previousAttemptMayHaveSent: state == .intent))))
        }
        try await record(starts, now: now)
        return prepared
    }
}

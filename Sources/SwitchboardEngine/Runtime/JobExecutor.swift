import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore

/// Runs one leased job: renders the step's input from the event and earlier outputs, performs the action once
/// (the outbox and idempotency keys make a retry after a crash safe), and records the outcome — the next step
/// queued, a retry scheduled with backoff, or a dead letter.
public struct JobExecutor: Sendable {
    public let store: Store
    public let flows: FlowRegistry
    public let actions: ActionRegistry
    public let zendesk: ZendeskClientPool
    public let consonance: ConsonanceClientPool?
    public let whatsapp: WhatsAppClientPool?
    public let configuration: RuntimeConfiguration
    public let metrics: RuntimeMetrics
    public let failPoints: FailPoints
    public let signal: WorkSignal?
    public let logger: Logger
    /// Called after a run's final outcome is committed.
    public let onRunFinished: @Sendable (RunCompletion) -> Void

    public init(store: Store, flows: FlowRegistry, actions: ActionRegistry, zendesk: ZendeskClientPool, consonance: ConsonanceClientPool? = nil, whatsapp: WhatsAppClientPool? = nil, configuration: RuntimeConfiguration,
                metrics: RuntimeMetrics = .none, failPoints: FailPoints = .none, signal: WorkSignal? = nil, logger: Logger = Logger(label: "switchboard.runtime"),
                onRunFinished: @escaping @Sendable (RunCompletion) -> Void = { _ in }) {
        self.store = store
        self.flows = flows
        self.actions = actions
        self.zendesk = zendesk
        self.consonance = consonance
        self.whatsapp = whatsapp
        self.configuration = configuration
        self.metrics = metrics
        self.failPoints = failPoints
        self.signal = signal
        self.logger = logger
        self.onRunFinished = onRunFinished
    }

    /// Lease up to `limit` due jobs for this node.
    public func lease(limit: Int) async throws -> [JobRecord] {
        let node = configuration.node
        let lease = Int64(configuration.lease.components.seconds * 1000)
        return try await store.transaction { session in
            try await session.leaseJobs(node: node, limit: limit, leaseMilliseconds: lease, nowMilliseconds: epochMilliseconds())
        }
    }

    public func execute(_ job: JobRecord) async {
        do {
            try await run(job)
        } catch {
            logger.error("job bookkeeping failed; the lease will expire and the job run again", metadata: ["job": "\(job.id)", "error": "\(error)"])
        }
    }

    private func run(_ job: JobRecord) async throws {
        guard let (run, event, outputs) = try await loadRun(job) else {
            try await fail(job, flow: "?", action: "?", input: .null, error: .permanent("the run of this job no longer exists", response: nil))
            return
        }
        guard let flow = flows.flow(named: run.flow) else {
            try await fail(job, flow: run.flow, action: "?", input: .null,
                           error: .permanent("flow \"\(run.flow)\" is not loaded on this node (removed or renamed?); restore it and replay", response: nil))
            return
        }
        guard flow.steps.indices.contains(job.stepIndex) else {
            try await fail(job, flow: flow.name, action: "?", input: .null, error: .permanent("flow \"\(flow.name)\" no longer has step \(job.stepIndex + 1)", response: nil))
            return
        }
        let step = flow.steps[job.stepIndex]
        var context = event.templateContext
        if case .object(var fields) = context {
            fields["steps"] = .object(outputs)
            context = .object(fields)
        }
        guard step.shouldRun(context) else {
            // `if:` does not hold: record the step as skipped (no input, no side effect) and go on with the run.
            try await succeed(job, flow: flow, output: .null, status: "skipped", startedInput: .null)
            return
        }
        let input = step.render(context)
        guard let action = actions.action(step.action) else {
            try await store.session { try await $0.markStepStarted(runID: run.id, index: job.stepIndex, input: input, now: Int64(Date().timeIntervalSince1970)) }
            try await fail(job, flow: flow.name, action: step.action, input: input, error: .permanent("action \"\(step.action)\" is not available on this node", response: nil))
            return
        }
        let key = ActionContext.idempotencyKey(runID: run.id, stepIndex: job.stepIndex)
        let outbox = try await begin(job, input: input, action: action, key: key)
        if case .done(let result) = outbox {
            try await succeed(job, flow: flow, output: result)
            return
        }
        // `previousAttemptMayHaveSent` tells the action an earlier attempt got as far as sending.
        let actionContext = ActionContext(runID: run.id, flow: flow.name, stepIndex: job.stepIndex, stepID: step.id, eventConnection: event.connection,
                                          store: store, zendesk: zendesk, consonance: consonance, whatsapp: whatsapp, events: FlowRuntime(store: store, flows: flows, metrics: metrics, signal: signal),
                                          publicURL: configuration.publicURL, failPoints: failPoints, logger: logger, previousAttemptMayHaveSent: outbox == .intent)
        do {
            let output = try await withLeaseHeartbeat(job) { try await action.perform(input, context: actionContext) }
            try await succeed(job, flow: flow, output: output, outbox: action.hasSideEffects ? (key, action.name) : nil)
        } catch {
            try await fail(job, flow: flow.name, action: step.action, input: input, error: ActionError.from(error))
        }
    }

    /// Mark the step started and consult the outbox, recording the intent to send — one transaction.
    ///
    /// A job's first attempt ever cannot find anything in the outbox (its key is its run and step), so only later
    /// attempts read it.
    private func begin(_ job: JobRecord, input: JSONValue, action: any FlowAction, key: String) async throws -> OutboxState {
        let firstAttempt = job.totalAttempts <= 1
        let sideEffects = action.hasSideEffects
        let name = action.name
        return try await store.transaction { session in
            let now = Int64(Date().timeIntervalSince1970)
            try await session.markStepStarted(runID: job.runID, index: job.stepIndex, input: input, now: now)
            let state = firstAttempt ? OutboxState.none : try await session.outboxState(key: key)
            if sideEffects, state == .none {
                try await session.recordOutboxIntent(key: key, action: name, now: now)
            }
            return state
        }
    }

    /// Record the step's outcome (and, for a side effect, its outbox result) and queue the next step or finish the
    /// run — one transaction. The outbox result is kept even if the lease was lost meanwhile, so the job's new owner
    /// does not send again.
    private func succeed(_ job: JobRecord, flow: Flow, output: JSONValue, status: String = "succeeded", startedInput: JSONValue? = nil,
                         outbox: (key: String, action: String)? = nil) async throws {
        let node = configuration.node
        let nextIndex = job.stepIndex + 1
        let next = flow.steps.indices.contains(nextIndex) ? flow.steps[nextIndex] : nil
        let completed = try await store.transaction { session -> Bool in
            let now = epochMilliseconds()
            if let outbox {
                try await session.recordOutboxResult(key: outbox.key, action: outbox.action, result: output, now: now / 1000)
            }
            guard try await session.completeJob(job, node: node, nowMilliseconds: now) else { return false }
            if let startedInput {
                try await session.markStepStarted(runID: job.runID, index: job.stepIndex, input: startedInput, now: now / 1000)
            }
            try await session.finishStep(runID: job.runID, index: job.stepIndex, status: status, output: output, error: nil, attempts: job.attempts, now: now / 1000)
            if let next {
                try await session.enqueue(JobRecord(id: UUID().uuidString.lowercased(), runID: job.runID, stepIndex: nextIndex, maxAttempts: next.retry.maxAttempts,
                                                    retry: FlowRuntime.retryJSON(next.retry), availableAt: now), now: now / 1000)
            } else {
                try await session.finishRun(id: job.runID, status: "succeeded", error: nil, now: now / 1000)
            }
            return true
        }
        guard completed else {
            logger.warning("lost the lease before completing; another node owns the job now", metadata: ["job": "\(job.id)"])
            return
        }
        if next != nil {
            signal?.notify()
        } else {
            metrics.runFinished(flow: flow.name, outcome: "succeeded")
            onRunFinished(RunCompletion(runID: job.runID, flow: flow.name, status: "succeeded"))
        }
    }

    private func fail(_ job: JobRecord, flow: String, action: String, input: JSONValue, error: ActionError) async throws {
        let node = configuration.node
        let retry = (try? JSONDecoder().decode(RetrySettings.self, from: Data(job.retry.utf8))) ?? .standard
        let giveUp = error.isPermanent || job.attempts >= job.maxAttempts
        let reason = giveUp && !error.isPermanent ? "\(error.description) (attempt \(job.attempts) of \(job.maxAttempts))" : error.description
        let recorded = try await store.transaction { session -> Bool in
            let now = epochMilliseconds()
            if giveUp {
                guard try await session.deadLetterJob(job, node: node, deadLetterID: UUID().uuidString.lowercased(), flow: flow, action: action, payload: input,
                                                      error: reason, response: error.response, nowMilliseconds: now) else { return false }
                try await session.finishStep(runID: job.runID, index: job.stepIndex, status: "dead", output: nil, error: reason, attempts: job.attempts, now: now / 1000)
                try await session.finishRun(id: job.runID, status: "failed", error: "\(action): \(error.description)", now: now / 1000)
            } else {
                let delay = retry.delay(afterFailedAttempts: job.attempts)
                let due = now + delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
                guard try await session.retryJob(job, node: node, availableAt: due, error: reason, response: error.response, nowMilliseconds: now) else { return false }
                try await session.finishStep(runID: job.runID, index: job.stepIndex, status: "retrying", output: nil, error: reason, attempts: job.attempts, now: now / 1000)
            }
            return true
        }
        guard recorded else { return }
        if giveUp {
            metrics.deadLettered(action: action)
            metrics.runFinished(flow: flow, outcome: "failed")
            onRunFinished(RunCompletion(runID: job.runID, flow: flow, status: "failed"))
            logger.warning("step dead-lettered", metadata: ["flow": "\(flow)", "action": "\(action)", "run": "\(job.runID)", "error": "\(reason)"])
        } else {
            metrics.jobRetried(action: action)
            logger.info("step will be retried", metadata: ["flow": "\(flow)", "action": "\(action)", "attempt": "\(job.attempts)", "error": "\(reason)"])
        }
    }

    private func loadRun(_ job: JobRecord) async throws -> (RunRecord, Event, [String: JSONValue])? {
        try await store.session { session -> (RunRecord, Event, [String: JSONValue])? in
            guard let run = try await session.run(id: job.runID), let record = try await session.event(id: run.eventID) else { return nil }
            var outputs: [String: JSONValue] = [:]
            for step in try await session.steps(runID: run.id) where step.status == "succeeded" {
                outputs[step.stepID] = step.output ?? .null
            }
            let event = Event(id: record.id, source: record.source, type: record.type, externalID: record.externalID, connection: record.connection,
                              occurredAt: Date(timeIntervalSince1970: TimeInterval(record.occurredAt)), context: record.context)
            return (run, event, outputs)
        }
    }

    /// Run `body` while renewing the job's lease every third of the lease time.
    private func withLeaseHeartbeat<T: Sendable>(_ job: JobRecord, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let store = self.store
        let node = configuration.node
        let lease = configuration.lease
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                if Task.isCancelled { return }
                _ = try? await store.session { session in
                    try await session.extendLease(jobID: job.id, node: node, untilMilliseconds: epochMilliseconds() + Int64(lease.components.seconds * 1000))
                }
            }
        }
        defer { heartbeat.cancel() }
        return try await body()
    }
}

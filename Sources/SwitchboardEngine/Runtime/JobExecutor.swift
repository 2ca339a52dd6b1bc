import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore

/// Leases batches of due jobs, each prepared in the lease's transaction (its step rendered from the event and earlier
/// outputs, marked started, its outbox intent recorded — see ``PreparedJob``); then runs one prepared job: performs
/// the action once (the outbox and idempotency keys make a retry after a crash safe) and records the outcome — the
/// next step queued, a retry scheduled with backoff, or a dead letter.
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
    /// First steps this node rendered when it accepted their events (see ``FirstStepCache``).
    public let firstSteps: FirstStepCache?
    public let logger: Logger
    /// Called after a run's final outcome is committed.
    public let onRunFinished: @Sendable (RunCompletion) -> Void

    public init(store: Store, flows: FlowRegistry, actions: ActionRegistry, zendesk: ZendeskClientPool, consonance: ConsonanceClientPool? = nil, whatsapp: WhatsAppClientPool? = nil, configuration: RuntimeConfiguration,
                metrics: RuntimeMetrics = .none, failPoints: FailPoints = .none, signal: WorkSignal? = nil, firstSteps: FirstStepCache? = nil,
                logger: Logger = Logger(label: "switchboard.runtime"),
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
        self.firstSteps = firstSteps
        self.logger = logger
        self.onRunFinished = onRunFinished
    }

    /// Lease up to `limit` due jobs for this node and prepare them (see ``PreparedJob``) — one transaction for the
    /// whole batch.
    public func lease(limit: Int) async throws -> [PreparedJob] {
        let node = configuration.node
        let lease = Int64(configuration.lease.components.seconds * 1000)
        let flows = self.flows
        let actions = self.actions
        let firstSteps = self.firstSteps
        return try await store.transaction { session in
            let now = epochMilliseconds()
            let jobs = try await session.leaseJobs(node: node, limit: limit, leaseMilliseconds: lease, nowMilliseconds: now)
            return try await session.prepare(jobs, flows: flows, actions: actions, cache: firstSteps, now: now / 1000)
        }
    }

    public func execute(_ prepared: PreparedJob) async {
        do {
            try await run(prepared)
        } catch {
            logger.error("job bookkeeping failed; the lease will expire and the job run again", metadata: ["job": "\(prepared.job.id)", "error": "\(error)"])
        }
    }

    private func run(_ prepared: PreparedJob) async throws {
        let job = prepared.job
        switch prepared.plan {
        case .fail(let flow, let action, let input, let error):
            try await fail(job, flow: flow, action: action, input: input, error: error)
        case .skip(let flow):
            // `if:` does not hold: record the step as skipped (no input, no side effect) and go on with the run.
            try await succeed(job, flow: flow, output: .null, status: "skipped", startedInput: .null)
        case .alreadyDone(let flow, let output):
            try await succeed(job, flow: flow, output: output)
        case .perform(let flow, let step):
            let actionContext = ActionContext(runID: job.runID, flow: flow.name, stepIndex: job.stepIndex, stepID: step.step.id, eventConnection: step.eventConnection,
                                              store: store, zendesk: zendesk, consonance: consonance, whatsapp: whatsapp,
                                              events: FlowRuntime(store: store, flows: flows, metrics: metrics, signal: signal), publicURL: configuration.publicURL,
                                              failPoints: failPoints, logger: logger, previousAttemptMayHaveSent: step.previousAttemptMayHaveSent)
            let action = step.action
            let input = step.input
            do {
                let output = try await withLeaseHeartbeat(job) { try await action.perform(input, context: actionContext) }
                try await succeed(job, flow: flow, output: output, outbox: action.hasSideEffects ? (step.idempotencyKey, action.name) : nil)
            } catch {
                try await fail(job, flow: flow.name, action: action.name, input: input, error: ActionError.from(error))
            }
        }
    }

    /// Record the step's outcome (and, for a side effect, its outbox result) and queue the next step or finish the
    /// run, all at once (see ``StepSuccess``: a transaction on SQLite, one statement on PostgreSQL). The outbox result
    /// is kept even if the lease was lost meanwhile, so the job's new owner does not send again.
    private func succeed(_ job: JobRecord, flow: Flow, output: JSONValue, status: String = "succeeded", startedInput: JSONValue? = nil,
                         outbox: (key: String, action: String)? = nil) async throws {
        let node = configuration.node
        let nextIndex = job.stepIndex + 1
        let next = flow.steps.indices.contains(nextIndex) ? flow.steps[nextIndex] : nil
        let now = epochMilliseconds()
        let nextJob = next.map {
            JobRecord(id: TimeOrderedID.make(), runID: job.runID, stepIndex: nextIndex, maxAttempts: $0.retry.maxAttempts, retry: FlowRuntime.retryJSON($0.retry), availableAt: now)
        }
        let completed = try await store.record(StepSuccess(job: job, node: node, status: status, output: output, startedInput: startedInput, outbox: outbox, next: nextJob),
                                               nowMilliseconds: now)
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
                guard try await session.deadLetterJob(job, node: node, deadLetterID: TimeOrderedID.make(), flow: flow, action: action, payload: input,
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

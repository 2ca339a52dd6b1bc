import Foundation
import LooseJSON
import Logging
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStore

/// Fires scheduled flows. Every node runs one; each slot is claimed in the database before it fires, so with
/// several nodes every slot fires exactly once. A node that was down fires the latest missed slot when it comes
/// back, if that slot is no older than ``catchUp``; older slots are skipped rather than fired late in a burst.
public struct Scheduler: Service {
    public let runtime: FlowRuntime
    public let node: String
    public let catchUp: Duration
    public let tick: Duration
    public let logger: Logger

    public init(runtime: FlowRuntime, node: String, catchUp: Duration = .seconds(600), tick: Duration = .seconds(1), logger: Logger = Logger(label: "switchboard.scheduler")) {
        self.runtime = runtime
        self.node = node
        self.catchUp = catchUp
        self.tick = tick
        self.logger = logger
    }

    public func run() async throws {
        let scheduled = runtime.flows.listening(to: "schedule")
        guard !scheduled.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            for flow in scheduled {
                do {
                    try await fireDueSlot(flow, now: Date())
                } catch {
                    logger.error("could not fire schedule", metadata: ["flow": "\(flow.name)", "error": "\(error)"])
                }
            }
            try? await cancelOnGracefulShutdown { [tick] in try await Task.sleep(for: tick) }
        }
    }

    /// Claim and fire the latest slot at or before `now`, if it is recent enough and not fired yet.
    /// Returns true when this call fired it.
    @discardableResult
    public func fireDueSlot(_ flow: Flow, now: Date) async throws -> Bool {
        guard case .schedule(let schedule) = flow.trigger, let slot = schedule.slot(atOrBefore: now) else { return false }
        guard now.timeIntervalSince(slot) <= Double(catchUp.components.seconds) else { return false }
        let slotSeconds = Int64(slot.timeIntervalSince1970)
        let fired = try await runtime.store.transaction { [node] session -> Bool in
            guard try await session.claimScheduleSlot(flow: flow.name, slot: slotSeconds, node: node, now: Int64(now.timeIntervalSince1970)) else { return false }
            let event = Event(source: "schedule", type: "slot", externalID: "\(flow.name)@\(slotSeconds)", occurredAt: slot, context: .object([
                "schedule": .object(["flow": .string(flow.name), "slot": .string(ISO8601DateFormatter().string(from: slot)),
                                     "timezone": .string(schedule.timeZone.identifier)]),
            ]))
            _ = try await runtime.ingest(event, in: session, now: now)
            return true
        }
        if fired {
            runtime.signal?.notify()
            logger.info("schedule fired", metadata: ["flow": "\(flow.name)", "slot": "\(slot)"])
        }
        return fired
    }
}

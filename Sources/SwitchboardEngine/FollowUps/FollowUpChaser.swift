import Foundation
import LooseJSON
import Logging
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStore

/// Fires the rungs of unanswered follow-ups as `followup.due` events (source `switchboard`), which the recipes'
/// flows turn into reminders and escalations. Every node runs one: a rung is claimed with a conditional update in
/// the same transaction as its event, and the event's external id (`followup:<id>:stage:<n>`) is unique, so with
/// several nodes — or after a crash — each rung fires exactly once. A node that was down fires the rungs it missed,
/// in order, when it comes back.
public struct FollowUpChaser: Service {
    public let runtime: FlowRuntime
    public let interval: Duration
    public let logger: Logger

    public init(runtime: FlowRuntime, interval: Duration = .seconds(30), logger: Logger = Logger(label: "switchboard.followups")) {
        self.runtime = runtime
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let fired = try await tick(now: Date())
                if fired > 0 { logger.info("follow-up rungs fired", metadata: ["count": "\(fired)"]) }
            } catch {
                logger.error("could not chase follow-ups", metadata: ["error": "\(error)"])
            }
            // Sleep until the next look, but wake for a graceful shutdown rather than holding the node up.
            try? await cancelOnGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }

    /// Fire every rung due at `now` (several for one follow-up when a node was down, oldest first); their runs are
    /// queued to start at once. Returns how many fired.
    @discardableResult
    public func tick(now: Date) async throws -> Int {
        let seconds = Int64(now.timeIntervalSince1970)
        var fired = 0
        while true {
            let count = try await runtime.store.transaction { [runtime] session -> Int in
                var count = 0
                for followUp in try await session.dueFollowUps(now: seconds, limit: 100) {
                    guard let due = try await session.advanceFollowUp(followUp, at: seconds) else { continue }
                    // Runs start now, whatever `now` the rungs were judged at (a test may ask about the future).
                    _ = try await runtime.ingest(Self.event(due, now: seconds), in: session)
                    count += 1
                }
                return count
            }
            fired += count
            if count == 0 { return fired }
        }
    }

    /// The `followup.due` event of a rung.
    static func event(_ due: FollowUpDue, now: Int64) -> Event {
        let followUp = due.followUp
        let counts = followUp.ladder.counts(through: due.stageIndex)
        let context: JSONValue = .object([
            "id": .string(followUp.id), "key": .string(followUp.key), "kind": .string(followUp.kind), "stage": .string(due.stage.kind.rawValue),
            "stage_index": .number(Double(due.stageIndex + 1)), "reminders": .number(Double(counts.reminders)),
            "escalations": .number(Double(counts.escalations)), "roles": .array(due.stage.roles.map(JSONValue.string)),
            "label": due.stage.label.map(JSONValue.string) ?? .null, "started_at": .number(Double(followUp.startedAt)),
            "hours_waiting": .number(Double(max(0, now - followUp.startedAt) / 3600)), "last": .bool(due.stageIndex == followUp.ladder.stages.count - 1),
            "context": followUp.context,
        ])
        return Event(source: PublishingRecords.source, type: "followup.due", externalID: "followup:\(followUp.id):stage:\(due.stageIndex + 1)",
                     context: .object(["followup": context]))
    }
}

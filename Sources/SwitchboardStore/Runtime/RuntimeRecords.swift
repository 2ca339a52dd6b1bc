import Foundation
import LooseJSON

/// A stored inbound event (see `Event` in SwitchboardCore), deduplicated on source and external id.
public struct EventRecord: Sendable, Equatable {
    public var id: String
    public var source: String
    public var type: String
    public var externalID: String
    public var connection: String?
    public var context: JSONValue
    public var occurredAt: Int64
    public var receivedAt: Int64

    public init(id: String, source: String, type: String, externalID: String, connection: String?, context: JSONValue, occurredAt: Int64, receivedAt: Int64) {
        self.id = id; self.source = source; self.type = type; self.externalID = externalID; self.connection = connection
        self.context = context; self.occurredAt = occurredAt; self.receivedAt = receivedAt
    }
}

/// One execution of a flow for one event.
public struct RunRecord: Sendable, Equatable {
    /// `running`, `succeeded` or `failed` (a step is in dead letters).
    public var status: String
    public var id: String
    public var flow: String
    public var flowVersion: String
    public var eventID: String
    public var stepCount: Int
    public var createdAt: Int64
    public var updatedAt: Int64
    public var finishedAt: Int64?
    public var error: String?
}

/// What happened at one step of a run: the rendered input, the output or error, and how many attempts it took.
public struct StepRecord: Sendable, Equatable {
    public var runID: String
    public var index: Int
    public var stepID: String
    public var action: String
    /// `pending`, `running`, `retrying`, `succeeded` or `dead`.
    public var status: String
    public var input: JSONValue?
    public var output: JSONValue?
    public var error: String?
    public var attempts: Int
    public var startedAt: Int64?
    public var finishedAt: Int64?
}

/// A unit of work in the durable queue: one step of one run.
public struct JobRecord: Sendable, Equatable {
    public var id: String
    public var runID: String
    public var stepIndex: Int
    /// `queued`, `leased`, `succeeded` or `dead`.
    public var status: String
    /// Attempts since the job was (re)queued; compared with `maxAttempts`.
    public var attempts: Int
    /// Attempts ever made, including before a replay; numbers the attempt history.
    public var totalAttempts: Int
    public var maxAttempts: Int
    /// The step's retry policy as JSON.
    public var retry: String
    /// Milliseconds since the epoch.
    public var availableAt: Int64
    public var leaseOwner: String?
    public var leaseExpiresAt: Int64?
}

/// One try at a job, by one node.
public struct AttemptRecord: Sendable, Equatable {
    public var jobID: String
    public var attempt: Int
    public var node: String
    public var startedAt: Int64
    public var finishedAt: Int64?
    /// `succeeded`, `failed`, or nil while running (or if the node died).
    public var outcome: String?
    public var error: String?
    public var response: String?
}

/// A job that ran out of attempts (or failed for good), kept with everything needed to understand and replay it.
public struct DeadLetterRecord: Sendable, Equatable {
    public var id: String
    public var jobID: String
    public var runID: String
    public var flow: String
    public var action: String
    /// The step's rendered input.
    public var payload: JSONValue
    /// Every attempt's error, oldest first.
    public var errors: [String]
    public var lastResponse: String?
    public var createdAt: Int64
    public var replayedAt: Int64?
    public var replayCount: Int
    /// `nil` for a run's step (a replay queues it again); ``DeadLetterRecord/whatsAppMessageKind`` for a WhatsApp
    /// message that could not be delivered (a replay resends it).
    public var kind: String? = nil
    /// The undelivered message (`wam_…`) of a WhatsApp message dead letter.
    public var messageID: String? = nil
}

extension JSONValue {
    /// Parse stored JSON text; corrupt text becomes a string so nothing is lost.
    static func stored(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return (try? JSONValue.parse(text.utf8)) ?? .string(text)
    }
}

/// Milliseconds since the epoch, the queue's clock unit.
public func epochMilliseconds(_ date: Date = Date()) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
}

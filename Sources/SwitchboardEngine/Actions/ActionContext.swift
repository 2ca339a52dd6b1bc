import ConnectorKit
import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// Everything an action needs while it runs: who it runs for, its idempotency key, the outbox, and clients.
public struct ActionContext: Sendable {
    public let runID: String
    public let flow: String
    public let stepIndex: Int
    public let stepID: String
    /// `sb:<run>:<step>`: the same on every attempt of this step, different for every other step.
    public let idempotencyKey: String
    /// The connection of the event that started the run, if any.
    public let eventConnection: String?
    public let store: Store
    public let zendesk: ZendeskClientPool
    /// Consonance clients; nil on nodes built without them (Consonance actions then fail permanently).
    public let consonance: ConsonanceClientPool?
    /// WhatsApp clients; nil on nodes built without them (WhatsApp actions then fail permanently).
    public let whatsapp: WhatsAppClientPool?
    /// Where actions report what happened to Switchboard's own records (`task.created`, `rights_review.decided`…),
    /// so flows can react; nil where no flows run (dry runs).
    public let events: FlowRuntime?
    /// Switchboard's public address, for links to its records.
    public let publicURL: String
    public let failPoints: FailPoints
    public let logger: Logger
    /// An earlier attempt recorded its intent to send and never recorded a result: it may have sent. Actions that
    /// cannot rely on the remote's own idempotency check the remote before sending again.
    public let previousAttemptMayHaveSent: Bool

    /// The key of a run's step: the same on every attempt, so the outbox and the remote can recognise a repeat.
    public static func idempotencyKey(runID: String, stepIndex: Int) -> String { "sb:\(runID):\(stepIndex)" }

    public init(runID: String, flow: String, stepIndex: Int, stepID: String, eventConnection: String?, store: Store, zendesk: ZendeskClientPool,
                consonance: ConsonanceClientPool? = nil, whatsapp: WhatsAppClientPool? = nil, events: FlowRuntime? = nil, publicURL: String = PublicAddress.resolve(),
                failPoints: FailPoints, logger: Logger, previousAttemptMayHaveSent: Bool) {
        self.publicURL = publicURL
        self.consonance = consonance
        self.whatsapp = whatsapp
        self.events = events
        self.previousAttemptMayHaveSent = previousAttemptMayHaveSent
        self.runID = runID
        self.flow = flow
        self.stepIndex = stepIndex
        self.stepID = stepID
        self.idempotencyKey = Self.idempotencyKey(runID: runID, stepIndex: stepIndex)
        self.eventConnection = eventConnection
        self.store = store
        self.zendesk = zendesk
        self.failPoints = failPoints
        self.logger = logger
    }

    /// The Zendesk client for the step's `connection` parameter, else the event's connection, else `default`.
    public func zendeskClient(for input: JSONValue) async throws -> ZendeskClient {
        try await zendesk.client(for: input.optionalText("connection") ?? eventConnection ?? "default")
    }

    /// Called right after a side effect was accepted by the remote and before it is recorded (a crash test point).
    public func sent(_ action: String) {
        failPoints.hit("after-send:\(action)")
    }
}

import Foundation
import LooseJSON
import SwitchboardCore

/// A request Switchboard sent that waits for a person's answer — "approve these rights?", "this title is blocked,
/// please acknowledge", "is this subtitle right?" — and the ladder of reminders and escalations that chases it.
///
/// `key` is the correlation stored on the request's WhatsApp messages, so the answer (a tapped button, a quoted or
/// free-text reply) marks the follow-up answered and the chasing stops. `context` is what the flow that opened it
/// wants to have again when a rung falls due: the title, the review, the people asked.
public struct FollowUp: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Waiting for an answer; rungs still to come fire when due.
        case open
        /// Someone answered; nothing more fires.
        case answered
        /// Closed by a flow or a person (the exception cleared, the milestone got done).
        case closed
        /// Every rung fired and nobody answered.
        case exhausted
    }

    public var id: String
    public var key: String
    /// What it is about, for flows to tell follow-ups apart (`rights_approval`, `blocked_title`…).
    public var kind: String
    public var status: Status
    public var ladder: FollowUpLadder
    public var context: JSONValue
    public var startedAt: Int64
    /// The rung that fires next (0-based), or `ladder.stages.count` when none is left.
    public var nextStage: Int
    public var nextAt: Int64?
    public var answeredAt: Int64?
    public var answer: String?
    public var answeredBy: String?
    public var closedReason: String?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: String = PublishingIDs.make("fu"), key: String, kind: String, ladder: FollowUpLadder, context: JSONValue = .object([:]),
                startedAt: Int64) {
        self.id = id
        self.key = key
        self.kind = kind
        self.status = .open
        self.ladder = ladder
        self.context = context
        self.startedAt = startedAt
        self.nextStage = 0
        self.nextAt = ladder.dueTime(of: 0, startedAt: startedAt)
        self.createdAt = startedAt
        self.updatedAt = startedAt
    }
}

/// One rung of a follow-up that fell due, as the chaser hands it to flows (`followup.due`).
public struct FollowUpDue: Sendable, Equatable {
    public var followUp: FollowUp
    /// The rung's index in the ladder (0-based).
    public var stageIndex: Int
    public var stage: FollowUpLadder.Stage
}

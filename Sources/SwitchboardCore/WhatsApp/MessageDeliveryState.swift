import Foundation

/// Where a WhatsApp message is on its way to the recipient.
///
/// Status webhooks arrive out of order and more than once (a `delivered` after the `read`, the same `sent` twice), so a
/// message's state may only move forward: `queued` < `sent` < `delivered` < `read`. `failed` ends it (nothing moves a
/// failed message on), and it cannot follow `read`: a message the recipient has read was delivered, whatever a late
/// webhook says. Applying a state that is not a step forward changes nothing, which makes application idempotent.
public enum MessageDeliveryState: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Recorded by Switchboard, not yet accepted by (or not yet sent to) the Cloud API.
    case queued
    case sent
    case delivered
    /// Read by the recipient; voice messages report `played`, which counts as read.
    case read
    case failed

    /// Parses a webhook `statuses[].status` (`sent`, `delivered`, `read`, `played`, `failed`, any case); `nil` for
    /// anything else.
    public init?(webhookStatus: String) {
        let key = webhookStatus.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if key == "played" {
            self = .read
        } else if let state = MessageDeliveryState(rawValue: key) {
            self = state
        } else {
            return nil
        }
    }

    /// The order of progress: 0 for `queued` up to 3 for `read`; 4 for `failed`, past which nothing moves.
    public var rank: Int {
        switch self {
        case .queued: 0
        case .sent: 1
        case .delivered: 2
        case .read: 3
        case .failed: 4
        }
    }

    /// This state can be applied to a message whose current rank is below this value: its own rank for the forward
    /// states, `read`'s rank for `failed` (so a read message never becomes failed). Stores use it as the guard of one
    /// conditional `UPDATE`, which keeps concurrent webhook deliveries from undoing each other.
    public var appliesBelowRank: Int {
        self == .failed ? MessageDeliveryState.read.rank : rank
    }

    /// True when `next` is a step forward from this state.
    public func canAdvance(to next: MessageDeliveryState) -> Bool {
        rank < next.appliesBelowRank
    }

    /// The state after a status report: `next` when it is a step forward, this state otherwise.
    public func applying(_ next: MessageDeliveryState) -> MessageDeliveryState {
        canAdvance(to: next) ? next : self
    }

    /// No later report can change this state.
    public var isFinal: Bool { self == .read || self == .failed }

    public var description: String { rawValue }
}

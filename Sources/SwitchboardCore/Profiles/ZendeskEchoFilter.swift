import Foundation

/// One profile value Switchboard sent to a Zendesk user, kept until the mirror shows the user again, so that the
/// change Zendesk reports back (its "echo") is recognised as Switchboard's own and not taken for a Zendesk change.
public struct ZendeskPush: Sendable, Equatable, Hashable {
    /// `sending`: recorded before the request, outcome unknown; `sent`: Zendesk accepted it; `echoed`: the mirror
    /// brought it back; `superseded`: Zendesk reported another value for the field after the push.
    public enum State: String, Sendable, Equatable, Hashable, CaseIterable {
        case sending, sent, echoed, superseded

        /// Still waiting for its echo.
        public var isOpen: Bool { self == .sending || self == .sent }
    }

    public var field: ProfileField
    /// The value sent (normalised, as the profile holds it).
    public var value: String
    /// The value Zendesk answered with (normalised), when it stored the value in its own form (a time zone name, a
    /// reformatted phone) or ignored it; nil until Zendesk answered.
    public var acceptedValue: String?
    /// Switchboard's clock when the push was recorded (Unix seconds).
    public var pushedAt: Int64
    /// The user's `updated_at` Zendesk answered with: the version of the user that carries the push.
    public var userUpdatedAt: Int64?
    public var state: State

    public init(field: ProfileField, value: String, acceptedValue: String? = nil, pushedAt: Int64, userUpdatedAt: Int64? = nil, state: State = .sending) {
        self.field = field
        self.value = value
        self.acceptedValue = acceptedValue
        self.pushedAt = pushedAt
        self.userUpdatedAt = userUpdatedAt
        self.state = state
    }
}

/// The rule that keeps profile sync with Zendesk from echoing, as pure functions.
///
/// 1. A Zendesk user version only carries the fields that **changed** in Zendesk since the previous version
///    Switchboard saw (``changes(previous:current:)``): a version whose `updated_at` moved because of Switchboard's
///    own push must not re-assert the user's other, older values over newer ones from other sources.
/// 2. Of those, a field whose value is what Switchboard pushed (or what Zendesk answered the push with) is an echo
///    and is dropped (``filter(changes:version:pushes:)``): no history entry, and the provenance stays with the source
///    whose change was pushed.
/// 3. Changes whose source is Zendesk are never pushed back (the relay skips them).
///
/// A push is settled by the first user version at or after it (by the `updated_at` Zendesk answered, or — when the
/// answer was lost — by Switchboard's push time less ``clockTolerance``): as `echoed` when that version carries the
/// pushed value or does not touch the field, `superseded` when it carries another value (a person changed it in
/// Zendesk after the push; that change flows into the profile like any other). Older versions leave it open.
public enum ZendeskEchoFilter {
    /// How far Zendesk's clock may be behind Switchboard's, for pushes whose answer was lost.
    public static let clockTolerance: Int64 = 300

    /// What filtering one user version did.
    public struct Outcome: Sendable, Equatable {
        /// The fields to ingest as a Zendesk activity.
        public var kept: [ProfileField: String]
        /// Fields dropped as echoes of Switchboard's pushes.
        public var echoed: [ProfileField]
        /// Pushes this version settles, with their new state.
        public var settled: [ZendeskPush]
    }

    /// The fields of `current` that differ from `previous` (nil: the first version seen, every field). A field that
    /// disappeared is not reported: profiles never clear a value because one source lost it.
    public static func changes(previous: [ProfileField: String]?, current: [ProfileField: String]) -> [ProfileField: String] {
        guard let previous else { return current }
        return current.filter { previous[$0.key] != $0.value }
    }

    /// Drop the echoes of `pushes` (the open pushes of this user) from `changes`, a user version at `version`
    /// (its `updated_at`, Unix seconds).
    public static func filter(changes: [ProfileField: String], version: Int64, pushes: [ZendeskPush]) -> Outcome {
        var outcome = Outcome(kept: changes, echoed: [], settled: [])
        for push in pushes.sorted(by: { $0.field < $1.field }) where push.state.isOpen {
            let carries = push.userUpdatedAt.map { version >= $0 } ?? (version >= push.pushedAt - clockTolerance)
            guard carries else { continue }  // a version from before the push: it cannot be its echo
            var settled = push
            if let value = changes[push.field] {
                if value == push.value || value == push.acceptedValue {
                    outcome.kept[push.field] = nil
                    outcome.echoed.append(push.field)
                    settled.state = .echoed
                } else {
                    settled.state = .superseded
                }
            } else {
                settled.state = .echoed  // Zendesk shows the user after the push without a change to this field
            }
            outcome.settled.append(settled)
        }
        return outcome
    }
}

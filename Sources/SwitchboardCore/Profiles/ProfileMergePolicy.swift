import Foundation

/// The current fields of one profile, each with its provenance.
public typealias ProfileFieldState = [ProfileField: ProfileFieldValue]

/// The write rule of unified profiles, as a pure function so the store, the benchmark's baseline and the property
/// test all apply exactly the same rule.
///
/// A field is written by an activity only when
/// 1. the activity's source may write that field (its ``FieldPermissions``), and
/// 2. the activity is at least as recent as the activity that wrote the current value (``ActivityStamp`` order:
///    time, then activity id, then source name).
///
/// So, among the sources allowed to write a field, the most recent activity wins, whatever order activities arrive
/// in. Permissions apply when an activity is applied: unchecking a field stops future writes and leaves the current
/// value (and its provenance) in place. A newer activity carrying the value a field already holds moves the
/// provenance to it without a change in the history.
public enum ProfileMergePolicy {
    /// What applying one activity did.
    public struct Outcome: Sendable, Equatable {
        /// The profile's fields afterwards.
        public var state: ProfileFieldState
        /// Fields whose value changed (for the history log and for syncing back).
        public var changes: [ProfileFieldChange]
        /// Fields whose value stayed but whose provenance moved to this newer activity.
        public var refreshed: [ProfileField]
        /// Fields the activity carried that its source may not write.
        public var denied: [ProfileField]
        /// Fields the activity carried whose current value comes from a more recent activity.
        public var stale: [ProfileField]
    }

    /// Apply `activity` to `state` under the source's `permissions`; `now` is the written time of new values.
    public static func apply(_ activity: ProfileActivity, to state: ProfileFieldState, permissions: FieldPermissions, now: Int64) -> Outcome {
        var outcome = Outcome(state: state, changes: [], refreshed: [], denied: [], stale: [])
        let stamp = activity.stamp
        for field in activity.fields.keys.sorted() {
            guard let value = activity.fields[field] else { continue }
            guard permissions.allows(field) else {
                outcome.denied.append(field)
                continue
            }
            let current = state[field]
            if let current, stamp < current.provenance.stamp {
                outcome.stale.append(field)
                continue
            }
            if let current, current.provenance.stamp == stamp, current.value == value { continue }  // the same activity again
            let provenance = FieldProvenance(source: activity.source, activityID: activity.activityID, occurredAt: activity.occurredAt, writtenAt: now)
            outcome.state[field] = ProfileFieldValue(value: value, provenance: provenance)
            if current?.value == value {
                outcome.refreshed.append(field)
            } else {
                outcome.changes.append(ProfileFieldChange(field: field, oldValue: current?.value, newValue: value, source: activity.source,
                                                          activityID: activity.activityID, occurredAt: activity.occurredAt))
            }
        }
        return outcome
    }

    /// The fields of two profiles being merged into `survivor`: each field takes the more recent of the two values
    /// (both were written by then-permitted activities, so the most recent permitted activity still wins). Returns the
    /// merged fields and the survivor's changes (cause ``ProfileFieldChange/Cause/merge``).
    public static func merge(_ absorbed: ProfileFieldState, into survivor: ProfileFieldState) -> (state: ProfileFieldState, changes: [ProfileFieldChange]) {
        var state = survivor
        var changes: [ProfileFieldChange] = []
        for field in absorbed.keys.sorted() {
            guard let incoming = absorbed[field] else { continue }
            let current = survivor[field]
            if let current, incoming.provenance.stamp <= current.provenance.stamp { continue }
            state[field] = incoming
            if current?.value != incoming.value {
                changes.append(ProfileFieldChange(field: field, oldValue: current?.value, newValue: incoming.value, source: incoming.provenance.source,
                                                  activityID: incoming.provenance.activityID, occurredAt: incoming.provenance.occurredAt, cause: .merge))
            }
        }
        return (state, changes)
    }
}

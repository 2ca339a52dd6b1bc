import Foundation

/// Where a profile field's value came from: the source that wrote it, the activity, when that activity happened and
/// when Switchboard wrote the value. Every stored value carries one, so "why is this phone number here?" always has
/// an answer.
public struct FieldProvenance: Sendable, Equatable, Hashable {
    public var source: ProfileSource
    public var activityID: String
    /// When the activity happened (Unix seconds), as its source reported it.
    public var occurredAt: Int64
    /// When Switchboard wrote the value (Unix seconds).
    public var writtenAt: Int64

    public init(source: ProfileSource, activityID: String, occurredAt: Int64, writtenAt: Int64) {
        self.source = source
        self.activityID = activityID
        self.occurredAt = occurredAt
        self.writtenAt = writtenAt
    }

    public var stamp: ActivityStamp { ActivityStamp(occurredAt: occurredAt, activityID: activityID, source: source) }
}

/// A profile field's value with its provenance.
public struct ProfileFieldValue: Sendable, Equatable, Hashable {
    public var value: String
    public var provenance: FieldProvenance

    public init(value: String, provenance: FieldProvenance) {
        self.value = value
        self.provenance = provenance
    }
}

/// One change to a profile field, as the history log keeps it and as ingest reports it (the hook a sync back to
/// Zendesk users reads: which field changed, to what, and which source's activity changed it).
public struct ProfileFieldChange: Sendable, Equatable, Hashable {
    /// Why the field changed: an activity wrote it, or two profiles merged and the other one's value was more recent.
    public enum Cause: String, Sendable, Equatable, Hashable, Codable {
        case activity, merge
    }

    public var field: ProfileField
    public var oldValue: String?
    public var newValue: String
    public var source: ProfileSource
    public var activityID: String
    public var occurredAt: Int64
    public var cause: Cause

    public init(field: ProfileField, oldValue: String?, newValue: String, source: ProfileSource, activityID: String, occurredAt: Int64, cause: Cause = .activity) {
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.source = source
        self.activityID = activityID
        self.occurredAt = occurredAt
        self.cause = cause
    }
}

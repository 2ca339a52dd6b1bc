import Foundation

/// One thing a source reported about one of its people: "Zendesk user 42 was updated at T with these values".
///
/// Activities are what profiles are built from. ``source`` and ``activityID`` identify the activity, so the same
/// activity ingested twice changes nothing; ``identity`` is the person's id in that source (a Zendesk user id, a
/// directory contact id); ``occurredAt`` is when the source says it happened, which decides which of several
/// permitted sources wins a field (see ``ProfileMergePolicy``). Values are normalised (see
/// ``ProfileField/normalize(_:)``) when the activity is built with ``init(source:activityID:identity:occurredAt:values:)``.
public struct ProfileActivity: Sendable, Equatable {
    public var source: ProfileSource
    public var activityID: String
    public var identity: String
    /// Unix seconds.
    public var occurredAt: Int64
    public var fields: [ProfileField: String]

    /// An activity with already-normalised values (no checks).
    public init(source: ProfileSource, activityID: String, identity: String, occurredAt: Int64, fields: [ProfileField: String]) {
        self.source = source
        self.activityID = activityID
        self.identity = identity
        self.occurredAt = occurredAt
        self.fields = fields
    }

    /// An activity from raw values: each is normalised, empty ones dropped. Throws on the first bad value, an empty
    /// activity id or identity. With `lenient`, bad values are dropped instead and reported in ``dropped``.
    public init(source: ProfileSource, activityID: String, identity: String, occurredAt: Int64, values: [ProfileField: String],
                lenient: Bool = false) throws(ProfileInputError) {
        let activityID = activityID.trimmingCharacters(in: .whitespacesAndNewlines)
        let identity = identity.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !activityID.isEmpty, activityID.count <= 200 else { throw ProfileInputError(field: "activity_id", message: "must be 1–200 characters") }
        guard !identity.isEmpty, identity.count <= 200 else { throw ProfileInputError(field: "identity", message: "must be 1–200 characters") }
        var fields: [ProfileField: String] = [:]
        for (field, raw) in values.sorted(by: { $0.key < $1.key }) {
            do {
                if let value = try field.normalize(raw) { fields[field] = value }
            } catch {
                if !lenient { throw error }
            }
        }
        self.init(source: source, activityID: activityID, identity: identity, occurredAt: occurredAt, fields: fields)
    }

    /// Where this activity sorts among others writing the same field (see ``ActivityStamp``).
    public var stamp: ActivityStamp { ActivityStamp(occurredAt: occurredAt, activityID: activityID, source: source) }

    /// The identity this activity describes, with the match keys it carries.
    public var identityKeys: ProfileIdentity {
        ProfileIdentity(source: source, sourceID: identity, email: fields[.email], phone: fields[.phone], externalID: fields[.externalID])
    }
}

/// The order of activities: the more recent one wins a field.
///
/// Ordered by ``occurredAt``; an exact tie in time goes to the higher ``activityID`` (plain string order), then to the
/// higher source name, so two nodes resolving the same activities always agree. Equal stamps are the same activity.
public struct ActivityStamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var occurredAt: Int64
    public var activityID: String
    public var source: ProfileSource

    public init(occurredAt: Int64, activityID: String, source: ProfileSource) {
        self.occurredAt = occurredAt
        self.activityID = activityID
        self.source = source
    }

    public static func < (lhs: ActivityStamp, rhs: ActivityStamp) -> Bool {
        if lhs.occurredAt != rhs.occurredAt { return lhs.occurredAt < rhs.occurredAt }
        if lhs.activityID != rhs.activityID { return lhs.activityID < rhs.activityID }
        return lhs.source < rhs.source
    }

    public var description: String { "\(source.rawValue)/\(activityID)@\(occurredAt)" }
}

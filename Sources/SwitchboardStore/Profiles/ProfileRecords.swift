import Foundation
import SwitchboardCore

/// An identity as stored: the person in one source, the profile they belong to, and when the source last spoke of
/// them (activity times).
public struct StoredIdentity: Sendable, Equatable {
    public var identity: ProfileIdentity
    public var profileID: String
    public var firstSeen: Int64
    public var lastSeen: Int64

    public init(identity: ProfileIdentity, profileID: String, firstSeen: Int64, lastSeen: Int64) {
        self.identity = identity
        self.profileID = profileID
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// Why an identity is in a profile: the ``MergeReason`` (rule, shared value, the two identities), the activity that
/// brought it, and — when two existing profiles became one — the profile that was absorbed.
public struct ProfileMergeExplanation: Sendable, Equatable {
    public var reason: MergeReason
    public var absorbedProfile: String?
    public var activitySource: ProfileSource
    public var activityID: String
    public var at: Int64

    public init(reason: MergeReason, absorbedProfile: String?, activitySource: ProfileSource, activityID: String, at: Int64) {
        self.reason = reason
        self.absorbedProfile = absorbedProfile
        self.activitySource = activitySource
        self.activityID = activityID
        self.at = at
    }

    /// One sentence for people: "zendesk:42 joined directory:wac_1 — same email ada@example.com (absorbed prf_…)".
    public var sentence: String {
        var text = "\(reason.identity) matched \(reason.matched): same \(reason.rule == .externalID ? "external id" : reason.rule.rawValue) \(reason.value)"
        if let absorbedProfile { text += "; profile \(absorbedProfile) was merged in" }
        return text + " (activity \(activitySource.rawValue)/\(activityID))"
    }
}

/// One entry of a profile's history log.
public struct ProfileHistoryEntry: Sendable, Equatable {
    public var seq: Int64
    public var profileID: String
    public var change: ProfileFieldChange
    /// When Switchboard recorded it.
    public var at: Int64

    public init(seq: Int64, profileID: String, change: ProfileFieldChange, at: Int64) {
        self.seq = seq
        self.profileID = profileID
        self.change = change
        self.at = at
    }
}

/// A profile with everything needed to explain it: fields with provenance, identities, and why they were joined.
public struct ProfileDetail: Sendable, Equatable {
    public var id: String
    public var createdAt: Int64
    public var updatedAt: Int64
    public var fields: ProfileFieldState
    public var identities: [StoredIdentity]
    public var merges: [ProfileMergeExplanation]
    /// Profiles merged into this one (their ids still find it).
    public var mergedProfiles: [String]
}

/// A line of a profile list.
public struct ProfileSummary: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var email: String?
    public var phone: String?
    public var identities: Int
    public var updatedAt: Int64
}

/// What ingesting one activity did. ``changes`` is the hook for syncing profile changes out (to Zendesk users): each
/// names the field, old and new value, and the source and activity that changed it.
public struct ProfileIngestResult: Sendable, Equatable {
    public var profileID: String
    /// The activity had been ingested before; nothing changed.
    public var duplicate: Bool
    public var createdProfile: Bool
    public var newIdentity: Bool
    /// Joins this activity caused (a new identity joining, or profiles merging).
    public var merges: [ProfileMergeExplanation]
    /// Profiles merged into ``profileID`` by this activity.
    public var absorbedProfiles: [String]
    /// Value changes on ``profileID``: from the activity, and from merged profiles' more recent values.
    public var changes: [ProfileFieldChange]
    /// Fields the activity carried that its source may not write.
    public var denied: [ProfileField]
    /// Fields the activity carried whose value comes from a more recent activity.
    public var stale: [ProfileField]

    public init(profileID: String, duplicate: Bool = false, createdProfile: Bool = false, newIdentity: Bool = false, merges: [ProfileMergeExplanation] = [],
                absorbedProfiles: [String] = [], changes: [ProfileFieldChange] = [], denied: [ProfileField] = [], stale: [ProfileField] = []) {
        self.profileID = profileID
        self.duplicate = duplicate
        self.createdProfile = createdProfile
        self.newIdentity = newIdentity
        self.merges = merges
        self.absorbedProfiles = absorbedProfiles
        self.changes = changes
        self.denied = denied
        self.stale = stale
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// The JSON shapes of profiles, shared by the admin API and `switchboard profiles … --json`.
public enum ProfileJSON {
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func time(_ value: Int64?) -> JSONValue { PublishingJSON.time(value) }

    public static func provenance(_ provenance: FieldProvenance) -> JSONValue {
        .object(["source": .string(provenance.source.rawValue), "activity_id": .string(provenance.activityID),
                 "occurred_at": time(provenance.occurredAt), "written_at": time(provenance.writtenAt)])
    }

    public static func fields(_ state: ProfileFieldState) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: state.map { field, value in
            (field.rawValue, JSONValue.object(["value": .string(value.value), "provenance": provenance(value.provenance)]))
        }))
    }

    public static func identity(_ stored: StoredIdentity) -> JSONValue {
        .object(["source": .string(stored.identity.source.rawValue), "source_id": .string(stored.identity.sourceID), "email": text(stored.identity.email),
                 "phone": text(stored.identity.phone), "external_id": text(stored.identity.externalID), "first_seen": time(stored.firstSeen),
                 "last_seen": time(stored.lastSeen)])
    }

    public static func merge(_ merge: ProfileMergeExplanation) -> JSONValue {
        .object(["rule": .string(merge.reason.rule.rawValue), "value": .string(merge.reason.value), "identity": .string(merge.reason.identity.description),
                 "matched": .string(merge.reason.matched.description), "absorbed_profile": text(merge.absorbedProfile),
                 "activity": .string("\(merge.activitySource.rawValue)/\(merge.activityID)"), "at": time(merge.at), "explanation": .string(merge.sentence)])
    }

    public static func profile(_ profile: ProfileDetail) -> JSONValue {
        .object(["id": .string(profile.id), "created_at": time(profile.createdAt), "updated_at": time(profile.updatedAt), "fields": fields(profile.fields),
                 "identities": .array(profile.identities.map(identity)), "merges": .array(profile.merges.map(merge)),
                 "merged_profiles": .array(profile.mergedProfiles.map(JSONValue.string))])
    }

    public static func summary(_ summary: ProfileSummary) -> JSONValue {
        .object(["id": .string(summary.id), "name": text(summary.name), "email": text(summary.email), "phone": text(summary.phone),
                 "identities": .number(Double(summary.identities)), "updated_at": time(summary.updatedAt)])
    }

    public static func change(_ change: ProfileFieldChange) -> JSONValue {
        .object(["field": .string(change.field.rawValue), "old_value": text(change.oldValue), "new_value": .string(change.newValue),
                 "source": .string(change.source.rawValue), "activity_id": .string(change.activityID), "occurred_at": time(change.occurredAt),
                 "cause": .string(change.cause.rawValue)])
    }

    public static func history(_ entry: ProfileHistoryEntry) -> JSONValue {
        guard case .object(var object) = change(entry.change) else { return .null }
        object["seq"] = .number(Double(entry.seq))
        object["at"] = time(entry.at)
        return .object(object)
    }

    public static func ingest(_ result: ProfileIngestResult) -> JSONValue {
        .object(["profile_id": .string(result.profileID), "duplicate": .bool(result.duplicate), "created_profile": .bool(result.createdProfile),
                 "new_identity": .bool(result.newIdentity), "merges": .array(result.merges.map(merge)),
                 "absorbed_profiles": .array(result.absorbedProfiles.map(JSONValue.string)), "changes": .array(result.changes.map(change)),
                 "denied_fields": .array(result.denied.map { .string($0.rawValue) }), "stale_fields": .array(result.stale.map { .string($0.rawValue) })])
    }

    public static func permissions(_ source: ProfileSource, _ permissions: FieldPermissions) -> JSONValue {
        .object(["source": .string(source.rawValue), "mode": .string(permissions.mode), "fields": .array(permissions.listedFields.map { .string($0.rawValue) }),
                 "writable_fields": .array(permissions.allowedFields.map { .string($0.rawValue) }), "description": .string(permissions.description)])
    }
}

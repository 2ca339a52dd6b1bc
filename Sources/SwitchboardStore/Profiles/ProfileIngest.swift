import Foundation
import SQLKit
import SwitchboardCore

/// Ingesting identity activities into profiles (see ``ProfileMergePolicy`` and ``IdentityMatcher`` for the rules).
///
/// Call these inside ``Store/transaction(_:)``: one activity — matching, merging profiles, applying fields, history —
/// commits whole or not at all. On PostgreSQL an advisory lock serialises profile ingest across nodes, so two nodes
/// cannot both create a profile for the same new email. Ingest is idempotent on (source, activity id).
extension StoreSession {
    /// Ingest one activity. Must run inside a transaction.
    public func ingestProfileActivity(_ activity: ProfileActivity, now: Int64) async throws -> ProfileIngestResult {
        try await ingestProfileActivities([activity], now: now)[0]
    }

    /// Ingest activities in order, in the caller's transaction. A batch shares one lock, one permissions read, one
    /// read of which activities were seen before, and one write each of its history, merge and activity rows, which is
    /// what makes bulk feeds fast.
    public func ingestProfileActivities(_ activities: [ProfileActivity], now: Int64) async throws -> [ProfileIngestResult] {
        guard !activities.isEmpty else { return [] }
        if dialect == .postgres { try await run("SELECT pg_advisory_xact_lock(727279) AS locked") }
        var context = ProfileIngestContext(permissions: try await profilePermissions(),
                                           nextSeq: try await scalar("SELECT COALESCE(MAX(seq), 0) AS value FROM pf_history") + 1,
                                           nextMergeSeq: try await scalar("SELECT COALESCE(MAX(seq), 0) AS value FROM pf_merges") + 1, now: now)
        context.seen = try await ingestedActivities(activities)
        var results: [ProfileIngestResult] = []
        results.reserveCapacity(activities.count)
        for activity in activities { results.append(try await ingest(activity, context: &context)) }
        // Append-only rows are written once for the batch, with the profile each one's profile was merged into since.
        let resolve = { (id: String) -> String in context.resolve(id) }
        try await BatchUpsert(table: "pf_history", columns: ["seq", "profile_id", "field", "old_value", "new_value", "source", "activity_id", "occurred_at", "cause", "at"],
                              conflictColumns: ["seq"], updateColumns: [])
            .run(context.history.map { row in var row = row; row[1] = .text(resolve(row[1].textValue)); return row }, on: self)
        try await BatchUpsert(table: "pf_merges", columns: ["seq", "profile_id", "rule", "value", "identity_source", "identity_id", "matched_source", "matched_id",
                                                            "absorbed_profile", "activity_source", "activity_id", "at"], conflictColumns: ["seq"], updateColumns: [])
            .run(context.merges.map { row in var row = row; row[1] = .text(resolve(row[1].textValue)); return row }, on: self)
        try await BatchUpsert(table: "pf_activities", columns: ["source", "activity_id", "identity", "profile_id", "occurred_at", "applied_at"],
                              conflictColumns: ["source", "activity_id"], updateColumns: [])
            .run(context.activities.map { row in var row = row; row[3] = .text(resolve(row[3].textValue)); return row }, on: self)
        return results.map { result in var result = result; result.profileID = resolve(result.profileID); return result }
    }

    /// Which of `activities` were ingested before, with the profile each went to (one query per 400).
    private func ingestedActivities(_ activities: [ProfileActivity]) async throws -> [String: String] {
        var seen: [String: String] = [:]
        for start in stride(from: 0, to: activities.count, by: 400) {
            var query: SQLQueryString = "SELECT source, activity_id, profile_id FROM pf_activities WHERE "
            for (index, activity) in activities[start..<min(start + 400, activities.count)].enumerated() {
                if index > 0 { query += " OR " }
                query += "(source = \(bind: activity.source.rawValue) AND activity_id = \(bind: activity.activityID))"
            }
            for row in try await rows(query) {
                seen[try row.decode(column: "source", as: String.self) + "\u{1}" + row.decode(column: "activity_id", as: String.self)] = try row.decode(column: "profile_id", as: String.self)
            }
        }
        return seen
    }

    private func ingest(_ activity: ProfileActivity, context: inout ProfileIngestContext) async throws -> ProfileIngestResult {
        let now = context.now
        let activityKey = activity.source.rawValue + "\u{1}" + activity.activityID
        if let seen = context.seen[activityKey] {
            return ProfileIngestResult(profileID: try await resolveProfileID(context.resolve(seen)) ?? context.resolve(seen), duplicate: true)
        }
        let existing = try await storedIdentity(source: activity.source, sourceID: activity.identity)
        var identity = activity.identityKeys
        identity.email = identity.email ?? existing?.identity.email
        identity.phone = identity.phone ?? existing?.identity.phone
        identity.externalID = identity.externalID ?? existing?.identity.externalID

        // Every other identity sharing a key (one it carries now or carried before), grouped by profile.
        let candidates = try await identitiesSharingKeys(with: identity)
        var profileIDs = Set(candidates.map(\.stored.profileID))
        if let existing { profileIDs.insert(existing.profileID) }

        var result = ProfileIngestResult(profileID: "", newIdentity: existing == nil)
        let survivor: String
        if profileIDs.isEmpty {
            survivor = PublishingIDs.make("prf")
            try await run("INSERT INTO pf_profiles (id, created_at, updated_at, merged_into) VALUES (\(bind: survivor), \(bind: now), \(bind: now), NULL)")
            result.createdProfile = true
        } else if profileIDs.count == 1 {
            survivor = profileIDs.first!
        } else {
            survivor = try await oldestProfile(among: profileIDs)
        }
        result.profileID = survivor

        var state = result.createdProfile ? [:] : try await profileFields(profileID: survivor)
        let original = state
        var history: [ProfileFieldChange] = []

        // Why this identity joined the survivor (when it is new there), and each other profile it pulls in.
        for profileID in profileIDs.sorted(by: { ($0 == survivor ? 0 : 1, $0) < ($1 == survivor ? 0 : 1, $1) }) {
            let joiningSurvivor = profileID == survivor
            if joiningSurvivor, existing != nil { continue }  // already in it, or explained below as its profile being absorbed
            if !joiningSurvivor, existing?.profileID == profileID {
                // The identity's own profile is absorbed: explain by what it matched in the survivor.
                guard let match = Self.firstMatch(identity, in: candidates.filter { $0.stored.profileID == survivor }) else { continue }
                result.merges.append(ProfileMergeExplanation(reason: match, absorbedProfile: profileID, activitySource: activity.source, activityID: activity.activityID, at: now))
            } else if let match = Self.firstMatch(identity, in: candidates.filter { $0.stored.profileID == profileID }) {
                result.merges.append(ProfileMergeExplanation(reason: match, absorbedProfile: joiningSurvivor ? nil : profileID,
                                                             activitySource: activity.source, activityID: activity.activityID, at: now))
            }
            if !joiningSurvivor {
                let merged = ProfileMergePolicy.merge(try await profileFields(profileID: profileID), into: state)
                state = merged.state
                history += merged.changes
                try await absorbProfile(profileID, into: survivor)
                context.forward[profileID] = survivor
                result.absorbedProfiles.append(profileID)
            }
        }

        try await run("""
            INSERT INTO pf_identities (source, source_id, profile_id, email, phone, external_id, first_seen, last_seen)
            VALUES (\(bind: activity.source.rawValue), \(bind: activity.identity), \(bind: survivor), \(SQLValue.text(identity.email)), \(SQLValue.text(identity.phone)),
                    \(SQLValue.text(identity.externalID)), \(bind: min(existing?.firstSeen ?? activity.occurredAt, activity.occurredAt)),
                    \(bind: max(existing?.lastSeen ?? activity.occurredAt, activity.occurredAt)))
            ON CONFLICT (source, source_id) DO UPDATE SET profile_id = excluded.profile_id, email = excluded.email, phone = excluded.phone,
                external_id = excluded.external_id, first_seen = excluded.first_seen, last_seen = excluded.last_seen
            """)

        let outcome = ProfileMergePolicy.apply(activity, to: state, permissions: context.permissions[activity.source] ?? .allFields, now: now)
        state = outcome.state
        history += outcome.changes
        result.changes = history
        result.denied = outcome.denied
        result.stale = outcome.stale

        let written = state.filter { original[$0.key] != $0.value }.sorted { $0.key < $1.key }
        try await BatchUpsert(table: "pf_field_values", columns: ["profile_id", "field", "value", "source", "activity_id", "occurred_at", "written_at"],
                              conflictColumns: ["profile_id", "field"], updateColumns: ["value", "source", "activity_id", "occurred_at", "written_at"])
            .run(written.map { field, value in
                [.text(survivor), .text(field.rawValue), .text(value.value), .text(value.provenance.source.rawValue), .text(value.provenance.activityID),
                 .int(value.provenance.occurredAt), .int(value.provenance.writtenAt)]
            }, on: self)
        for change in history {
            context.history.append([.int(context.nextSeq), .text(survivor), .text(change.field.rawValue), .text(change.oldValue), .text(change.newValue),
                                    .text(change.source.rawValue), .text(change.activityID), .int(change.occurredAt), .text(change.cause.rawValue), .int(now)])
            context.nextSeq += 1
        }
        for merge in result.merges {
            context.merges.append([.int(context.nextMergeSeq), .text(survivor), .text(merge.reason.rule.rawValue), .text(merge.reason.value),
                                   .text(merge.reason.identity.source.rawValue), .text(merge.reason.identity.sourceID), .text(merge.reason.matched.source.rawValue),
                                   .text(merge.reason.matched.sourceID), .text(merge.absorbedProfile), .text(merge.activitySource.rawValue), .text(merge.activityID), .int(merge.at)])
            context.nextMergeSeq += 1
        }
        context.activities.append([.text(activity.source.rawValue), .text(activity.activityID), .text(activity.identity), .text(survivor), .int(activity.occurredAt), .int(now)])
        context.seen[activityKey] = survivor
        if !result.createdProfile, !written.isEmpty || !result.merges.isEmpty {
            try await run("UPDATE pf_profiles SET updated_at = \(bind: now) WHERE id = \(bind: survivor)")
        }
        return result
    }

    /// Move everything of `absorbed` to `survivor` and leave a forwarding row. Field values are re-resolved by the
    /// caller; the absorbed ones are dropped here.
    private func absorbProfile(_ absorbed: String, into survivor: String) async throws {
        try await run("UPDATE pf_identities SET profile_id = \(bind: survivor) WHERE profile_id = \(bind: absorbed)")
        try await run("UPDATE pf_merges SET profile_id = \(bind: survivor) WHERE profile_id = \(bind: absorbed)")
        try await run("UPDATE pf_history SET profile_id = \(bind: survivor) WHERE profile_id = \(bind: absorbed)")
        try await run("UPDATE pf_activities SET profile_id = \(bind: survivor) WHERE profile_id = \(bind: absorbed)")
        try await run("UPDATE pf_profiles SET merged_into = \(bind: survivor) WHERE id = \(bind: absorbed) OR merged_into = \(bind: absorbed)")
        try await run("DELETE FROM pf_field_values WHERE profile_id = \(bind: absorbed)")
    }

    /// The first of `candidates` (by rule order, then identity) sharing a key with `identity`, as a reason.
    static func firstMatch(_ identity: ProfileIdentity, in candidates: [KeyHolder]) -> MergeReason? {
        for key in identity.matchKeys {
            if let first = candidates.filter({ $0.key == key }).min(by: { $0.stored.identity.key < $1.stored.identity.key }) {
                return MergeReason(rule: key.rule, value: key.value, identity: identity.key, matched: first.stored.identity.key)
            }
        }
        return nil
    }

    /// Other identities holding one of `identity`'s keys, each with the key it holds. Records `identity`'s keys.
    private func identitiesSharingKeys(with identity: ProfileIdentity) async throws -> [KeyHolder] {
        let keys = identity.matchKeys
        guard !keys.isEmpty else { return [] }
        var query: SQLQueryString = """
            SELECT k.rule AS key_rule, k.value AS key_value, i.* FROM pf_identity_keys k
            JOIN pf_identities i ON i.source = k.source AND i.source_id = k.source_id WHERE (
            """
        for (index, key) in keys.enumerated() {
            if index > 0 { query += " OR " }
            query += "(k.rule = \(bind: key.rule.rawValue) AND k.value = \(bind: key.value))"
        }
        query += ")"
        var holders: [KeyHolder] = []
        for row in try await rows(query) {
            let stored = try StoredIdentity(row: row)
            guard stored.identity.key != identity.key, let rule = MatchRule(rawValue: try row.decode(column: "key_rule", as: String.self)) else { continue }
            holders.append(KeyHolder(key: MatchKey(rule: rule, value: try row.decode(column: "key_value", as: String.self)), stored: stored))
        }
        try await BatchUpsert(table: "pf_identity_keys", columns: ["rule", "value", "source", "source_id"], conflictColumns: ["rule", "value", "source", "source_id"], updateColumns: [])
            .run(keys.map { [.text($0.rule.rawValue), .text($0.value), .text(identity.source.rawValue), .text(identity.sourceID)] }, on: self)
        return holders
    }

    private func oldestProfile(among ids: Set<String>) async throws -> String {
        var query: SQLQueryString = "SELECT id FROM pf_profiles WHERE id IN ("
        for (index, id) in ids.sorted().enumerated() {
            if index > 0 { query += ", " }
            query += "\(bind: id)"
        }
        query += ") ORDER BY created_at, id LIMIT 1"
        guard let row = try await rows(query).first else { return ids.sorted()[0] }
        return try row.decode(column: "id", as: String.self)
    }
}

/// An identity found holding a match key.
struct KeyHolder {
    var key: MatchKey
    var stored: StoredIdentity
}

/// What a batch of ingests shares: the permissions read once, and the next history and merge sequence numbers.
struct ProfileIngestContext {
    var permissions: [ProfileSource: FieldPermissions]
    var nextSeq: Int64
    var nextMergeSeq: Int64
    var now: Int64
    /// Activities already ingested (before or in this batch): `source \u{1} activity id` → profile.
    var seen: [String: String] = [:]
    /// Profiles merged away in this batch → the profile they went into.
    var forward: [String: String] = [:]
    /// Rows written at the end of the batch.
    var history: [[SQLValue]] = []
    var merges: [[SQLValue]] = []
    var activities: [[SQLValue]] = []

    /// The profile `id` lives in now, following this batch's merges.
    func resolve(_ id: String) -> String {
        var current = id
        var hops = 0
        while let next = forward[current], hops < 64 {
            current = next
            hops += 1
        }
        return current
    }
}

extension SQLValue {
    fileprivate var textValue: String {
        if case .text(let text) = self { return text }
        return ""
    }
}

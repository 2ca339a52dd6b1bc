import Foundation
import SQLKit
import SwitchboardCore

/// Reading profiles — one with its fields, identities and merges; a list or a search by email or phone; the history
/// log — and per-source write permissions.
extension StoreSession {
    /// The profile `id` now lives in: itself, or the profile it was merged into. Nil for an unknown id.
    public func resolveProfileID(_ id: String) async throws -> String? {
        guard let row = try await rows("SELECT id, merged_into FROM pf_profiles WHERE id = \(bind: id)").first else { return nil }
        return try row.decode(column: "merged_into", as: String?.self) ?? row.decode(column: "id", as: String.self)
    }

    /// The profile with fields, identities and merge explanations (following a merged-away id to its profile).
    public func profile(id: String) async throws -> ProfileDetail? {
        guard let resolved = try await resolveProfileID(id),
              let row = try await rows("SELECT * FROM pf_profiles WHERE id = \(bind: resolved)").first else { return nil }
        let identities = try await rows("SELECT * FROM pf_identities WHERE profile_id = \(bind: resolved) ORDER BY first_seen, source, source_id")
            .map(StoredIdentity.init(row:))
        let merges = try await rows("SELECT * FROM pf_merges WHERE profile_id = \(bind: resolved) ORDER BY seq").map(ProfileMergeExplanation.init(row:))
        let absorbed = try await rows("SELECT id FROM pf_profiles WHERE merged_into = \(bind: resolved) ORDER BY id").map { try $0.decode(column: "id", as: String.self) }
        return ProfileDetail(id: resolved, createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self),
                             fields: try await profileFields(profileID: resolved), identities: identities, merges: merges, mergedProfiles: absorbed)
    }

    /// A profile's current fields with provenance.
    public func profileFields(profileID: String) async throws -> ProfileFieldState {
        var state: ProfileFieldState = [:]
        for row in try await rows("SELECT * FROM pf_field_values WHERE profile_id = \(bind: profileID)") {
            guard let field = ProfileField(rawValue: try row.decode(column: "field", as: String.self)),
                  let source = ProfileSource(rawValue: try row.decode(column: "source", as: String.self)) else { continue }
            state[field] = ProfileFieldValue(value: try row.decode(column: "value", as: String.self), provenance: FieldProvenance(
                source: source, activityID: try row.decode(column: "activity_id", as: String.self),
                occurredAt: try row.decode(column: "occurred_at", as: Int64.self), writtenAt: try row.decode(column: "written_at", as: Int64.self)))
        }
        return state
    }

    /// The identity a source knows by `sourceID`, if any.
    public func storedIdentity(source: ProfileSource, sourceID: String) async throws -> StoredIdentity? {
        try await rows("SELECT * FROM pf_identities WHERE source = \(bind: source.rawValue) AND source_id = \(bind: sourceID)").first.map(StoredIdentity.init(row:))
    }

    /// A profile's history log, oldest first (including the history of profiles merged into it).
    public func profileHistory(id: String, limit: Int = 1000) async throws -> [ProfileHistoryEntry] {
        guard let resolved = try await resolveProfileID(id) else { return [] }
        return try await rows("SELECT * FROM pf_history WHERE profile_id = \(bind: resolved) ORDER BY seq LIMIT \(literal: limit)").compactMap(ProfileHistoryEntry.init(row:))
    }

    /// Profiles, oldest first; with `email` or `phone` (normalised by the caller) only those with an identity that
    /// carries or carried it, or a field holding it.
    public func profiles(email: String? = nil, phone: String? = nil, limit: Int = 200) async throws -> [ProfileSummary] {
        var query: SQLQueryString = "SELECT p.id, p.updated_at FROM pf_profiles p WHERE p.merged_into IS NULL"
        if let email {
            query += " AND (p.id IN (SELECT i.profile_id FROM pf_identity_keys k JOIN pf_identities i ON i.source = k.source AND i.source_id = k.source_id WHERE k.rule = 'email' AND k.value = \(bind: email)) OR p.id IN (SELECT profile_id FROM pf_field_values WHERE field = 'email' AND value = \(bind: email)))"
        }
        if let phone {
            query += " AND (p.id IN (SELECT i.profile_id FROM pf_identity_keys k JOIN pf_identities i ON i.source = k.source AND i.source_id = k.source_id WHERE k.rule = 'phone' AND k.value = \(bind: phone)) OR p.id IN (SELECT profile_id FROM pf_field_values WHERE field = 'phone' AND value = \(bind: phone)))"
        }
        query += " ORDER BY p.created_at, p.id LIMIT \(literal: limit)"
        var summaries: [ProfileSummary] = []
        for row in try await rows(query) {
            let id = try row.decode(column: "id", as: String.self)
            let fields = try await profileFields(profileID: id)
            let identities = try await scalar("SELECT COUNT(*) AS value FROM pf_identities WHERE profile_id = \(bind: id)")
            summaries.append(ProfileSummary(id: id, name: fields[.name]?.value ?? [fields[.firstName]?.value, fields[.lastName]?.value].compactMap { $0 }.joined(separator: " ").nilIfEmpty,
                                            email: fields[.email]?.value, phone: fields[.phone]?.value, identities: Int(identities),
                                            updatedAt: try row.decode(column: "updated_at", as: Int64.self)))
        }
        return summaries
    }

    /// Counts for status lines and the benchmark: live profiles, identities, merge explanations, history entries.
    public func profileCounts() async throws -> (profiles: Int, identities: Int, merges: Int, history: Int) {
        (Int(try await scalar("SELECT COUNT(*) AS value FROM pf_profiles WHERE merged_into IS NULL")),
         Int(try await scalar("SELECT COUNT(*) AS value FROM pf_identities")),
         Int(try await scalar("SELECT COUNT(*) AS value FROM pf_merges")),
         Int(try await scalar("SELECT COUNT(*) AS value FROM pf_history")))
    }

    // MARK: - Permissions

    /// Every source's stored permissions; a source without a row may write all fields.
    public func profilePermissions() async throws -> [ProfileSource: FieldPermissions] {
        var permissions: [ProfileSource: FieldPermissions] = [:]
        for row in try await rows("SELECT * FROM pf_permissions") {
            guard let source = ProfileSource(rawValue: try row.decode(column: "source", as: String.self)) else { continue }
            let fields = try row.decode(column: "fields", as: String.self).split(separator: ",").map(String.init)
            permissions[source] = (try? FieldPermissions(mode: try row.decode(column: "mode", as: String.self), fields: fields)) ?? .allFields
        }
        return permissions
    }

    /// What `source` may write (all fields unless set).
    public func profilePermissions(source: ProfileSource) async throws -> FieldPermissions {
        try await profilePermissions()[source] ?? .allFields
    }

    /// Set what `source` may write from now on. Values already written stay, with their provenance.
    public func setProfilePermissions(_ permissions: FieldPermissions, source: ProfileSource, now: Int64) async throws {
        let simplified = permissions.simplified
        try await run("""
            INSERT INTO pf_permissions (source, mode, fields, updated_at)
            VALUES (\(bind: source.rawValue), \(bind: simplified.mode), \(bind: simplified.listedFields.map(\.rawValue).joined(separator: ",")), \(bind: now))
            ON CONFLICT (source) DO UPDATE SET mode = excluded.mode, fields = excluded.fields, updated_at = excluded.updated_at
            """)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension StoredIdentity {
    init(row: any SQLRow) throws {
        let source = ProfileSource(rawValue: try row.decode(column: "source", as: String.self)) ?? .directory
        self.init(identity: ProfileIdentity(source: source, sourceID: try row.decode(column: "source_id", as: String.self),
                                            email: try row.decode(column: "email", as: String?.self), phone: try row.decode(column: "phone", as: String?.self),
                                            externalID: try row.decode(column: "external_id", as: String?.self)),
                  profileID: try row.decode(column: "profile_id", as: String.self), firstSeen: try row.decode(column: "first_seen", as: Int64.self),
                  lastSeen: try row.decode(column: "last_seen", as: Int64.self))
    }
}

extension ProfileMergeExplanation {
    init(row: any SQLRow) throws {
        func source(_ column: String) throws -> ProfileSource { ProfileSource(rawValue: try row.decode(column: column, as: String.self)) ?? .directory }
        self.init(reason: MergeReason(rule: MatchRule(rawValue: try row.decode(column: "rule", as: String.self)) ?? .email, value: try row.decode(column: "value", as: String.self),
                                      identity: IdentityKey(source: try source("identity_source"), sourceID: try row.decode(column: "identity_id", as: String.self)),
                                      matched: IdentityKey(source: try source("matched_source"), sourceID: try row.decode(column: "matched_id", as: String.self))),
                  absorbedProfile: try row.decode(column: "absorbed_profile", as: String?.self), activitySource: try source("activity_source"),
                  activityID: try row.decode(column: "activity_id", as: String.self), at: try row.decode(column: "at", as: Int64.self))
    }
}

extension ProfileHistoryEntry {
    init?(row: any SQLRow) throws {
        guard let field = ProfileField(rawValue: try row.decode(column: "field", as: String.self)),
              let source = ProfileSource(rawValue: try row.decode(column: "source", as: String.self)) else { return nil }
        self.init(seq: try row.decode(column: "seq", as: Int64.self), profileID: try row.decode(column: "profile_id", as: String.self),
                  change: ProfileFieldChange(field: field, oldValue: try row.decode(column: "old_value", as: String?.self), newValue: try row.decode(column: "new_value", as: String.self),
                                             source: source, activityID: try row.decode(column: "activity_id", as: String.self),
                                             occurredAt: try row.decode(column: "occurred_at", as: Int64.self),
                                             cause: ProfileFieldChange.Cause(rawValue: try row.decode(column: "cause", as: String.self)) ?? .activity),
                  at: try row.decode(column: "at", as: Int64.self))
    }
}

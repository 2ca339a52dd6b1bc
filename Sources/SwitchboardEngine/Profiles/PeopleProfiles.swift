import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Unified people profiles as the admin API and the CLI use them: ingest an activity, show a profile with the
/// provenance of every field, its identities and why they were joined, its history, search by email or phone, and
/// per-source write permissions. One place, so both interfaces answer alike.
///
/// Ingest returns the fields that changed and the source and activity that changed them
/// (``ProfileIngestResult/changes``): the hook a sync of profile changes back to Zendesk users reads.
public struct PeopleProfiles: Sendable {
    public let store: Store
    public let now: @Sendable () -> Int64

    public init(store: Store, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.now = now
    }

    /// Ingest one activity in its own transaction.
    public func ingest(_ activity: ProfileActivity) async throws -> ProfileIngestResult {
        let time = now()
        return try await store.transaction { try await $0.ingestProfileActivity(activity, now: time) }
    }

    /// Ingest activities in one transaction (all or nothing), in order.
    public func ingest(batch activities: [ProfileActivity]) async throws -> [ProfileIngestResult] {
        let time = now()
        return try await store.transaction { try await $0.ingestProfileActivities(activities, now: time) }
    }

    /// The profile (a merged-away id finds the profile it was merged into).
    public func profile(id: String) async throws -> ProfileDetail? {
        try await store.session { try await $0.profile(id: id) }
    }

    public func history(id: String, limit: Int = 1000) async throws -> [ProfileHistoryEntry]? {
        try await store.session { session in
            guard try await session.resolveProfileID(id) != nil else { return nil }
            return try await session.profileHistory(id: id, limit: limit)
        }
    }

    /// Profiles, optionally those with an email address or phone number (normalised here; a malformed one is an error).
    public func search(email: String? = nil, phone: String? = nil, limit: Int = 200) async throws -> [ProfileSummary] {
        let normalizedEmail = try email.flatMap { text throws(ProfileInputError) in try ProfileField.email.normalize(text) }
        let normalizedPhone = try phone.flatMap { text throws(ProfileInputError) in try ProfileField.phone.normalize(text) }
        return try await store.session { try await $0.profiles(email: normalizedEmail, phone: normalizedPhone, limit: limit) }
    }

    public func permissions(source: ProfileSource) async throws -> FieldPermissions {
        try await store.session { try await $0.profilePermissions(source: source) }
    }

    /// Every known source's permissions, and any other source that has some set.
    public func allPermissions() async throws -> [(ProfileSource, FieldPermissions)] {
        let stored = try await store.session { try await $0.profilePermissions() }
        let sources = Set(ProfileSource.known).union(stored.keys).sorted()
        return sources.map { ($0, stored[$0] ?? .allFields) }
    }

    public func setPermissions(_ permissions: FieldPermissions, source: ProfileSource) async throws {
        let time = now()
        try await store.session { try await $0.setProfilePermissions(permissions, source: source, now: time) }
    }
}

extension ProfileActivity {
    /// An activity from the admin API's JSON: `source`, `activity_id`, `identity`, `occurred_at` (Unix seconds or
    /// ISO-8601) and `fields` (an object of field name → string, or null to skip). Unknown fields and bad values are
    /// errors naming the field.
    public init(json: JSONValue) throws(ProfileInputError) {
        guard case .object = json else { throw ProfileInputError(field: "body", message: "must be a JSON object") }
        guard let sourceText = json["source"]?.stringValue else { throw ProfileInputError(field: "source", message: "is required") }
        let source = try ProfileSource(parsing: sourceText)
        guard let activityID = json["activity_id"]?.stringValue else { throw ProfileInputError(field: "activity_id", message: "is required") }
        guard let identity = json["identity"]?.stringValue else { throw ProfileInputError(field: "identity", message: "is required (the person's id in the source)") }
        let occurredAt: Int64
        switch json["occurred_at"] {
        case .number(let seconds)? where seconds.rounded() == seconds && abs(seconds) < 1e12: occurredAt = Int64(seconds)
        case .string(let text)?:
            guard let date = ISO8601DateFormatter().date(from: text) ?? Int64(text).map({ Date(timeIntervalSince1970: TimeInterval($0)) }) else {
                throw ProfileInputError(field: "occurred_at", message: "\"\(text)\" is not an ISO-8601 time or Unix seconds")
            }
            occurredAt = Int64(date.timeIntervalSince1970)
        default: throw ProfileInputError(field: "occurred_at", message: "is required (Unix seconds or an ISO-8601 time)")
        }
        guard case .object(let raw)? = json["fields"] else { throw ProfileInputError(field: "fields", message: "must be an object of field name to value") }
        var values: [ProfileField: String] = [:]
        for (name, value) in raw.sorted(by: { $0.key < $1.key }) {
            let field = try ProfileField(parsing: name)
            switch value {
            case .null: continue
            case .string(let text): values[field] = text
            case .number, .bool: values[field] = value.stringValue
            default: throw ProfileInputError(field: field.rawValue, message: "must be a string")
            }
        }
        try self.init(source: source, activityID: activityID, identity: identity, occurredAt: occurredAt, values: values)
    }
}

import Foundation
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The profile write rule through the store, on SQLite and PostgreSQL: seeded random activities from several sources
/// about a handful of people whose emails and phones overlap (so profiles merge), random permission changes, and
/// re-deliveries, ingested in batches of one to four per transaction. At the end, identities are grouped as an in-memory ``IdentityMatcher`` groups them, and every
/// profile's fields equal the oracle's: per field, the most recent activity (time, id, source) among that profile's
/// activities whose source was allowed to write the field when it was ingested.
@Suite struct ProfileStorePropertyTests {
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let sources: [ProfileSource] = [.zendesk, .directory, .consonance]
    static let fields: [ProfileField] = [.name, .organization, .notes, .email, .phone]

    @Test(arguments: TestDatabase.available)
    func storedFieldsAreThoseOfTheMostRecentPermittedActivity(_ database: TestDatabase) async throws {
        let sequences = database == .postgres ? 4 : 8
        for seed in 0..<UInt64(sequences) {
            try await database.withStore { store in
                var rng = Rng(state: seed)
                var permissions: [ProfileSource: FieldPermissions] = [:]
                var applied: [(activity: ProfileActivity, permissions: FieldPermissions)] = []
                var delivered: [ProfileActivity] = []
                var matcher = IdentityMatcher()
                var pending: [ProfileActivity] = []
                // Activities go in batches of 1–4 per transaction, under the permissions of the moment they are ingested.
                func flush(_ step: Int) async throws {
                    guard !pending.isEmpty else { return }
                    let batch = pending
                    pending = []
                    let results = try await store.transaction { try await $0.ingestProfileActivities(batch, now: Int64(step)) }
                    for (activity, result) in zip(batch, results) {
                        let allowed = permissions[activity.source] ?? .allFields
                        #expect(!result.duplicate, "seed \(seed) step \(step): a new activity was taken for a duplicate")
                        #expect(result.changes.allSatisfy { $0.cause == .merge || allowed.allows($0.field) }, "seed \(seed) step \(step): a denied field changed")
                        applied.append((activity, allowed))
                        delivered.append(activity)
                        matcher.add(activity.identityKeys)
                    }
                }
                for step in 0..<40 {
                    let roll = Int.random(in: 0..<10, using: &rng)
                    if roll <= 1 { try await flush(step) }
                    if roll == 0 {
                        let fields = Set(Self.fields.filter { _ in Bool.random(using: &rng) })
                        let chosen: FieldPermissions = [.allFields, .none, .only(fields), .except(fields)].randomElement(using: &rng)!
                        let source = Self.sources.randomElement(using: &rng)!
                        permissions[source] = chosen.simplified
                        try await store.session { try await $0.setProfilePermissions(chosen, source: source, now: Int64(step)) }
                        continue
                    }
                    if roll == 1, let old = delivered.randomElement(using: &rng) {
                        let result = try await store.transaction { try await $0.ingestProfileActivity(old, now: Int64(step)) }
                        #expect(result.duplicate && result.changes.isEmpty, "seed \(seed) step \(step): a re-delivery changed something")
                        continue
                    }
                    let source = Self.sources.randomElement(using: &rng)!
                    let person = Int.random(in: 0..<5, using: &rng)
                    var values: [ProfileField: String] = [:]
                    for field in Self.fields where Int.random(in: 0..<3, using: &rng) == 0 {
                        switch field {
                        case .email: values[field] = "p\(Int.random(in: 0..<6, using: &rng))@example.com"
                        case .phone: values[field] = "+4477009000\(Int.random(in: 10..<16, using: &rng))"
                        default: values[field] = "v\(Int.random(in: 0..<3, using: &rng))"
                        }
                    }
                    let activity = try ProfileActivity(source: source, activityID: "s\(step)", identity: "person-\(person)",
                                                       occurredAt: Int64.random(in: 0..<15, using: &rng), values: values)
                    pending.append(activity)
                    if pending.count >= Int.random(in: 1...4, using: &rng) { try await flush(step) }
                }
                try await flush(40)
                // Grouping: the same as the in-memory matcher's.
                let groups = matcher.groups()
                var profileOf: [IdentityKey: String] = [:]
                for group in groups {
                    var ids: Set<String> = []
                    for key in group {
                        let stored = try #require(try await store.session { try await $0.storedIdentity(source: key.source, sourceID: key.sourceID) })
                        ids.insert(stored.profileID)
                        profileOf[key] = stored.profileID
                    }
                    #expect(ids.count == 1, "seed \(seed): group \(group) spread over \(ids)")
                }
                #expect(Set(profileOf.values).count == groups.count, "seed \(seed): two groups share a profile")
                // Fields: the oracle's, per group.
                for group in groups {
                    let members = Set(group)
                    var expected: [ProfileField: ProfileActivity] = [:]
                    for (activity, allowed) in applied where members.contains(IdentityKey(source: activity.source, sourceID: activity.identity)) {
                        for field in activity.fields.keys where allowed.allows(field) {
                            if let current = expected[field],
                               (current.occurredAt, current.activityID, current.source.rawValue) > (activity.occurredAt, activity.activityID, activity.source.rawValue) { continue }
                            expected[field] = activity
                        }
                    }
                    let profileID = try #require(profileOf[group[0]])
                    let stored = try await store.session { try await $0.profileFields(profileID: profileID) }
                    #expect(stored.mapValues(\.value) == expected.compactMapValues { $0 }.reduce(into: [:]) { $0[$1.key] = $1.value.fields[$1.key] },
                            "seed \(seed): group \(group)")
                    for (field, value) in stored {
                        #expect(value.provenance.activityID == expected[field]?.activityID && value.provenance.source == expected[field]?.source,
                                "seed \(seed): \(field) provenance")
                    }
                }
            }
        }
    }
}

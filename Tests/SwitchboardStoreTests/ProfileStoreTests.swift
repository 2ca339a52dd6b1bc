import Foundation
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Unified profiles in the store, on SQLite and PostgreSQL: identities join by email, phone and external id with a
/// recorded reason; joining two existing profiles moves identities, re-resolves fields and leaves a forwarding id;
/// fields keep provenance and history; permissions hold; re-ingesting an activity changes nothing.
@Suite struct ProfileStoreTests {
    func activity(_ source: ProfileSource, _ id: String, _ identity: String, at time: Int64, _ values: [ProfileField: String]) throws -> ProfileActivity {
        try ProfileActivity(source: source, activityID: id, identity: identity, occurredAt: time, values: values)
    }

    func ingest(_ store: Store, _ activity: ProfileActivity, now: Int64 = 1_000) async throws -> ProfileIngestResult {
        try await store.transaction { try await $0.ingestProfileActivity(activity, now: now) }
    }

    @Test(arguments: TestDatabase.available)
    func identitiesJoinExplainablyAndTwoProfilesMerge(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let zendesk = try await ingest(store, try activity(.zendesk, "z1", "z:1", at: 100, [.name: "Ada Lovelace", .email: " ADA@example.com", .organization: "Larkspur"]))
            #expect(zendesk.createdProfile && zendesk.newIdentity && zendesk.merges.isEmpty)
            #expect(zendesk.changes.map(\.field) == [.name, .email, .organization])
            let directory = try await ingest(store, try activity(.directory, "d1", "wac_1", at: 200, [.name: "Ada L.", .phone: "+44 7700 900123"]), now: 1_500)
            #expect(directory.createdProfile)
            #expect(directory.profileID != zendesk.profileID)

            // A WhatsApp identity carrying both the email and the phone joins the two profiles.
            let whatsapp = try await ingest(store, try activity(.whatsapp, "w1", "447700900123", at: 150, [.email: "ada@example.com", .phone: "+447700900123"]), now: 2_000)
            #expect(whatsapp.profileID == zendesk.profileID, "the older profile survives")
            #expect(whatsapp.absorbedProfiles == [directory.profileID])
            #expect(whatsapp.merges.map(\.reason) == [
                MergeReason(rule: .email, value: "ada@example.com", identity: IdentityKey(source: .whatsapp, sourceID: "447700900123"), matched: IdentityKey(source: .zendesk, sourceID: "z:1")),
                MergeReason(rule: .phone, value: "+447700900123", identity: IdentityKey(source: .whatsapp, sourceID: "447700900123"), matched: IdentityKey(source: .directory, sourceID: "wac_1")),
            ])
            #expect(whatsapp.merges.last?.absorbedProfile == directory.profileID)
            // The directory's newer name wins the merge; the WhatsApp activity (150) is older than the directory's phone (200).
            #expect(whatsapp.changes.contains { $0.field == .name && $0.newValue == "Ada L." && $0.cause == .merge && $0.source == .directory })
            #expect(whatsapp.stale == [.phone])

            let profile = try #require(try await store.session { try await $0.profile(id: directory.profileID) }, "a merged-away id finds its profile")
            #expect(profile.id == zendesk.profileID)
            #expect(profile.mergedProfiles == [directory.profileID])
            #expect(profile.identities.map(\.identity.key.description) == ["zendesk:z:1", "whatsapp:447700900123", "directory:wac_1"])
            #expect(profile.fields.mapValues(\.value) == [.name: "Ada L.", .email: "ada@example.com", .organization: "Larkspur", .phone: "+447700900123"])
            #expect(profile.fields[.phone]?.provenance == FieldProvenance(source: .directory, activityID: "d1", occurredAt: 200, writtenAt: 1_500))
            #expect(profile.merges.count == 2)
            #expect(profile.merges[1].sentence.contains("same phone +447700900123"))

            let history = try await store.session { try await $0.profileHistory(id: zendesk.profileID) }
            #expect(history.count == 3 + 2 + 2, "z1's three fields, d1's two (moved with the merge), the merged name and phone")
            #expect(history.suffix(2).map(\.change) == [
                ProfileFieldChange(field: .name, oldValue: "Ada Lovelace", newValue: "Ada L.", source: .directory, activityID: "d1", occurredAt: 200, cause: .merge),
                ProfileFieldChange(field: .phone, oldValue: nil, newValue: "+447700900123", source: .directory, activityID: "d1", occurredAt: 200, cause: .merge),
            ])
            #expect(history.map(\.seq) == history.map(\.seq).sorted())

            // Idempotent on (source, activity id).
            let again = try await ingest(store, try activity(.whatsapp, "w1", "447700900123", at: 150, [.email: "ada@example.com", .phone: "+447700900123"]), now: 3_000)
            #expect(again.duplicate && again.profileID == zendesk.profileID && again.changes.isEmpty)
            #expect(try await store.session { try await $0.profileHistory(id: zendesk.profileID) } == history)

            // External id joins a Consonance person; search finds the profile by email and by phone.
            _ = try await ingest(store, try activity(.zendesk, "z2", "z:1", at: 300, [.externalID: "AUTH-7"]))
            let consonance = try await ingest(store, try activity(.consonance, "c1", "cn:7", at: 50, [.externalID: " AUTH-7 ", .jobTitle: "author"]))
            #expect(consonance.profileID == zendesk.profileID)
            #expect(consonance.merges.map(\.reason.rule) == [.externalID])
            #expect(try await store.session { try await $0.profiles(email: "ada@example.com") }.map(\.id) == [zendesk.profileID])
            #expect(try await store.session { try await $0.profiles(phone: "+447700900123") }.first?.identities == 4)
            #expect(try await store.session { try await $0.profiles() }.count == 1)
            #expect(try await store.session { try await $0.profileCounts() }.profiles == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func permissionsDecideWhichSourcesWriteAndTheMostRecentPermittedActivityWins(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            #expect(try await store.session { try await $0.profilePermissions(source: .zendesk) } == .allFields)
            try await store.session { try await $0.setProfilePermissions(.except([.phone]), source: .zendesk, now: 1) }
            try await store.session { try await $0.setProfilePermissions(.none, source: .consonance, now: 1) }
            #expect(try await store.session { try await $0.profilePermissions() } == [.zendesk: .except([.phone]), .consonance: .none])

            let first = try await ingest(store, try activity(.directory, "d1", "wac_1", at: 100, [.email: "bo@example.com", .phone: "+447700900999"]))
            let zendesk = try await ingest(store, try activity(.zendesk, "z1", "z:9", at: 200, [.email: "bo@example.com", .phone: "+447700900111", .name: "Bo"]))
            #expect(zendesk.profileID == first.profileID)
            #expect(zendesk.denied == [.phone])
            let consonance = try await ingest(store, try activity(.consonance, "c1", "cn:1", at: 300, [.email: "bo@example.com", .name: "Robert"]))
            #expect(consonance.denied == [.name, .email] && consonance.changes.isEmpty)
            let fields = try await store.session { try await $0.profileFields(profileID: first.profileID) }
            #expect(fields[.phone]?.value == "+447700900999" && fields[.phone]?.provenance.source == .directory)
            #expect(fields[.name]?.value == "Bo" && fields[.name]?.provenance.source == .zendesk)
            #expect(fields[.email]?.provenance.activityID == "z1", "the newer permitted activity took the provenance")
            try await store.session { try await $0.setProfilePermissions(.allFields, source: .consonance, now: 2) }
            let later = try await ingest(store, try activity(.consonance, "c2", "cn:1", at: 400, [.name: "Robert"]))
            #expect(later.changes.map(\.newValue) == ["Robert"])
        }
    }
}

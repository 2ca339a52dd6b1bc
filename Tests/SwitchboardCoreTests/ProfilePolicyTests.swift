import SwitchboardCore
import Testing

/// The pieces of unified profiles: field and source names, permissions, the write rule with its tie-break, and
/// identity matching with its explanations.
@Suite struct ProfilePolicyTests {
    func activity(_ source: ProfileSource, _ id: String, at time: Int64, _ fields: [ProfileField: String]) -> ProfileActivity {
        ProfileActivity(source: source, activityID: id, identity: "x", occurredAt: time, fields: fields)
    }

    @Test func fieldsSourcesAndValuesAreParsedWithClearErrors() throws {
        #expect(try ProfileField(parsing: " Role ") == .jobTitle)
        #expect(try ProfileField(parsing: "time-zone") == .timeZone)
        #expect(throws: ProfileInputError.self) { try ProfileField(parsing: "shoe_size") }
        do { _ = try ProfileField(parsing: "shoe_size") } catch { #expect(error.description.contains("fields: first_name, last_name, name, email")) }
        #expect(try ProfileField.parseList("email, phone,,notes") == [.email, .phone, .notes])
        #expect(try ProfileSource(parsing: "Zendesk") == .zendesk)
        #expect(try ProfileSource(parsing: "crm_2").rawValue == "crm_2")
        #expect(throws: ProfileInputError.self) { try ProfileSource(parsing: "no such source") }
        #expect(try ProfileField.email.normalize("  Ada@Example.COM ") == "ada@example.com")
        #expect(try ProfileField.phone.normalize("+44 (0)20 7946 0958") == "+442079460958")
        #expect(try ProfileField.name.normalize("   ") == nil)
        #expect(throws: ProfileInputError.self) { try ProfileField.email.normalize("not-an-email") }
        #expect(throws: ProfileInputError.self) { try ProfileField.phone.normalize("020 7946 0958") }
        let lenient = try ProfileActivity(source: .zendesk, activityID: "1", identity: "42", occurredAt: 5, values: [.phone: "12", .name: " Ada "], lenient: true)
        #expect(lenient.fields == [.name: "Ada"])
        #expect(throws: ProfileInputError.self) { try ProfileActivity(source: .zendesk, activityID: " ", identity: "42", occurredAt: 5, values: [:]) }
    }

    @Test func permissionsAllowAllNoneOnlyAndExcept() throws {
        #expect(FieldPermissions.allFields.allowedFields == ProfileField.allCases)
        #expect(FieldPermissions.none.allowedFields.isEmpty)
        #expect(FieldPermissions.only([.phone]).allowedFields == [.phone])
        #expect(!FieldPermissions.except([.phone]).allows(.phone) && FieldPermissions.except([.phone]).allows(.email))
        #expect(try FieldPermissions(mode: "deny", fields: ["phone"]) == .except([.phone]))
        #expect(try FieldPermissions(mode: "except", fields: []) == .allFields)
        #expect(try FieldPermissions(mode: "only", fields: []) == .none)
        #expect(throws: ProfileInputError.self) { try FieldPermissions(mode: "some", fields: []) }
        #expect(throws: ProfileInputError.self) { try FieldPermissions(mode: "only", fields: ["shoe_size"]) }
    }

    @Test func theMostRecentPermittedActivityWinsWhateverTheArrivalOrder() {
        var state: ProfileFieldState = [:]
        state = ProfileMergePolicy.apply(activity(.zendesk, "z1", at: 10, [.phone: "+441", .name: "Ada"]), to: state, permissions: .allFields, now: 100).state
        // An older activity arriving late does not win.
        let late = ProfileMergePolicy.apply(activity(.directory, "d1", at: 5, [.phone: "+442"]), to: state, permissions: .allFields, now: 101)
        #expect(late.stale == [.phone] && late.changes.isEmpty)
        // A newer one without permission for phone does not write it, but writes the name.
        let denied = ProfileMergePolicy.apply(activity(.consonance, "c1", at: 20, [.phone: "+443", .name: "Ada L."]), to: state, permissions: .except([.phone]), now: 102)
        #expect(denied.denied == [.phone])
        #expect(denied.changes.map(\.field) == [.name])
        #expect(denied.state[.phone]?.value == "+441")
        #expect(denied.state[.name]?.provenance == FieldProvenance(source: .consonance, activityID: "c1", occurredAt: 20, writtenAt: 102))
        #expect(denied.changes.first == ProfileFieldChange(field: .name, oldValue: "Ada", newValue: "Ada L.", source: .consonance, activityID: "c1", occurredAt: 20))
        // The same value from a newer activity moves the provenance without a change.
        let same = ProfileMergePolicy.apply(activity(.whatsapp, "w1", at: 30, [.phone: "+441"]), to: denied.state, permissions: .allFields, now: 103)
        #expect(same.changes.isEmpty && same.refreshed == [.phone])
        #expect(same.state[.phone]?.provenance.source == .whatsapp)
        // "Don't modify any field".
        #expect(ProfileMergePolicy.apply(activity(.zendesk, "z2", at: 99, [.name: "X"]), to: same.state, permissions: .none, now: 104).state == same.state)
    }

    @Test func tiesInTimeGoToTheHigherActivityIDThenTheHigherSourceName() {
        let a = ProfileMergePolicy.apply(activity(.zendesk, "b", at: 10, [.name: "from b"]), to: [:], permissions: .allFields, now: 1).state
        #expect(ProfileMergePolicy.apply(activity(.directory, "a", at: 10, [.name: "from a"]), to: a, permissions: .allFields, now: 2).state[.name]?.value == "from b")
        #expect(ProfileMergePolicy.apply(activity(.directory, "c", at: 10, [.name: "from c"]), to: a, permissions: .allFields, now: 2).state[.name]?.value == "from c")
        #expect(ProfileMergePolicy.apply(activity(.consonance, "b", at: 10, [.name: "consonance"]), to: a, permissions: .allFields, now: 2).state[.name]?.value == "from b")
        #expect(ProfileMergePolicy.apply(activity(.zendesk, "b", at: 10, [.name: "from b"]), to: a, permissions: .allFields, now: 3).changes.isEmpty)
    }

    @Test func mergingTwoProfilesKeepsTheMoreRecentValueOfEachField() {
        let older = ProfileMergePolicy.apply(activity(.zendesk, "z", at: 10, [.name: "Ada", .phone: "+441"]), to: [:], permissions: .allFields, now: 1).state
        let newer = ProfileMergePolicy.apply(activity(.directory, "d", at: 20, [.phone: "+442", .email: "a@x.io"]), to: [:], permissions: .allFields, now: 1).state
        let (merged, changes) = ProfileMergePolicy.merge(newer, into: older)
        #expect(merged.mapValues(\.value) == [.name: "Ada", .phone: "+442", .email: "a@x.io"])
        #expect(changes.map(\.field) == [.email, .phone] && changes.allSatisfy { $0.cause == .merge && $0.source == .directory })
    }

    @Test func identitiesJoinTransitivelyByEmailPhoneOrExternalIDWithAReasonForEachJoin() {
        var matcher = IdentityMatcher()
        let zendesk = ProfileIdentity(source: .zendesk, sourceID: "1", email: "ada@example.com")
        let directory = ProfileIdentity(source: .directory, sourceID: "wac_1", phone: "+447700900123")
        let whatsapp = ProfileIdentity(source: .whatsapp, sourceID: "447700900123", email: "ada@example.com", phone: "+447700900123")
        let consonance = ProfileIdentity(source: .consonance, sourceID: "c:7", externalID: "AUTH-7")
        let stranger = ProfileIdentity(source: .zendesk, sourceID: "2", email: "bob@example.com")
        #expect(matcher.add(zendesk).isEmpty)
        #expect(matcher.add(directory).isEmpty)
        #expect(matcher.add(consonance).isEmpty)
        #expect(matcher.add(stranger).isEmpty)
        #expect(matcher.groupCount() == 4)
        let joins = matcher.add(whatsapp)
        #expect(joins == [MergeReason(rule: .email, value: "ada@example.com", identity: whatsapp.key, matched: zendesk.key),
                          MergeReason(rule: .phone, value: "+447700900123", identity: whatsapp.key, matched: directory.key)])
        #expect(matcher.groupCount() == 3)
        // Zendesk 1 later gets the external id: the Consonance person joins the same profile.
        let more = matcher.add(ProfileIdentity(source: .zendesk, sourceID: "1", externalID: "AUTH-7"))
        #expect(more == [MergeReason(rule: .externalID, value: "AUTH-7", identity: zendesk.key, matched: consonance.key)])
        #expect(matcher.group(of: consonance.key) == matcher.group(of: directory.key))
        #expect(matcher.groups() == [[consonance.key, directory.key, whatsapp.key, zendesk.key], [stranger.key]])
        #expect(ProfileMatchKeys.email(" Ada@Example.com ") == "ada@example.com" && ProfileMatchKeys.email("nope") == nil)
    }
}

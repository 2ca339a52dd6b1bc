import Foundation
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Profiles ↔ Zendesk users (issue 6 B.3) end to end over HTTP against the Zendesk sandbox: a change from another
/// source updates the Zendesk user exactly once, the mirror's copy of that update is recognised as an echo, real
/// Zendesk changes flow in (when Zendesk may write the field) and are never pushed back.
@Suite("Profile sync with Zendesk users end to end")
struct ProfileZendeskSyncTests {
    typealias H = ProfileZendeskSyncHarness

    @Test("directory change → one Zendesk update → echo ignored; Zendesk change flows in and is not pushed back; unchecked field keeps its value",
          arguments: TestDatabase.available)
    func noEchoLoop(database: TestDatabase) async throws {
        try await H.with(database) { h in
            let userID = try await h.createUser(name: "Ada Zendesk-Original", email: "ada.sync@example.com", phone: "+442071838750")
            try await h.mirrorSync()
            try await h.eventually("the Zendesk user to become a profile") { try await h.profile(zendeskUser: userID) != nil }
            let seenVersion = try requireValue(try await h.seen(userID)?.version, "the user's version")
            let before = try requireValue(try await h.profile(zendeskUser: userID), "the profile")
            #expect(before.fields[.name]?.value == "Ada Zendesk-Original")
            #expect(before.fields[.name]?.provenance.source == .zendesk)
            try await h.settle()
            #expect(h.userUpdates(userID) == 0, "Zendesk's own values are never pushed back")

            // The contacts directory changes the person's name and phone (matched by email), after Zendesk's version.
            let directoryTime = seenVersion + 1
            let result = try await h.profiles.ingest(try ProfileActivity(
                source: .directory, activityID: "contact:wac_ada:\(directoryTime)", identity: "wac_ada", occurredAt: directoryTime,
                values: [.email: "ada.sync@example.com", .name: "Ada Directory", .phone: "+44 7700 900123"]))
            #expect(result.profileID == before.id)
            #expect(Set(result.changes.map(\.field)) == [.name, .phone])

            try await h.eventually("Switchboard's update of the Zendesk user") { h.userUpdates(userID) == 1 }
            try await h.settle()
            #expect(h.userUpdates(userID) == 1, "exactly one update")
            let pushedUser = try await h.user(userID)
            #expect(pushedUser["name"] as? String == "Ada Directory")
            #expect(pushedUser["phone"] as? String == "+447700900123")
            #expect(pushedUser["email"] as? String == "ada.sync@example.com", "email is never pushed")
            var pushes = try await h.pushes(userID)
            #expect(pushes[.name]?.state == .sent)
            #expect(pushes[.phone]?.state == .sent)

            // The mirror brings the updated user back: an echo, not a Zendesk change.
            try await h.mirrorSync()
            try await h.eventually("the echo to be recognised") { try await h.pushes(userID)[.name]?.state == .echoed }
            try await h.settle()
            pushes = try await h.pushes(userID)
            #expect(pushes[.phone]?.state == .echoed)
            #expect(h.userUpdates(userID) == 1, "the echo produced no second update")
            var profile = try requireValue(try await h.profile(zendeskUser: userID), "the profile")
            #expect(profile.fields[.name]?.value == "Ada Directory")
            #expect(profile.fields[.name]?.provenance.source == .directory, "provenance stays with the source whose change was pushed")
            #expect(profile.fields[.phone]?.provenance.source == .directory)
            #expect(profile.fields[.email]?.provenance.source == .directory, "the echo moves no provenance to zendesk, not even of fields the push did not touch")
            let nameHistory = try await h.history(profile.id, field: .name)
            #expect(nameHistory.map(\.change.source) == [.zendesk, .directory], "one change for the pushed field, none for its echo")
            #expect(nameHistory.last?.change.newValue == "Ada Directory")

            // A person changes the name in Zendesk: it flows into the profile and is not pushed back.
            try await h.waitPast(directoryTime)
            try await h.agentUpdate(userID, ["name": "Ada Lovelace"])
            try await h.mirrorSync()
            try await h.eventually("the Zendesk change to reach the profile") {
                try await h.profile(zendeskUser: userID)?.fields[.name]?.value == "Ada Lovelace"
            }
            try await h.settle()
            profile = try requireValue(try await h.profile(zendeskUser: userID), "the profile")
            #expect(profile.fields[.name]?.provenance.source == .zendesk)
            #expect(h.userUpdates(userID) == 2, "the agent's update only; nothing pushed back")
            #expect(try await h.history(profile.id, field: .name).map(\.change.newValue) == ["Ada Zendesk-Original", "Ada Directory", "Ada Lovelace"])

            // Zendesk may no longer write the phone: a phone change there leaves the profile's value and provenance.
            try await h.profiles.setPermissions(.except([.phone]), source: .zendesk)
            try await h.waitPast(try requireValue(try await h.seen(userID)?.version, "the user's version"))  // a new Zendesk version, not the same second
            try await h.agentUpdate(userID, ["phone": "+14155550100"])
            try await h.mirrorSync()
            try await h.eventually("the mirror's new version to be fed") { try await h.seen(userID)?.fields[.phone] == "+14155550100" }
            try await h.settle()
            profile = try requireValue(try await h.profile(zendeskUser: userID), "the profile")
            #expect(profile.fields[.phone]?.value == "+447700900123")
            #expect(profile.fields[.phone]?.provenance.source == .directory)
            #expect(try await h.history(profile.id, field: .phone).map(\.change.source) == [.zendesk, .directory])
            #expect(h.userUpdates(userID) == 3, "the agent's phone update only")
            #expect((try await h.user(userID))["phone"] as? String == "+14155550100", "Switchboard does not overwrite it either")
        }
    }

    @Test("the per-connection switch off: profile changes are not pushed", arguments: TestDatabase.available)
    func switchOff(database: TestDatabase) async throws {
        try await H.with(database) { h in
            let userID = try await h.createUser(name: "Grace Original", email: "grace.sync@example.com")
            try await h.mirrorSync()
            try await h.eventually("the Zendesk user to become a profile") { try await h.profile(zendeskUser: userID) != nil }
            let version = try requireValue(try await h.seen(userID)?.version, "the user's version")
            #expect(try await ZendeskProfileSyncSwitch.set(false, connection: "default", store: h.store))
            #expect(try await h.store.session { try await ZendeskProfileSyncSwitch.isOn(connection: "default", in: $0) } == false)
            let result = try await h.profiles.ingest(try ProfileActivity(
                source: .whatsapp, activityID: "inbound:grace:\(version + 1)", identity: "447700900555", occurredAt: version + 1,
                values: [.email: "grace.sync@example.com", .name: "Grace Hopper"]))
            #expect(result.changes.map(\.field) == [.name])
            try await h.settle()
            #expect(h.userUpdates(userID) == 0)
            #expect((try await h.user(userID))["name"] as? String == "Grace Original")

            // Back on: the next change is pushed.
            #expect(try await ZendeskProfileSyncSwitch.set(true, connection: "default", store: h.store))
            _ = try await h.profiles.ingest(try ProfileActivity(
                source: .whatsapp, activityID: "inbound:grace:\(version + 2)", identity: "447700900555", occurredAt: version + 2,
                values: [.name: "Grace B. Hopper"]))
            try await h.eventually("the update") { h.userUpdates(userID) == 1 }
            try await h.settle()
            #expect((try await h.user(userID))["name"] as? String == "Grace B. Hopper")
            #expect(h.userUpdates(userID) == 1)
        }
    }
}

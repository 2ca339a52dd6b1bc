import Foundation
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// `switchboard profiles …` as a real process on a temporary database: rebuild from the Zendesk mirror and the
/// contacts directory (twice: the second changes nothing), list, show with provenance, explain the join, history,
/// per-source permissions, and clear errors for unknown fields, sources and profiles.
@Suite struct ProfilesCLITests {
    @Test func rebuildInspectExplainAndSetPermissions() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let added = try await home.run(["contacts", "add", "Bo Editor", "--phone", "+44 7700 900555", "--email", "BO@example.com"])
        #expect(added.succeeded, "\(added.stderr)")
        try await home.withStore { store in
            try await store.transaction { session in
                _ = try await session.upsertUsers([MirrorUser(id: 77, name: "Robert Editor", email: "bo@example.com", phone: "not a phone", externalID: "ED-1",
                                                              timeZone: "London", createdAt: 100, updatedAt: 200, version: 200)], connection: "default", now: 300)
            }
        }

        let rebuilt = try await home.run(["profiles", "rebuild"])
        #expect(rebuilt.succeeded, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("zendesk: 1 records, 1 new activities"), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("directory: 1 records, 1 new activities, 0 unchanged, 1 joins"), "\(rebuilt.stdout)")
        #expect(rebuilt.stdout.contains("1 profiles from 2 identities."), "\(rebuilt.stdout)")
        let again = try await home.run(["profiles", "rebuild", "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((summary["sources"] as? [[String: Any]])?.allSatisfy { $0["ingested"] as? Int == 0 } == true, "\(again.stdout)")

        let list = try await home.run(["profiles", "list", "--email", "bo@EXAMPLE.com"])
        #expect(list.succeeded, "\(list.stderr)")
        let id = try #require(list.stdout.firstMatch(of: /(prf_[0-9a-f]+)/).map { String($0.1) }, "\(list.stdout)")
        #expect(list.stdout.contains("+447700900555"))

        let shown = try await home.run(["profiles", "show", id])
        #expect(shown.succeeded, "\(shown.stderr)")
        let rows = shown.stdout.split(separator: "\n").map(String.init)
        // The directory contact was written after the mirrored user (now vs. 200), so its name wins; the bad phone was dropped.
        #expect(rows.contains { $0.contains("name") && $0.contains("Bo Editor") && $0.contains("directory") }, "\(shown.stdout)")
        #expect(rows.contains { $0.contains("external_id") && $0.contains("ED-1") && $0.contains("zendesk") }, "\(shown.stdout)")
        #expect(rows.contains { $0.contains("time_zone") && $0.contains("London") })
        #expect(!shown.stdout.contains("not a phone"))

        let explained = try await home.run(["profiles", "explain", id])
        #expect(explained.stdout.contains("matched zendesk:default:77: same email bo@example.com"), "\(explained.stdout)")
        let history = try await home.run(["profiles", "history", id, "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])["history"] as? [[String: Any]]
        #expect(entries?.contains { $0["field"] as? String == "name" && $0["old_value"] as? String == "Robert Editor" && $0["new_value"] as? String == "Bo Editor" } == true)

        let denied = try await home.run(["profiles", "permissions", "zendesk", "--deny", "phone, name"])
        #expect(denied.succeeded, "\(denied.stderr)")
        #expect(denied.stdout.contains("zendesk: all fields except name, phone"), "\(denied.stdout)")
        let none = try await home.run(["profiles", "permissions", "consonance", "--none"])
        #expect(none.stdout.contains("consonance: no fields"))
        let all = try await home.run(["profiles", "permissions"])
        #expect(all.stdout.contains("directory: all fields") && all.stdout.contains("zendesk: all fields except name, phone") && all.stdout.contains("consonance: no fields"), "\(all.stdout)")
        let allowed = try await home.run(["profiles", "permissions", "whatsapp", "--allow", "phone", "--json"])
        let permissions = try #require(try JSONSerialization.jsonObject(with: Data(allowed.stdout.utf8)) as? [[String: Any]])
        #expect(permissions.first?["writable_fields"] as? [String] == ["phone"])
        let stored = try await home.withStore { store in try await store.session { try await $0.profilePermissions() } }
        #expect(stored[.zendesk] == .except([.name, .phone]))

        let badField = try await home.run(["profiles", "permissions", "zendesk", "--deny", "shoe_size"])
        #expect(badField.status != 0)
        #expect(badField.stderr.contains("\"shoe_size\" is not a profile field (fields: first_name"), "\(badField.stderr)")
        let badSource = try await home.run(["profiles", "permissions", "Not A Source!", "--all"])
        #expect(badSource.status != 0 && badSource.stderr.contains("is not a source name"), "\(badSource.stderr)")
        let twoModes = try await home.run(["profiles", "permissions", "zendesk", "--all", "--none"])
        #expect(twoModes.status != 0 && twoModes.stderr.contains("choose one of"))
        let missing = try await home.run(["profiles", "show", "prf_nope"])
        #expect(missing.status != 0 && missing.stderr.contains("no profile prf_nope"), "\(missing.stderr)")
    }
}

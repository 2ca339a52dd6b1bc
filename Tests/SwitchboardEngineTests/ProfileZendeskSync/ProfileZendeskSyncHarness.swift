import ConnectorKit
import Foundation
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport
import ZendeskKit

/// A Zendesk sandbox and a Switchboard node (SQLite or PostgreSQL) with the profile-zendesk-sync recipe enabled and
/// a short profile-sync interval. Tests change profiles through ``PeopleProfiles``, run mirror passes over HTTP, act
/// as a Zendesk agent through the sandbox's API, and read the sandbox's request log and users back.
final class ProfileZendeskSyncHarness: ZendeskNodeHarness {
    let fixture: ZendeskNodeFixture
    let profiles: PeopleProfiles

    static func with<T>(_ database: TestDatabase, _ body: (ProfileZendeskSyncHarness) async throws -> T) async throws -> T {
        try await withShutdown(try await ProfileZendeskSyncHarness(database), body)
    }

    private init(_ database: TestDatabase) async throws {
        var runtime = RuntimeConfiguration(node: "profiles", concurrency: 2, pollInterval: .milliseconds(50))
        runtime.profileSyncInterval = .milliseconds(100)
        fixture = try await ZendeskNodeFixture(
            database, name: "profile-zendesk-sync", tickets: 2, seed: 11,
            recipe: "profile-zendesk-sync", settings: ["backoff": "100ms", "max_delay": "1s"], adminToken: "profile-sync-admin", runtime: runtime)
        profiles = PeopleProfiles(store: fixture.store)
    }

    /// One pass of the mirror over HTTP (what `switchboard sync zendesk` and the node's mirror service run).
    func mirrorSync() async throws {
        _ = try await ZendeskMirrorSync(store: store, configuration: ZendeskConfiguration(baseURL: zendeskURL, credentials: .apiToken(email: ZendeskNodeFixture.zendeskEmail, token: ZendeskNodeFixture.zendeskToken)),
                                        transport: transport, connection: "default", options: .init(includeComments: false)).run()
    }

    // MARK: Zendesk, over its API

    func createUser(name: String, email: String, phone: String? = nil) async throws -> Int64 {
        var user: [String: Any] = ["name": name, "email": email, "role": "end-user"]
        if let phone { user["phone"] = phone }
        let created = try await zendeskCall("POST", "/api/v2/users.json", ["user": user])["user"] as? [String: Any]
        return try requireValue((created?["id"] as? NSNumber)?.int64Value, "a user id")
    }

    /// A person changing the user in Zendesk (the test's own request, not Switchboard's).
    func agentUpdate(_ id: Int64, _ fields: [String: Any]) async throws {
        _ = try await zendeskCall("PUT", "/api/v2/users/\(id).json", ["user": fields])
    }

    func user(_ id: Int64) async throws -> [String: Any] {
        try await zendeskCall("GET", "/api/v2/users/\(id).json")["user"] as? [String: Any] ?? [:]
    }

    /// `PUT /users/{id}` requests the sandbox received (Switchboard's and the test's own).
    func userUpdates(_ id: Int64) -> Int {
        zendesk.requestLog().filter { $0.method == "PUT" && ($0.path == "/api/v2/users/\(id).json" || $0.path == "/api/v2/users/\(id)") }.count
    }

    // MARK: Switchboard

    func profile(zendeskUser id: Int64) async throws -> ProfileDetail? {
        guard let identity = try await store.session({ try await $0.storedIdentity(source: .zendesk, sourceID: "default:\(id)") }) else { return nil }
        return try await profiles.profile(id: identity.profileID)
    }

    func history(_ profileID: String, field: ProfileField) async throws -> [ProfileHistoryEntry] {
        (try await profiles.history(id: profileID) ?? []).filter { $0.change.field == field }
    }

    func pushes(_ id: Int64) async throws -> [ProfileField: ZendeskPush] {
        Dictionary(uniqueKeysWithValues: try await store.session { try await $0.zendeskPushes(connection: "default", userID: id) }.map { ($0.push.field, $0.push) })
    }

    func seen(_ id: Int64) async throws -> (version: Int64, fields: [ProfileField: String])? {
        try await store.session { try await $0.zendeskSeenVersions(connection: "default", userIDs: [id]) }[id]
    }

    /// Whether every history entry has been relayed and every run has finished.
    func quiet() async throws -> Bool {
        try await store.session { session in
            let relayed = try await session.cursor(connection: ProfileChangeRelay.cursorConnection, stream: ProfileChangeRelay.cursorStream).flatMap { Int64($0.state) } ?? 0
            let last = try await session.profileHistory(afterSeq: relayed, limit: 1)
            let runs = try await session.runCounts()
            return last.isEmpty && runs.filter { !["succeeded", "failed", "dead"].contains($0.key) }.isEmpty
        }
    }

    /// Poll `condition` until it holds (deadline 20 s), then once more after the node has had time for a few more
    /// profile-sync ticks, so "nothing else happened" is judged after the node had its chance.
    func eventually(_ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("timed out waiting for \(what)")
    }

    /// Wait until the node has relayed everything and finished its runs, and stayed so for a few ticks.
    func settle() async throws {
        try await eventually("the profile sync to settle") { try await quiet() }
        try await Task.sleep(for: .milliseconds(400))
        try await eventually("the profile sync to settle again") { try await quiet() }
    }

    /// Sleep until the wall clock is past `second` (Unix seconds), so the next Zendesk change is strictly newer.
    func waitPast(_ second: Int64) async throws {
        while Int64(Date().timeIntervalSince1970) <= second { try await Task.sleep(for: .milliseconds(50)) }
    }
}

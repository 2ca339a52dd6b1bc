import ConnectorKit
import Foundation
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import ZendeskKit

/// Unified profiles end to end over real HTTP: a Zendesk user synced from the sandbox into the mirror and a
/// directory contact with the same phone become one profile (the join explained), and the admin API shows fields
/// with provenance, history and identities, ingests activities idempotently under per-source permissions, and
/// refuses bad input with the field at fault.
@Suite struct ProfilesAPITests {
    static let token = "profiles-admin"

    struct API {
        let base: String

        func call(_ method: String, _ path: String, json: String? = nil, token: String? = ProfilesAPITests.token) async throws -> (Int, [String: Any]) {
            var headers: [String: String] = [:]
            if let token { headers["Authorization"] = "Bearer \(token)" }
            if json != nil { headers["Content-Type"] = "application/json" }
            let response = try await TestHTTP.request(method, base + path, headers: headers, body: json.map { Array($0.utf8) })
            return (response.status, response.json as? [String: Any] ?? [:])
        }
    }

    @Test(arguments: TestDatabase.available)
    func profilesFromTheMirrorAndTheDirectoryAreInspectedAndFedOverHTTP(_ database: TestDatabase) async throws {
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        defer { Task { try? await transport.shutdown() } }
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 20)) { sandbox, baseURL in
            try await database.withStore { store in
                // A Zendesk user in the sandbox, mirrored over HTTP; a directory contact with the same phone.
                let userID = try sandbox.createUser(name: "Ada Author", email: "Ada@Example.com")
                try sandbox.updateUser(id: userID, phone: "+44 7700 900123")
                let configuration = ZendeskConfiguration(baseURL: baseURL, credentials: .apiToken(email: "admin@example.com", token: "sandbox-token"),
                                                         retryPolicy: RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50)),
                                                         exportBudget: .unlimited, requestTimeout: .seconds(10))
                _ = try await ZendeskMirrorSync(store: store, configuration: configuration, transport: transport, connection: "default").run()
                let contact = try await store.session {
                    try await $0.upsertContact(ContactDetails(name: "Ada A.", phone: try PhoneNumber(parsing: "+447700900123")), now: 4_000_000_000)
                }.contact
                let reports = try await ProfileFeeders(profiles: PeopleProfiles(store: store)).rebuild()
                #expect(reports.first { $0.source == .zendesk }?.records ?? 0 > 1)
                #expect(reports.first { $0.source == .directory }?.merges == 1)
                let again = try await ProfileFeeders(profiles: PeopleProfiles(store: store)).rebuild()
                #expect(again.allSatisfy { $0.ingested == 0 }, "a second rebuild ingests nothing: \(again)")

                var logger = Logger(label: "profiles-tests")
                logger.logLevel = .critical
                let port = TestHTTP.freePort()
                let node = try await SwitchboardNode(
                    store: store, flows: FlowRegistry([]), secrets: nil,
                    server: ServerConfiguration(host: "127.0.0.1", port: port, adminToken: Self.token),
                    runtime: RuntimeConfiguration(node: "profiles", concurrency: 1, pollInterval: .milliseconds(200)), transport: transport, logger: logger).start()
                do {
                    try await exercise(API(base: "http://127.0.0.1:\(port)/api"), userID: userID, contactID: contact.id)
                    let spec = try await TestHTTP.get("http://127.0.0.1:\(port)/openapi.yaml")
                    #expect(spec.body.contains("/api/profiles/{id}/history:") && spec.body.contains("/api/profiles/permissions/{source}:"))
                } catch {
                    await node.stop()
                    throw error
                }
                await node.stop()
            }
        }
    }

    func exercise(_ api: API, userID: Int64, contactID: String) async throws {
        #expect(try await api.call("GET", "/profiles", token: nil).0 == 401)

        let (status, found) = try await api.call("GET", "/profiles?email=%20ADA@example.com")
        #expect(status == 200)
        let summaries = found["profiles"] as? [[String: Any]] ?? []
        #expect(summaries.count == 1)
        let id = try #require(summaries.first?["id"] as? String)
        #expect(summaries.first?["identities"] as? Int == 2)
        #expect((try await api.call("GET", "/profiles?phone=0044%207700%20900123").1["profiles"] as? [[String: Any]])?.first?["id"] as? String == id)
        #expect(try await api.call("GET", "/profiles?phone=12").0 == 400)

        let profile = try await api.call("GET", "/profiles/\(id)").1
        let fields = profile["fields"] as? [String: [String: Any]] ?? [:]
        #expect(fields["email"]?["value"] as? String == "ada@example.com")
        #expect((fields["email"]?["provenance"] as? [String: Any])?["source"] as? String == "zendesk")
        // The directory contact was written later than the Zendesk user, so its name wins.
        #expect(fields["name"]?["value"] as? String == "Ada A.")
        #expect((fields["name"]?["provenance"] as? [String: Any])?["source"] as? String == "directory")
        let identities = profile["identities"] as? [[String: Any]] ?? []
        #expect(Set(identities.map { "\($0["source"] ?? ""):\($0["source_id"] ?? "")" }) == ["zendesk:default:\(userID)", "directory:\(contactID)"])
        let merges = profile["merges"] as? [[String: Any]] ?? []
        #expect(merges.count == 1)
        #expect(merges.first?["rule"] as? String == "phone" && merges.first?["value"] as? String == "+447700900123")
        #expect(merges.first?["identity"] as? String == "directory:\(contactID)" && merges.first?["matched"] as? String == "zendesk:default:\(userID)")
        #expect(try await api.call("GET", "/profiles/prf_nope").0 == 404)

        // Zendesk may no longer write the phone; a newer Zendesk activity changes the name but not the phone.
        let (putStatus, put) = try await api.call("PUT", "/profiles/permissions/zendesk", json: #"{"mode":"except","fields":["phone"]}"#)
        #expect(putStatus == 200)
        #expect(put["mode"] as? String == "except" && put["fields"] as? [String] == ["phone"])
        #expect((try await api.call("GET", "/profiles/permissions/zendesk").1["writable_fields"] as? [String])?.contains("phone") == false)
        #expect((try await api.call("GET", "/profiles/permissions").1["permissions"] as? [[String: Any]])?.count == 4)
        let activity = #"{"source":"zendesk","activity_id":"user-\#(userID)-2","identity":"default:\#(userID)","occurred_at":"2099-01-01T00:00:00Z","fields":{"name":"Ada Byron","phone":"+447700900999","notes":null}}"#
        let (created, ingest) = try await api.call("POST", "/profiles/activities", json: activity)
        #expect(created == 201)
        #expect(ingest["profile_id"] as? String == id)
        #expect(ingest["denied_fields"] as? [String] == ["phone"])
        let changes = ingest["changes"] as? [[String: Any]] ?? []
        #expect(changes.count == 1 && changes.first?["field"] as? String == "name" && changes.first?["new_value"] as? String == "Ada Byron"
                && changes.first?["old_value"] as? String == "Ada A." && changes.first?["source"] as? String == "zendesk")
        let (repeated, duplicate) = try await api.call("POST", "/profiles/activities", json: activity)
        #expect(repeated == 200 && duplicate["duplicate"] as? Bool == true && (duplicate["changes"] as? [Any])?.isEmpty == true)

        let history = try await api.call("GET", "/profiles/\(id)/history").1["history"] as? [[String: Any]] ?? []
        #expect(history.last?["field"] as? String == "name" && history.last?["new_value"] as? String == "Ada Byron" && history.last?["activity_id"] as? String == "user-\(userID)-2")
        #expect(history.filter { $0["new_value"] as? String == "Ada Byron" }.count == 1)
        #expect(try await api.call("GET", "/profiles/prf_nope/history").0 == 404)

        // Bad input: the field at fault, nothing written.
        let unknownField = try await api.call("POST", "/profiles/activities", json: #"{"source":"zendesk","activity_id":"x","identity":"1","occurred_at":1,"fields":{"shoe_size":"9"}}"#)
        #expect(unknownField.0 == 400 && unknownField.1["field"] as? String == "field" && (unknownField.1["error"] as? String)?.contains("shoe_size") == true)
        let badSource = try await api.call("POST", "/profiles/activities", json: #"{"source":"Not A Source!","activity_id":"x","identity":"1","occurred_at":1,"fields":{}}"#)
        #expect(badSource.0 == 400 && badSource.1["field"] as? String == "source")
        let badPhone = try await api.call("POST", "/profiles/activities", json: #"{"source":"zendesk","activity_id":"x","identity":"1","occurred_at":1,"fields":{"phone":"12"}}"#)
        #expect(badPhone.0 == 400 && badPhone.1["field"] as? String == "phone")
        #expect(try await api.call("POST", "/profiles/activities", json: "[1,2]").0 == 400)
        #expect(try await api.call("POST", "/profiles/activities", json: #"{"source":"zendesk","activity_id":"x","identity":"1","fields":{}}"#).1["field"] as? String == "occurred_at")
        #expect(try await api.call("PUT", "/profiles/permissions/zendesk", json: #"{"mode":"some"}"#).0 == 400)
        #expect(try await api.call("PUT", "/profiles/permissions/zendesk", json: #"{"mode":"only","fields":["shoe_size"]}"#).1["field"] as? String == "field")
        #expect((try await api.call("GET", "/profiles").1["profiles"] as? [Any])?.isEmpty == false)
    }
}

import ConnectorKit
import Foundation
import LooseJSON
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport
import WhatsAppKit

/// The Zendesk sandbox, the WhatsApp sandbox and a Switchboard node (SQLite or PostgreSQL) with the
/// conversation-sync recipe: contacts write through the WhatsApp sandbox's signed webhooks, agents comment in the
/// Zendesk sandbox, whose signed `ticket.comment_added` webhooks (delivered twice each) reach the node, and what
/// reached the contact's phone is read back from the WhatsApp sandbox.
final class ConversationReplyHarness: Sendable {
    static let adminToken = "reply-admin-token"
    static let basic = "Basic " + Data("admin@example.com/token:sandbox-token".utf8).base64EncodedString()

    let zendesk: ZendeskSandbox
    let zendeskURL: String
    let whatsapp: WhatsAppSandbox
    let store: Store
    let flows: FlowRegistry
    let transport: AsyncHTTPTransport
    let node: RunningNode
    let folder: String

    var nodeURL: String { "http://127.0.0.1:\(node.port)" }

    static func with<T>(_ database: TestDatabase, _ body: (ConversationReplyHarness) async throws -> T) async throws -> T {
        let harness = try await ConversationReplyHarness(database)
        do {
            let result = try await body(harness)
            await harness.shutdown()
            return result
        } catch {
            await harness.shutdown()
            throw error
        }
    }

    private init(_ database: TestDatabase) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("conversation-replies-\(UUID().uuidString)").path
        let zendesk = ZendeskSandbox(configuration: SandboxHarness.testConfiguration(tickets: 2, seed: 7))
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        self.zendesk = zendesk
        self.transport = transport
        var store: Store?
        var whatsapp: WhatsAppSandbox?
        var running: RunningNode?
        do {
            zendeskURL = "http://127.0.0.1:\(try await zendesk.start())"
            // Every webhook is delivered twice: the node must send each reply once all the same.
            var delivery = WebhookDeliveryOptions.fastForTests
            delivery.duplicateProbability = 1
            zendesk.setWebhookDelivery(delivery)
            let opened = try await Store.open(database.freshLocation())
            store = opened
            self.store = opened
            let secrets = SecretBox(masterKey: try MasterKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "test"))
            let flowsFolder = (folder as NSString).appendingPathComponent("flows")
            try Recipes.enable(try Recipes.named("conversation-sync"), values: ["backoff": "100ms", "max_delay": "1s", "max_attempts": "30"], into: flowsFolder)
            flows = try FlowRegistry.load(path: flowsFolder)
            try await ZendeskConnections(store: opened, secrets: secrets).connect(
                name: "default", baseURL: zendeskURL, credentials: .apiToken(email: "admin@example.com", token: "sandbox-token"),
                settings: ZendeskConnectionSettings(), transport: transport)
            let port = TestHTTP.freePort()
            let sandbox = try await RecipeHarness.startWhatsApp(callbackURL: "http://127.0.0.1:\(port)/webhooks/whatsapp/whatsapp", store: opened, secrets: secrets)
            whatsapp = sandbox
            self.whatsapp = sandbox
            var logger = Logger(label: "conversation-replies")
            logger.logLevel = .critical
            let node = try await SwitchboardNode(
                store: opened, flows: flows, secrets: secrets,
                server: ServerConfiguration(host: "127.0.0.1", port: port, adminToken: Self.adminToken, publicURL: "http://127.0.0.1:\(port)"),
                runtime: RuntimeConfiguration(node: "replies", concurrency: 4, pollInterval: .milliseconds(50)),
                transport: transport, logger: logger).start()
            running = node
            self.node = node
            let webhook = try zendesk.createWebhook(name: "Switchboard", endpoint: "http://127.0.0.1:\(port)/webhooks/zendesk/default",
                                                    subscriptions: ["zen:event-type:ticket.comment_added"])
            try await ZendeskConnections(store: opened, secrets: secrets).saveWebhookSecret(webhook.secret, connection: "default")
        } catch {
            await running?.stop()
            await whatsapp?.stop()
            await store?.close()
            await zendesk.stop()
            try? await transport.shutdown()
            throw error
        }
    }

    func shutdown() async {
        await node.stop()
        await store.close()
        await zendesk.stop()
        await whatsapp.stop()
        try? await transport.shutdown()
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: Switchboard

    @discardableResult
    func admin(_ method: String, _ path: String, _ json: [String: Any]? = nil) async throws -> [String: Any] {
        let response = try await TestHTTP.request(method, nodeURL + path, headers: ["Authorization": "Bearer \(Self.adminToken)", "Content-Type": "application/json"],
                                                  body: try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) })
        guard (200..<300).contains(response.status) else { throw HarnessError("\(method) \(path): \(response.status) \(response.body)") }
        return response.json as? [String: Any] ?? [:]
    }

    /// The WhatsApp conversation of `waID`, once its first message is recorded.
    func conversation(waID: String) async throws -> [String: Any] {
        var found: [String: Any]?
        _ = try await eventually {
            let list = try await admin("GET", "/api/conversations?channel=whatsapp")["conversations"] as? [[String: Any]] ?? []
            found = list.first { $0["external_id"] as? String == "whatsapp:\(waID)" }
            return found != nil
        }
        guard let id = found?["id"] as? String else { throw HarnessError("no WhatsApp conversation with \(waID)") }
        return try await admin("GET", "/api/conversations/\(id)")
    }

    func ticketID(_ conversation: [String: Any]) throws -> Int64 {
        try requireValue((conversation["tickets"] as? [[String: Any]])?.first.flatMap { ($0["ticket_id"] as? NSNumber)?.int64Value }, "a ticket")
    }

    /// A message from `waID` whose timestamp is `age` ago, signed with the app secret and posted to the node's
    /// WhatsApp webhook as Meta would (the sandbox itself only sends messages stamped now).
    func receiveOld(from waID: String, text: String, age: TimeInterval) async throws {
        let stamp = Int(Date().timeIntervalSince1970 - age)
        let body = """
            {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
            "metadata":{"display_phone_number":"15550000000","phone_number_id":"\(whatsapp.configuration.phoneNumberID)"},\
            "contacts":[{"profile":{"name":"Old Reader"},"wa_id":"\(waID)"}],\
            "messages":[{"from":"\(waID)","id":"wamid.old-\(UUID().uuidString)","timestamp":"\(stamp)","type":"text","text":{"body":"\(text)"}}]}}]}]}
            """
        let bytes = Array(body.utf8)
        let response = try await TestHTTP.request("POST", nodeURL + "/webhooks/whatsapp/whatsapp", headers: [
            "Content-Type": "application/json",
            "X-Hub-Signature-256": WhatsAppWebhookVerifier.signatureHeaderValue(appSecret: whatsapp.configuration.appSecret, body: bytes),
        ], body: bytes)
        guard response.status == 200 else { throw HarnessError("old message refused: \(response.status) \(response.body)") }
    }

    /// Put `waID` in the contacts directory, opted in (a template outside the window needs the opt-in).
    func optIn(waID: String, name: String) async throws {
        let now = Int64(Date().timeIntervalSince1970) - 3600 * 48
        try await store.session { session in
            let contact = try await session.upsertContact(ContactDetails(name: name, phone: try PhoneNumber(waID: waID), waID: waID), now: now).contact
            _ = try await session.optInContact(id: contact.id, at: now)
        }
    }

    /// Wait until every webhook is delivered and every run has finished; fail on a failed or dead run.
    func settle(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            _ = await zendesk.waitForDeliveries(timeout: .seconds(10))
            _ = await whatsapp.waitUntilIdle(timeout: .seconds(10))
            let counts = try await store.session { try await $0.runCounts() }
            if counts.filter({ !["succeeded", "failed", "dead"].contains($0.key) }).isEmpty {
                try await Task.sleep(for: .milliseconds(200))
                let again = try await store.session { try await $0.runCounts() }
                if again == counts, await zendesk.waitForDeliveries(timeout: .milliseconds(10)) {
                    guard counts.filter({ $0.key != "succeeded" }).isEmpty else { throw HarnessError("runs did not all succeed: \(counts)") }
                    return
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("runs did not finish in time: \(try await store.session { try await $0.runCounts() })")
    }

    func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    /// The outputs of a flow's runs' first step, oldest first.
    func outputs(_ flow: String) async throws -> [JSONValue] {
        try await store.session { session in
            var outputs: [(Int64, JSONValue)] = []
            for run in try await session.runs(flow: flow, limit: 500) {
                if let output = try await session.steps(runID: run.id).first?.output { outputs.append((run.createdAt, output)) }
            }
            return outputs.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    // MARK: Zendesk

    func zendeskCall(_ method: String, _ path: String, _ json: [String: Any]? = nil) async throws -> [String: Any] {
        let response = try await TestHTTP.request(method, zendeskURL + path, headers: ["Authorization": Self.basic, "Content-Type": "application/json"],
                                                  body: try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) })
        guard (200..<300).contains(response.status) else { throw HarnessError("Zendesk \(method) \(path): \(response.status) \(response.body)") }
        return response.json as? [String: Any] ?? [:]
    }

    func createUser(name: String, email: String, role: String = "end-user") async throws -> Int64 {
        let user = try await zendeskCall("POST", "/api/v2/users.json", ["user": ["name": name, "email": email, "role": role]])["user"] as? [String: Any]
        return try requireValue((user?["id"] as? NSNumber)?.int64Value, "a user id")
    }

    /// An agent (or anyone) comments on the ticket in Zendesk; returns the new comment's id.
    @discardableResult
    func comment(_ ticketID: Int64, _ body: String, public isPublic: Bool, author: Int64) async throws -> Int64 {
        let answer = try await zendeskCall("PUT", "/api/v2/tickets/\(ticketID).json", ["ticket": ["comment": ["body": body, "public": isPublic, "author_id": author]]])
        let events = (answer["audit"] as? [String: Any])?["events"] as? [[String: Any]] ?? []
        return try requireValue(events.first { $0["type"] as? String == "Comment" }.flatMap { ($0["id"] as? NSNumber)?.int64Value }, "the comment id")
    }

    func comments(_ id: Int64) async throws -> [ConversationSyncHarness.Comment] {
        let list = try await zendeskCall("GET", "/api/v2/tickets/\(id)/comments.json")["comments"] as? [[String: Any]] ?? []
        return list.map { ConversationSyncHarness.Comment(body: $0["body"] as? String ?? "", isPublic: $0["public"] as? Bool ?? false,
                                                          authorID: ($0["author_id"] as? NSNumber)?.int64Value ?? 0) }
    }

    /// What the WhatsApp sandbox accepted for `waID`, oldest first.
    func sent(to waID: String) -> [WhatsAppSentMessage] { whatsapp.sentMessages(to: waID) }
}

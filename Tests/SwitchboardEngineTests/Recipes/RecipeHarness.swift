import ConnectorKit
import ConsonanceKit
import Foundation
import LooseJSON
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport
import ZendeskKit

/// A Zendesk sandbox, a Consonance sandbox and a Switchboard node between them, wired the way an operator wires
/// production: both connections stored encrypted, recipes enabled as flow files, a signed Zendesk webhook
/// subscription pointing at the node. Everything travels over real HTTP on loopback.
final class RecipeHarness: ShutsDown {
    static let adminToken = "recipe-admin-token"
    static let basic = "Basic " + Data("admin@example.com/token:sandbox-token".utf8).base64EncodedString()

    let zendesk: ZendeskSandbox
    let zendeskURL: String
    let consonance: ConsonanceSandbox
    let consonanceURL: String
    let store: Store
    let secrets: SecretBox
    let transport: AsyncHTTPTransport
    let flows: FlowRegistry
    let node: RunningNode
    let folder: String
    /// A group that exists in the Zendesk sandbox; `$GROUP` in recipe settings is replaced by it.
    let groupID: Int64
    /// The WhatsApp sandbox, when the harness was asked for one (`whatsapp: true`); its signed webhooks go to the
    /// node's `/webhooks/whatsapp/whatsapp`, and the publishing templates are registered as approved.
    let whatsappSandbox: WhatsAppSandbox?

    var nodeURL: String { "http://127.0.0.1:\(node.port)" }

    /// Run `body` with a harness for `recipes` (name → settings), then take everything down.
    static func with<T>(recipes: [String: [String: String]], tickets: Int = 5, works: Int = 30, seed: UInt64 = 21, whatsapp: Bool = false,
                        _ body: (RecipeHarness) async throws -> T) async throws -> T {
        try await withShutdown(try await RecipeHarness(recipes: recipes, tickets: tickets, works: works, seed: seed, whatsapp: whatsapp), body)
    }

    private init(recipes: [String: [String: String]], tickets: Int, works: Int, seed: UInt64, whatsapp: Bool) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-\(UUID().uuidString)").path
        let zendesk = ZendeskSandbox(configuration: SandboxHarness.testConfiguration(tickets: tickets, seed: seed))
        let consonance = ConsonanceSandbox(configuration: ConsonanceSandboxConfiguration(seed: seed, workCount: works, pageSize: 50))
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        var whatsappSandbox: WhatsAppSandbox?
        var store: Store?
        var running: RunningNode?
        self.zendesk = zendesk
        self.consonance = consonance
        self.transport = transport
        // Anything that fails half-way takes down what was started: a transport left running aborts the test process.
        do {
            zendeskURL = "http://127.0.0.1:\(try await zendesk.start())"
            zendesk.setWebhookDelivery(.fastForTests)
            consonanceURL = "http://127.0.0.1:\(try await consonance.start())"
            let opened = try await Store.open(.sqlite(path: (folder as NSString).appendingPathComponent("switchboard.db")))
            store = opened
            self.store = opened
            secrets = SecretBox(masterKey: try MasterKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "test"))
            let flowsFolder = (folder as NSString).appendingPathComponent("flows")
            // "$GROUP" in a setting stands for a group that exists in the sandbox (Zendesk validates group ids).
            let group = try await Self.seededGroup(zendeskURL)
            groupID = group
            for (name, values) in recipes {
                try Recipes.enable(try Recipes.named(name), values: values.mapValues { $0.replacingOccurrences(of: "$GROUP", with: String(group)) }, into: flowsFolder)
            }
            flows = recipes.isEmpty ? FlowRegistry([]) : try FlowRegistry.load(path: flowsFolder)

            let port = TestHTTP.freePort()
            try await ZendeskConnections(store: opened, secrets: secrets).connect(
                name: "default", baseURL: zendeskURL, credentials: .apiToken(email: "admin@example.com", token: "sandbox-token"),
                settings: ZendeskConnectionSettings(), transport: transport)
            try await ConsonanceConnections(store: opened, secrets: secrets).connect(
                host: consonanceURL, apiKey: ConsonanceSandboxConfiguration.defaultAPIKey,
                settings: ConsonanceConnectionSettings(contractProbeGap: 3), transport: transport)
            if whatsapp {
                whatsappSandbox = try await Self.startWhatsApp(callbackURL: "http://127.0.0.1:\(port)/webhooks/whatsapp/whatsapp", store: opened, secrets: secrets)
            }
            self.whatsappSandbox = whatsappSandbox
            var logger = Logger(label: "recipes")
            logger.logLevel = .critical  // Hummingbird reports the cancellation that stops the node as errors
            let node = try await SwitchboardNode(
                store: opened, flows: flows, secrets: secrets,
                server: ServerConfiguration(host: "127.0.0.1", port: port, adminToken: Self.adminToken, publicURL: "http://127.0.0.1:\(port)"),
                runtime: RuntimeConfiguration(node: "recipes", concurrency: 4, pollInterval: .milliseconds(50), followUpInterval: .milliseconds(200)),
                transport: transport, logger: logger).start()
            running = node
            self.node = node
            let webhook = try zendesk.createWebhook(name: "Switchboard", endpoint: "http://127.0.0.1:\(port)/webhooks/zendesk/default",
                                                    subscriptions: ["zen:event-type:ticket.created", "zen:event-type:ticket.tags_changed"])
            try await ZendeskConnections(store: opened, secrets: secrets).saveWebhookSecret(webhook.secret, connection: "default")
        } catch {
            await running?.stop()
            await whatsappSandbox?.stop()
            await store?.close()
            await zendesk.stop()
            await consonance.stop()
            try? await transport.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    func shutdown() async {
        await node.stop()
        await store.close()
        await zendesk.stop()
        await consonance.stop()
        await whatsappSandbox?.stop()
        try? await transport.shutdown()
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: Driving

    /// One Consonance poll, its events starting the recipes' runs (which the node then runs).
    @discardableResult
    func poll() async throws -> ConsonancePollSummary {
        let connection = try await ConsonanceConnections(store: store, secrets: secrets).load()
        return try await ConsonancePoller(store: store, client: connection.client(transport: transport), connection: connection.record.name,
                                          host: connection.record.baseURL, settings: connection.settings, runtime: FlowRuntime(store: store, flows: flows)).poll()
    }

    /// Mirror Zendesk once (the support report reads the mirror's tags).
    func syncMirror() async throws {
        _ = try await ZendeskMirrorSync(store: store, configuration: ZendeskConfiguration(baseURL: zendeskURL, credentials: .apiToken(email: "admin@example.com", token: "sandbox-token")),
                                        transport: transport, connection: "default").run()
    }

    /// A schedule slot for `flow` at `time` (now by default), as the scheduler would ingest it.
    func fireSchedule(_ flow: String, at time: Date = Date()) async throws {
        let slot = ISO8601DateFormatter().string(from: time)
        try await FlowRuntime(store: store, flows: flows).ingest(Event(source: "schedule", type: "slot", externalID: "\(flow)@\(slot)",
                                                                       context: .object(["schedule": .object(["flow": .string(flow), "slot": .string(slot), "timezone": "UTC"])])))
    }

    /// The records service, starting the recipes' runs like the admin API does.
    var records: PublishingRecords { PublishingRecords(store: store, runtime: FlowRuntime(store: store, flows: flows), publicURL: nodeURL) }

    /// Create a ticket through the Zendesk API (as a customer would get one), returning its id.
    func createTicket(subject: String, body: String, requesterEmail: String? = nil, tags: [String] = []) async throws -> Int64 {
        var ticket: [String: Any] = ["subject": subject, "comment": ["body": body], "tags": tags]
        if let requesterEmail { ticket["requester"] = ["email": requesterEmail, "name": requesterEmail] }
        let response = try await TestHTTP.request("POST", zendeskURL + "/api/v2/tickets.json", headers: ["Authorization": Self.basic, "Content-Type": "application/json"],
                                                  body: Array(try JSONSerialization.data(withJSONObject: ["ticket": ticket])))
        guard response.status == 201, let id = ((response.json as? [String: Any])?["ticket"] as? [String: Any])?["id"] as? NSNumber else {
            throw HarnessError("creating a ticket failed: \(response.status) \(response.body)")
        }
        return id.int64Value
    }

    func addTags(_ ticketID: Int64, _ tags: [String]) async throws {
        let response = try await TestHTTP.request("PUT", zendeskURL + "/api/v2/tickets/\(ticketID)/tags.json", headers: ["Authorization": Self.basic, "Content-Type": "application/json"],
                                                  body: Array(try JSONSerialization.data(withJSONObject: ["tags": tags])))
        guard response.status == 200 else { throw HarnessError("adding tags failed: \(response.status) \(response.body)") }
    }

    /// A ticket as the Zendesk API returns it.
    func ticket(_ id: Int64) async throws -> [String: Any] {
        let response = try await TestHTTP.request("GET", zendeskURL + "/api/v2/tickets/\(id).json", headers: ["Authorization": Self.basic])
        return (response.json as? [String: Any])?["ticket"] as? [String: Any] ?? [:]
    }

    static func seededGroup(_ zendeskURL: String) async throws -> Int64 {
        let response = try await TestHTTP.request("GET", zendeskURL + "/api/v2/tickets.json", headers: ["Authorization": Self.basic])
        let tickets = (response.json as? [String: Any])?["tickets"] as? [[String: Any]] ?? []
        guard let group = tickets.compactMap({ ($0["group_id"] as? NSNumber)?.int64Value }).first else { throw HarnessError("no seeded ticket has a group") }
        return group
    }

    func tags(_ id: Int64) async throws -> [String] { try await ticket(id)["tags"] as? [String] ?? [] }

    func comments(_ id: Int64) -> [SandboxCommentSummary] { zendesk.comments(ticketID: id) ?? [] }

    /// Tickets whose subject contains `text`.
    func tickets(subjectContaining text: String) -> [SandboxTicketSummary] {
        zendesk.ticketSummaries().filter { $0.subject.contains(text) }
    }

    /// Wait until every run has finished and every webhook delivery is done; fail on a failed or dead-lettered run.
    func settle(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            _ = await zendesk.waitForDeliveries(timeout: .seconds(10))
            if let whatsappSandbox { _ = await whatsappSandbox.waitUntilIdle(timeout: .seconds(10)) }
            let counts = try await store.session { try await $0.runCounts() }
            let open = counts.filter { !["succeeded", "failed", "dead"].contains($0.key) }.values.reduce(0, +)
            if open == 0 {
                try await Task.sleep(for: .milliseconds(150))
                let again = try await store.session { try await $0.runCounts() }
                if again == counts {
                    let bad = counts.filter { $0.key != "succeeded" }
                    guard bad.isEmpty else { throw HarnessError("runs did not all succeed: \(counts) \(try await failures())") }
                    return
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("runs did not finish in time: \(try await store.session { try await $0.runCounts() })")
    }

    /// Runs of a flow, oldest first.
    func runs(_ flow: String) async throws -> [RunRecord] {
        try await store.session { try await $0.runs(flow: flow, limit: 500) }.sorted { $0.createdAt < $1.createdAt }
    }

    func failures() async throws -> String {
        try await store.session { session in
            var lines: [String] = []
            for run in try await session.runs(limit: 200) where run.status != "succeeded" {
                let steps = try await session.steps(runID: run.id).filter { $0.error != nil }.map { "\($0.stepID): \($0.error ?? "")" }
                lines.append("\(run.flow) \(run.status) \(steps)")
            }
            return lines.joined(separator: "\n")
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import ConnectorKit
import Foundation
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport

/// A Zendesk sandbox and a Switchboard node (SQLite or PostgreSQL) with one recipe enabled as flow files and the
/// `default` Zendesk connection stored encrypted — the setup the feature harnesses (conversation sync, conversation
/// replies, profile ↔ Zendesk sync) share, so each of them keeps only what is specific to its feature.
/// Everything travels over real HTTP on loopback; ``shutdown()`` takes it all down.
final class ZendeskNodeFixture: ShutsDown {
    static let zendeskEmail = "admin@example.com"
    static let zendeskToken = "sandbox-token"
    static let basic = "Basic " + Data("\(zendeskEmail)/token:\(zendeskToken)".utf8).base64EncodedString()

    /// What a harness may start between the store being ready and the node starting (e.g. another sandbox whose
    /// webhooks point at the node, which needs the node's URL and the stored secrets).
    struct Context: Sendable {
        let store: Store
        let secrets: SecretBox
        let transport: AsyncHTTPTransport
        /// The URL the node will listen on once started.
        let nodeURL: String
    }

    let zendesk: ZendeskSandbox
    let zendeskURL: String
    let store: Store
    let secrets: SecretBox
    let transport: AsyncHTTPTransport
    let flows: FlowRegistry
    let node: RunningNode
    let folder: String
    let adminToken: String

    var nodeURL: String { "http://127.0.0.1:\(node.port)" }

    /// Start the sandbox (`tickets`, `seed`), open a fresh store on `database`, enable `recipe` with `settings`,
    /// connect Zendesk, run `beforeNode`, and start the node with `runtime`. `name` names the temporary folder and
    /// the logger. If anything fails, what was started is taken down again (what `beforeNode` started is its
    /// caller's to stop).
    init(_ database: TestDatabase, name: String, tickets: Int, seed: UInt64, recipe: String, settings: [String: String],
         adminToken: String, runtime: RuntimeConfiguration, webhookDelivery: WebhookDeliveryOptions? = nil,
         beforeNode: (Context) async throws -> Void = { _ in }) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
        self.adminToken = adminToken
        let zendesk = ZendeskSandbox(configuration: SandboxHarness.testConfiguration(tickets: tickets, seed: seed))
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        self.zendesk = zendesk
        self.transport = transport
        var store: Store?
        // Anything that fails half-way takes down what was started: a transport left running aborts the test process.
        do {
            zendeskURL = "http://127.0.0.1:\(try await zendesk.start())"
            if let webhookDelivery { zendesk.setWebhookDelivery(webhookDelivery) }
            let opened = try await Store.open(database.freshLocation())
            store = opened
            self.store = opened
            secrets = SecretBox(masterKey: try MasterKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "test"))
            let flowsFolder = (folder as NSString).appendingPathComponent("flows")
            try Recipes.enable(try Recipes.named(recipe), values: settings, into: flowsFolder)
            flows = try FlowRegistry.load(path: flowsFolder)
            try await ZendeskConnections(store: opened, secrets: secrets).connect(
                name: "default", baseURL: zendeskURL, credentials: .apiToken(email: Self.zendeskEmail, token: Self.zendeskToken),
                settings: ZendeskConnectionSettings(), transport: transport)
            let port = TestHTTP.freePort()
            try await beforeNode(Context(store: opened, secrets: secrets, transport: transport, nodeURL: "http://127.0.0.1:\(port)"))
            var logger = Logger(label: name)
            logger.logLevel = .critical  // Hummingbird reports the cancellation that stops the node as errors
            node = try await SwitchboardNode(
                store: opened, flows: flows, secrets: secrets,
                server: ServerConfiguration(host: "127.0.0.1", port: port, adminToken: adminToken, publicURL: "http://127.0.0.1:\(port)"),
                runtime: runtime, transport: transport, logger: logger).start()
        } catch {
            await store?.close()
            await zendesk.stop()
            try? await transport.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    func shutdown() async {
        await node.stop()
        await store.close()
        await zendesk.stop()
        try? await transport.shutdown()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Subscribe the node's `/webhooks/zendesk/default` to `subscriptions` in the sandbox, with its signing secret
    /// stored on the connection, as an operator would.
    func subscribeWebhook(_ subscriptions: [String]) async throws {
        let webhook = try zendesk.createWebhook(name: "Switchboard", endpoint: nodeURL + "/webhooks/zendesk/default", subscriptions: subscriptions)
        try await ZendeskConnections(store: store, secrets: secrets).saveWebhookSecret(webhook.secret, connection: "default")
    }
}

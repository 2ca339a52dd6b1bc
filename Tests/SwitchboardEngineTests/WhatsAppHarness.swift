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

/// A WhatsApp sandbox and a Switchboard node wired as an operator would: the `whatsapp` connection stored
/// encrypted, the sandbox's signed webhooks pointing at `/webhooks/whatsapp/whatsapp` over real HTTP on loopback.
final class WhatsAppHarness: ShutsDown {
    static let connection = "whatsapp"

    let sandbox: Sandbox.WhatsAppSandbox
    let store: Store
    let secrets: SecretBox
    let transport: AsyncHTTPTransport
    let node: RunningNode
    let flows: FlowRegistry

    var nodeURL: String { "http://127.0.0.1:\(node.port)" }
    var webhookURL: String { nodeURL + "/webhooks/whatsapp/\(Self.connection)" }
    var appSecret: String { sandbox.configuration.appSecret }

    static func with<T>(_ database: TestDatabase, flows texts: [String] = [], duplicates: Double = 0,
                        _ body: (WhatsAppHarness) async throws -> T) async throws -> T {
        try await database.withStore { store in
            try await withShutdown(try await start(store: store, flows: texts, duplicates: duplicates), body)
        }
    }

    /// The node listens on a port picked free beforehand (the sandbox must know it first); on a loaded machine another
    /// test can take it in between, so a start that finds it taken is tried again on another.
    private static func start(store: Store, flows texts: [String], duplicates: Double) async throws -> WhatsAppHarness {
        for attempt in 1... {
            do {
                return try await WhatsAppHarness(store: store, flows: texts, duplicates: duplicates)
            } catch where attempt < 3 && String(describing: error).contains("in use") {
                continue
            }
        }
        fatalError("unreachable")
    }

    private init(store: Store, flows texts: [String], duplicates: Double) async throws {
        self.store = store
        var loaded: [Flow] = []
        for (index, text) in texts.enumerated() {
            let (flow, diagnostics) = FlowLoader.load(text: text, file: "flow-\(index).yaml")
            guard let flow, diagnostics.isEmpty else { throw HarnessError("flow \(index) does not load: \(diagnostics)") }
            loaded.append(flow)
        }
        flows = FlowRegistry(loaded)
        secrets = SecretBox(masterKey: try MasterKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "test"))
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        let port = TestHTTP.freePort()
        var configuration = WhatsAppSandboxConfiguration.fastForTests(seed: 5, callbackURL: "http://127.0.0.1:\(port)/webhooks/whatsapp/\(Self.connection)")
        configuration.webhookDelivery.duplicateProbability = duplicates
        // A loaded machine can take seconds to answer; a timeout would turn a slow answer into a duplicate or a loss.
        configuration.webhookDelivery.timeout = .seconds(30)
        configuration.pairRateLimit = .disabled
        let sandbox = WhatsAppSandbox(configuration: configuration)
        do {
            let sandboxPort = try await sandbox.start()
            try await WhatsAppConnections(store: store, secrets: secrets).connect(
                baseURL: "http://127.0.0.1:\(sandboxPort)", phoneNumberID: configuration.phoneNumberID, accessToken: configuration.accessToken,
                appSecret: configuration.appSecret, verifyToken: configuration.verifyToken)
            var logger = Logger(label: "whatsapp-tests")
            logger.logLevel = .critical
            node = try await SwitchboardNode(
                store: store, flows: flows, secrets: secrets,
                server: ServerConfiguration(host: "127.0.0.1", port: port, adminToken: "wa-admin", publicURL: "http://127.0.0.1:\(port)"),
                runtime: RuntimeConfiguration(node: "wa", concurrency: 4, pollInterval: .milliseconds(50)), transport: transport, logger: logger).start()
        } catch {
            // Nothing may outlive a failed start: an HTTP client dropped without shutdown stops the whole test process.
            await sandbox.stop()
            try? await transport.shutdown()
            throw error
        }
        self.transport = transport
        self.sandbox = sandbox
    }

    func shutdown() async {
        await node.stop()
        await sandbox.stop()
        try? await transport.shutdown()
    }

    /// Wait until the sandbox has delivered every webhook and no run is still open.
    func settle(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            _ = await sandbox.waitUntilIdle(timeout: .seconds(5))
            let counts = try await store.session { try await $0.runCounts() }
            let open = counts.filter { !["succeeded", "failed", "dead"].contains($0.key) }.values.reduce(0, +)
            if open == 0 {
                try await Task.sleep(for: .milliseconds(200))
                if try await store.session({ try await $0.runCounts() }) == counts, await sandbox.waitUntilIdle(timeout: .milliseconds(10)) { return }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let counts = (try? await store.session { try await $0.runCounts() }) ?? [:]
        let idle = await sandbox.waitUntilIdle(timeout: .milliseconds(10))
        throw HarnessError("webhooks or runs did not settle in \(timeout): runs \(counts), sandbox \(idle ? "idle" : "still delivering")")
    }

    /// Poll `condition` until it holds or `timeout` passes.
    func eventually(timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(25))
        }
        return try await condition()
    }

    func inbound() async throws -> [MessageRecord] {
        try await store.session { try await $0.whatsAppMessages(MessageRecordFilter(direction: .inbound)) }
    }

    func events(_ type: String? = nil) async throws -> [EventRecord] {
        try await store.session { try await $0.events(source: "whatsapp", limit: 500) }.filter { type == nil || $0.type == type }
    }

    /// The `core.log` messages of a flow's runs, oldest first.
    func logged(_ flow: String) async throws -> [String] {
        try await store.session { session in
            // Oldest first by run id: ids are time-ordered to the millisecond (UUIDv7), `created_at` only to the second.
            var lines: [(String, String)] = []
            for run in try await session.runs(flow: flow, limit: 500) {
                for step in try await session.steps(runID: run.id) {
                    if let text = step.output?["message"]?.stringValue { lines.append((run.id, text)) }
                }
            }
            return lines.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// POST `body` to the node's WhatsApp webhook, signed with `secret` (the right app secret unless given).
    func post(_ body: String, secret: String? = nil, signature: String? = nil) async throws -> TestHTTP.Response {
        let bytes = Array(body.utf8)
        var headers = ["Content-Type": "application/json"]
        headers["X-Hub-Signature-256"] = signature ?? WhatsAppWebhookVerifier.signatureHeaderValue(appSecret: secret ?? appSecret, body: bytes)
        return try await TestHTTP.request("POST", webhookURL, headers: headers, body: bytes)
    }

    static func signature(_ body: String, secret: String) -> String {
        WhatsAppWebhookVerifier.signatureHeaderValue(appSecret: secret, body: Array(body.utf8))
    }

    /// Record an outbound message, send it through the sandbox with the pooled client, attach the wamid — as the
    /// send actions do. Returns the record's id.
    func send(to waID: String, contactID: String?, text: String, correlation: String) async throws -> String {
        let record = MessageRecord(connection: Self.connection, contactID: contactID, waID: waID, direction: .outbound, kind: "text", body: text,
                                   correlation: correlation, createdAt: Int64(Date().timeIntervalSince1970))
        _ = try await store.session { try await $0.recordOutboundMessage(record) }
        let client = try await WhatsAppClientPool(store: store, secrets: secrets, transport: transport).client(for: Self.connection)
        // Our message id rides along as biz_opaque_callback_data, as the send actions do: a status webhook that beats
        // the wamid's attachment below (a loaded machine) still finds its message and its correlation.
        let result = try await client.sendText(to: waID, text, callbackData: record.id)
        _ = try await store.session { try await $0.attachWamid(messageID: record.id, wamid: result.messageID, at: Int64(Date().timeIntervalSince1970)) }
        return record.id
    }
}

import ConnectorKit
import Foundation
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import WhatsAppKit

/// One stage notification to every contact of a title, through the real send path: contacts imported from CSV
/// (opted in, linked to the title as authors), the `stage_update` template approved, and a `SwitchboardNode` whose
/// flow runs `whatsapp.notify_title_contacts` when a task is created — against a WhatsApp sandbox that enforces the
/// business number's throughput (130429 beyond it) and sends its status webhooks back to the node.
struct WhatsAppFanoutPhase {
    static let isbn = "9780306406157"
    static let connection = "whatsapp"
    static let flow = """
        name: stage-notification
        trigger:
          switchboard: { events: [task.created] }
        actions:
          - id: notify
            action: whatsapp.notify_title_contacts
            retry: { max_attempts: 10, backoff: 1s }
            with:
              isbn: "{{task.isbn13}}"
              roles: [author]
              template: stage_update
              body_params: ["{{task.title}}", "typesetting"]
        """

    struct Figures {
        var sent: Int
        /// Seconds from the first to the last message the sandbox accepted.
        var sendingSeconds: Double
        /// Seconds from creating the task to the run's end.
        var runSeconds: Double
        var throughputErrors: Int
        var recordedThroughputErrors: Int
        var latencies: [Double]
        var importSeconds: Double
        var runStatus: String
        /// The signed inbound webhooks POSTed to the node after the fan-out (`nil` when none were asked for).
        var ingest: LoadResult?
        var messagesPerSecond: Double { Double(max(sent - 1, 0)) / max(sendingSeconds, 1e-9) }
    }

    let location: StoreLocation
    let contacts: Int
    let rate: Int
    let statusWebhooks: Bool
    let progressEvery: Duration
    let ingestEvents: Int
    let generator: LoadGenerator

    func run() async throws -> Figures {
        try await Store.using(location) { try await measure($0) }
    }

    private func measure(_ store: Store) async throws -> Figures {
        var configuration = WhatsAppSandboxConfiguration(seed: 7, throughputPerSecond: rate)
        configuration.webhookDelivery.timeout = .seconds(30)
        let sandbox = WhatsAppSandbox(configuration: configuration)
        let sandboxURL = "http://127.0.0.1:\(try await sandbox.start())"
        let inner = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        let transport = SendTimingTransport(inner)
        defer { Task { try? await inner.shutdown() } }
        let secrets = SecretBox(masterKey: try MasterKey(bytes: DurableWebhookPhase.randomBytes(32), source: "bench"))
        try await WhatsAppConnections(store: store, secrets: secrets).connect(
            name: Self.connection, baseURL: sandboxURL, phoneNumberID: configuration.phoneNumberID, accessToken: configuration.accessToken,
            appSecret: configuration.appSecret, verifyToken: configuration.verifyToken, settings: WhatsAppConnectionSettings(messagesPerSecond: rate))
        let importSeconds = try await importContacts(store)
        let (flow, diagnostics) = FlowLoader.load(text: Self.flow, file: "stage-notification.yaml")
        guard let flow else { throw BenchError("the bench flow does not load: \(diagnostics)") }
        var logger = Logger(label: "switchboard.bench.whatsapp")
        logger.logLevel = .critical  // keep standard output JSON lines; failures show in the figures
        let node = try await SwitchboardNode(store: store, flows: FlowRegistry([flow]), secrets: secrets,
                                             server: ServerConfiguration(host: "127.0.0.1", port: 0, adminToken: "bench"),
                                             runtime: RuntimeConfiguration(node: "bench-whatsapp", concurrency: 4, pollInterval: .milliseconds(100)),
                                             transport: transport, logger: logger).start()
        if statusWebhooks { sandbox.setWebhook(url: "http://127.0.0.1:\(node.port)/webhooks/whatsapp/\(Self.connection)") }
        do {
            var figures = try await fanOut(store, sandbox: sandbox, nodeURL: "http://127.0.0.1:\(node.port)", transport: transport, importSeconds: importSeconds)
            if ingestEvents > 0 {
                let phase = WhatsAppIngestPhase(connection: Self.connection, appSecret: configuration.appSecret, phoneNumberID: configuration.phoneNumberID,
                                                senders: (0..<contacts).map { "4477\(String(format: "%08d", 10_000_000 + $0))" })
                _ = try await generator.run(baseURL: "http://127.0.0.1:\(node.port)", phase.requests(batch: "warmup", count: min(200, ingestEvents)))
                figures.ingest = try await generator.run(baseURL: "http://127.0.0.1:\(node.port)", phase.requests(batch: "measure", count: ingestEvents))
            }
            await node.stop()
            await sandbox.stop()
            return figures
        } catch {
            await node.stop()
            await sandbox.stop()
            throw error
        }
    }

    /// `contacts` opted-in authors of the title, imported as a CSV list; the template approved.
    private func importContacts(_ store: Store) async throws -> Double {
        var csv = "name,phone,roles,isbns,opted_in\n"
        for index in 0..<contacts { csv += "Author \(index),+4477\(String(format: "%08d", 10_000_000 + index)),author,\(Self.isbn),yes\n" }
        let started = ContinuousClock.now
        let report = try await ContactsDirectory(store: store).importCSV(csv, source: "bench.csv")
        guard report.succeeded else { throw BenchError("the contact list did not import: \(report.problems.prefix(3))") }
        let seconds = (ContinuousClock.now - started).seconds
        try await store.session { session in
            try await session.upsertTemplate(RegisteredTemplate(name: "stage_update", language: "en_US", body: "Update on {{1}}: it has moved to {{2}}.",
                                                                bodyParameters: ["title", "stage"], status: .approved, updatedAt: Int64(Date().timeIntervalSince1970)))
        }
        return seconds
    }

    private func fanOut(_ store: Store, sandbox: WhatsAppSandbox, nodeURL: String, transport: SendTimingTransport, importSeconds: Double) async throws -> Figures {
        let started = ContinuousClock.now
        let body = #"{"title": "The Last Island", "isbn13": "\#(Self.isbn)"}"#
        let created = try await BenchHTTP.post(nodeURL + "/api/tasks", body: body, bearer: "bench")
        guard created == 201 else { throw BenchError("creating the task answered HTTP \(created)") }
        var lastReport = started
        var lastCount = 0
        var status = "running"
        while status == "running" {
            try await Task.sleep(for: .milliseconds(250))
            status = try await store.session { try await $0.runs(flow: "stage-notification", limit: 1).first?.status } ?? "running"
            let now = ContinuousClock.now
            if now - lastReport >= progressEvery || status != "running" {
                let count = sandbox.sentMessages().count
                emit(["bench": "whatsapp-fanout", "phase": "progress", "sent": count, "of": contacts, "seconds": rounded((now - started).seconds, 1),
                      "per_s_recent": rounded(Double(count - lastCount) / max((now - lastReport).seconds, 1e-9), 1), "cap": rate,
                      "http_130429": transport.figures.throughputErrors])
                lastReport = now
                lastCount = count
            }
        }
        let runSeconds = (ContinuousClock.now - started).seconds
        _ = await sandbox.waitUntilIdle(timeout: .seconds(60))
        let sent = sandbox.sentMessages().filter { $0.templateName == "stage_update" }
        let recorded = try await store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM wa_messages WHERE error_code = 130429") }
        let (latencies, errors) = transport.figures
        let first = sent.map(\.acceptedAt).min() ?? Date(), last = sent.map(\.acceptedAt).max() ?? Date()
        return Figures(sent: sent.count, sendingSeconds: last.timeIntervalSince(first), runSeconds: runSeconds, throughputErrors: errors,
                       recordedThroughputErrors: Int(recorded), latencies: latencies, importSeconds: importSeconds, runStatus: status)
    }
}

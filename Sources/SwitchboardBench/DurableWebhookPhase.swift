import ConnectorKit
import Foundation
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import ZendeskKit

/// One database's run of the `webhooks` benchmark: a real `SwitchboardNode` on a fresh store, with one flow that
/// adds an internal note to the ticket of every `ticket.created` event, fed signed webhooks by the load generator.
///
/// Each event is timed from the moment its POST left to the moment its run's success was committed. Afterwards
/// every run must have succeeded and the sandbox must hold exactly one new comment per event.
struct DurableWebhookPhase {
    let database: String
    let location: StoreLocation
    let sandbox: ZendeskSandbox
    let sandboxURL: String
    let generator: LoadGenerator
    let events: Int
    let warmup: Int
    let workers: Int
    var action: BenchAction = .note

    /// The bench flow's one step: the benchmark's internal note, or a `core.log` line instead of the sandbox call,
    /// which leaves out the outbound HTTP exchange and shows what the rest of the pipeline costs.
    enum BenchAction: String, CaseIterable {
        case note, log

        var flowText: String { self == .note ? DurableWebhookPhase.flow : DurableWebhookPhase.logFlow }
        /// Comments the sandbox gains for `events` runs.
        func comments(forEvents events: Int) -> Int { self == .note ? events : 0 }
    }

    static let connection = "bench"
    static let flow = """
        name: bench-note
        description: An internal note on every new ticket (SwitchboardBench webhooks)
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        actions:
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "Switchboard saw {{event.external_id}}: {{ticket.subject}}"
              public: false
        """
    static let logFlow = """
        name: bench-log
        description: A log line for every new ticket (SwitchboardBench webhooks --action log)
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        actions:
          - id: log
            action: core.log
            with:
              message: "Switchboard saw {{event.external_id}}: {{ticket.subject}}"
        """

    struct Figures {
        var accept: LoadResult
        /// Seconds from the first POST until the last run finished.
        var seconds: Double
        /// Send-to-run-finished latency of every event, in seconds.
        var latencies: [Double]
        /// Measured runs finished in each second after the first POST: shows whether the rate holds or sags as the
        /// backlog and the database grow.
        var timeline: [Int]
        /// CPU milliseconds per event, from the first POST until the last run finished: this process's, and on
        /// PostgreSQL the local server's too.
        var cpuMillisecondsPerEvent: Double
        var runsPerSecond: Double { Double(latencies.count) / max(seconds, 0.000_001) }
    }

    func run() async throws -> Figures {
        try await Store.using(location) { try await measure($0) }
    }

    private func measure(_ store: Store) async throws -> Figures {
        // As `switchboard serve` does: a connection to the sandbox for every worker.
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30), maxConnectionsPerHost: AsyncHTTPTransport.connectionsPerHost(concurrent: workers))
        defer { Task { try? await transport.shutdown() } }
        let secrets = SecretBox(masterKey: try MasterKey(bytes: Self.randomBytes(32), source: "bench"))
        let connections = ZendeskConnections(store: store, secrets: secrets)
        try await connections.connect(name: Self.connection, baseURL: sandboxURL, credentials: ZendeskSandbox.benchCredentials,
                                      settings: ZendeskConnectionSettings(), transport: transport)
        let signingSecret = Data(Self.randomBytes(32)).base64EncodedString()
        try await connections.saveWebhookSecret(signingSecret, connection: Self.connection)
        let (flow, diagnostics) = FlowLoader.load(text: action.flowText, file: "bench-\(action.rawValue).yaml")
        guard let flow else { throw BenchError("the bench flow does not load: \(diagnostics)") }

        let completions = RunCompletionLog()
        var logger = Logger(label: "switchboard.bench")
        logger.logLevel = .warning
        let node = SwitchboardNode(store: store, flows: FlowRegistry([flow]), secrets: secrets, server: ServerConfiguration(host: "127.0.0.1", port: 0, adminToken: nil),
                                   runtime: RuntimeConfiguration(node: "bench-\(database)", concurrency: workers), transport: transport, logger: logger,
                                   onRunFinished: { completions.record($0) })
        let (server, port) = try await BackgroundService.start(label: "the node") { started in
            try await node.run(gracefulShutdownSignals: [], onStarted: started)
        }
        do {
            return try await drive(store, node: server, port: port, secret: signingSecret, completions: completions)
        } catch {
            await server.stop()
            throw error
        }
    }

    private func drive(_ store: Store, node server: BackgroundService, port: Int, secret signingSecret: String, completions: RunCompletionLog) async throws -> Figures {
        let baseURL = "http://127.0.0.1:\(port)"
        let webhooks = SignedWebhooks(connection: Self.connection, secret: signingSecret, actorID: sandbox.adminUserID,
                                      tickets: sandbox.openTicketIDs)

        // Signed up front, so that building the bodies is neither timed nor in a profile of the measured part.
        let measured = webhooks.requests(batch: "measure", count: events)
        if warmup > 0 {
            let result = try await generator.run(baseURL: baseURL, webhooks.requests(batch: "warmup", count: warmup))
            try check(result, phase: "warm-up")
            try await completions.wait(for: warmup, timeout: .seconds(300))
        }
        let commentsBefore = sandbox.commentCount()
        // Progress on stderr (stdout carries only the JSON figures); a profiler can start its window here.
        FileHandle.standardError.write(Data("webhooks: durable_\(database): sending \(events) signed webhooks\n".utf8))
        let (accept, cpuPerEvent) = try await ProcessCPUTime.millisecondsPerItem(items: events, includingPostgres: database == "postgres") {
            let accept = try await generator.run(baseURL: baseURL, measured)
            try check(accept, phase: "measured")
            try await completions.wait(for: warmup + events, timeout: .seconds(600))
            return accept
        }
        let finished = completions.snapshot()
        let commentsAdded = sandbox.commentCount() - commentsBefore
        await server.stop()

        // Join each event's send time with its run's completion: run → store event id → external id → request index.
        let (runs, storedEvents, counts) = try await store.session { session in
            (try await session.runs(limit: warmup + events + 10), try await session.events(source: "zendesk.webhook", limit: warmup + events + 10),
             try await session.runCounts())
        }
        let externalIDs = Dictionary(storedEvents.map { ($0.id, $0.externalID) }, uniquingKeysWith: { first, _ in first })
        var indexByExternalID: [String: Int] = [:]
        for index in 0..<events { indexByExternalID[SignedWebhooks.eventID(batch: "measure", index: index)] = index }
        var latencies: [Double] = []
        var timeline: [Int] = []
        var last = accept.started
        for run in runs {
            guard let external = externalIDs[run.eventID], let index = indexByExternalID[external] else { continue }
            guard let entry = finished[run.id] else { throw BenchError("\(database): run \(run.id) has no completion") }
            latencies.append((entry.at - accept.sent[index]).seconds)
            let second = max(0, Int((entry.at - accept.started).seconds))
            if timeline.count <= second { timeline += Array(repeating: 0, count: second + 1 - timeline.count) }
            timeline[second] += 1
            last = max(last, entry.at)
        }
        let failed = finished.values.filter { $0.status != "succeeded" }.count
        guard latencies.count == events, failed == 0, counts == ["succeeded": warmup + events] else {
            throw BenchError("\(database): expected \(warmup + events) succeeded runs (\(events) measured), got \(counts), \(latencies.count) measured, \(failed) failed")
        }
        guard commentsAdded == action.comments(forEvents: events) else {
            throw BenchError("\(database): the sandbox gained \(commentsAdded) comments for \(events) events")
        }
        return Figures(accept: accept, seconds: (last - accept.started).seconds, latencies: latencies, timeline: timeline, cpuMillisecondsPerEvent: cpuPerEvent)
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    private func check(_ result: LoadResult, phase: String) throws {
        guard result.nonOK == 0 else {
            throw BenchError("\(database) \(phase): \(result.nonOK) of \(result.sent.count) webhooks were not answered 200: \(result.failures.joined(separator: "; "))")
        }
    }
}

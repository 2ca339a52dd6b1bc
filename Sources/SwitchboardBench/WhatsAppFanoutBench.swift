import Foundation
import NIOCore
import SQLKit
import SwitchboardStore

/// `whatsapp-fanout`: how close a stage notification to a title's whole contact list comes to the business number's
/// throughput cap, and how fast inbound webhooks are taken in.
///
/// 1. Fan-out (``WhatsAppFanoutPhase``): N opted-in contacts, one `notify_title_contacts` run, a sandbox enforcing
///    `--rate` messages/s. Figures: messages/s over the cap (goal ≥ 0.95), 130429 answers (goal 0), p50/p99 send
///    latency, peak RSS. At 80/s, 10,000 messages take about 125 s; progress is printed every few seconds.
/// 2. Decoding (``WhatsAppDecodePhase``): `WhatsAppWebhook.decode` over WhatsAppKit's fixtures, events/s and MB/s,
///    against plain `JSONSerialization` of the same bytes in the same run.
/// 3. Ingest (``WhatsAppIngestPhase``): signed inbound webhooks to the node, against a trivial endpoint (the ceiling).
struct WhatsAppFanoutBench {
    let options: BenchOptions

    func run() async throws {
        let contacts = options.int("contacts", default: 10_000)
        let rate = options.int("rate", default: 80)
        let ingestEvents = options.int("ingest", default: 2_000)
        let concurrency = options.int("concurrency", default: 16)
        let decodeRounds = options.int("decode-rounds", default: 2_000)
        let statusWebhooks = options.string("statuses", default: "on") != "off"
        let postgres = options.string("postgres", default: "")
        emit(["bench": "whatsapp-fanout", "phase": "setup", "contacts": contacts, "cap_per_s": rate, "status_webhooks": statusWebhooks,
              "database": postgres.isEmpty ? "sqlite" : "postgres", "rss_mb": rounded(Double(MemorySampler.residentBytes()) / 1_048_576)])

        let decode = try WhatsAppDecodePhase().run(rounds: decodeRounds)
        emit(["bench": "whatsapp-fanout", "phase": "decode", "bodies": decode.bodies, "events": decode.events, "seconds": rounded(decode.seconds, 3),
              "events_per_s": rounded(decode.eventsPerSecond), "mb_per_s": rounded(decode.megabytesPerSecond, 2),
              "baseline_jsonserialization_mb_per_s": rounded(decode.baselineMegabytesPerSecond, 2),
              "vs_baseline": rounded(decode.megabytesPerSecond / max(decode.baselineMegabytesPerSecond, 1e-9), 3)])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-whatsapp-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var schema: String?
        var location = StoreLocation.sqlite(path: directory.appendingPathComponent("bench.db").path)
        if !postgres.isEmpty {
            let name = "bench_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
            schema = name
            location = .postgres(url: postgres + (postgres.contains("?") ? "&" : "?") + "search_path=\(name)")
        }
        let generator = LoadGenerator(concurrency: concurrency)
        let phase = WhatsAppFanoutPhase(location: location, contacts: contacts, rate: rate, statusWebhooks: statusWebhooks, progressEvery: .seconds(5),
                                        ingestEvents: ingestEvents, generator: generator)
        let (figures, peak) = try await MemorySampler().measure { try await phase.run() }
        let latency = LatencySummary(figures.latencies)
        emit(["bench": "whatsapp-fanout", "phase": "fanout", "contacts": contacts, "import_seconds": rounded(figures.importSeconds, 2),
              "sent": figures.sent, "run": figures.runStatus, "run_seconds": rounded(figures.runSeconds, 2), "sending_seconds": rounded(figures.sendingSeconds, 2),
              "messages_per_s": rounded(figures.messagesPerSecond, 2), "cap_per_s": rate, "vs_cap": rounded(figures.messagesPerSecond / Double(rate), 3),
              "goal_vs_cap": 0.95, "http_130429": figures.throughputErrors, "recorded_130429": figures.recordedThroughputErrors,
              "send_p50_ms": latency.milliseconds(50), "send_p99_ms": latency.milliseconds(99), "peak_rss_mb": rounded(Double(peak) / 1_048_576)])

        if let ingest = figures.ingest {
            let ceilingRequests = WhatsAppIngestPhase(connection: "x", appSecret: "ceiling", phoneNumberID: "1", senders: ["447700900001"])
                .requests(batch: "ceiling", count: ingestEvents).map { PreparedRequest(path: "/webhooks/zendesk/x", headers: $0.headers, body: $0.body) }
            let ceiling = try await CeilingServer.withServer { baseURL in try await generator.run(baseURL: baseURL, ceilingRequests) }
            let accepted = LatencySummary(ingest.latencies)
            emit(["bench": "whatsapp-fanout", "phase": "ingest", "webhooks": ingestEvents, "concurrency": concurrency, "non_200": ingest.nonOK,
                  "webhooks_per_s": rounded(ingest.requestsPerSecond), "p50_ms": accepted.milliseconds(50), "p99_ms": accepted.milliseconds(99),
                  "ceiling_per_s": rounded(ceiling.requestsPerSecond), "vs_ceiling": rounded(ingest.requestsPerSecond / max(ceiling.requestsPerSecond, 1e-9), 3)])
        }

        if let schema { try? await Store.using(.postgres(url: postgres)) { store in try await store.session { try await $0.run("DROP SCHEMA \(ident: schema) CASCADE") } } }
        try? FileManager.default.removeItem(at: directory)
        try await generator.shutdown()
    }
}

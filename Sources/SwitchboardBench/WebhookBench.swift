import Foundation
import Sandbox
import SQLKit
import SwitchboardEngine
import SwitchboardStore

/// `webhooks`: durable webhook → action throughput and latency, against the throughput of a trivial endpoint.
///
/// In one process: a Zendesk sandbox (no rate limits, no faults), a `SwitchboardNode` with one flow that adds an
/// internal note to the ticket of every `ticket.created` event, and a load generator sending N signed webhooks
/// with C concurrent senders. An event counts when its run's success is committed (the webhook's own 200 comes
/// after the event, run and job are committed). The same generator against a Hummingbird route that only reads
/// the body and answers 200 gives the ceiling, measured before and after; the figure is runs/s over the ceiling's
/// mean requests/s, on SQLite (`synchronous=FULL`) and on PostgreSQL (`fsync` and `synchronous_commit` on).
struct WebhookBench {
    let options: BenchOptions

    func run() async throws {
        let events = options.int("events", default: 2_000)
        let concurrency = options.int("concurrency", default: 32)
        let warmup = options.int("warmup", default: 200)
        let workers = options.int("workers", default: 32)
        let tickets = options.int("tickets", default: 1_000)
        let postgres = options.string("postgres", default: ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES_URL"] ?? "")
        let actionName = options.string("action", default: "note")
        guard let action = DurableWebhookPhase.BenchAction(rawValue: actionName) else {
            throw BenchError("--action must be note (the benchmark) or log (no outbound call), not \(actionName)")
        }
        let databases = Set(options.string("databases", default: "sqlite,postgres").split(separator: ",").map(String.init))

        let sandbox = ZendeskSandbox(configuration: ZendeskSandboxConfiguration(seed: 3, ticketCount: tickets, rateLimits: .unlimited, exportLag: .zero))
        let sandboxURL = "http://127.0.0.1:\(try await sandbox.start())"
        let generator = LoadGenerator(concurrency: concurrency)
        let sampler = MemorySampler()
        emit(["bench": "webhooks", "phase": "setup", "events": events, "concurrency": concurrency, "warmup": warmup, "workers": workers, "tickets": tickets,
              "rss_mb": rounded(Double(MemorySampler.residentBytes()) / 1_048_576)])

        let ceiling = try await measureCeiling(generator, events: events, warmup: warmup, sampler: sampler, phase: "ceiling")
        var durable: [(database: String, figures: DurableWebhookPhase.Figures, peak: Int)] = []
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-webhooks-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        var locations: [(String, StoreLocation)] = databases.contains("sqlite") ? [("sqlite", .sqlite(path: directory.appendingPathComponent("bench.db").path))] : []
        var schema: String?
        if !databases.contains("postgres") {
        } else if postgres.isEmpty {
            emit(["bench": "webhooks", "phase": "durable_postgres", "skipped": true,
                  "reason": "no PostgreSQL URL: pass --postgres postgres://user@host:port/db or set SWITCHBOARD_TEST_POSTGRES_URL"])
        } else {
            let name = "bench_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
            schema = name
            locations.append(("postgres", .postgres(url: postgres + (postgres.contains("?") ? "&" : "?") + "search_path=\(name)")))
        }
        for (database, location) in locations {
            let phase = DurableWebhookPhase(database: database, location: location, sandbox: sandbox, sandboxURL: sandboxURL, generator: generator,
                                            events: events, warmup: warmup, workers: workers, action: action)
            let (figures, peak) = try await sampler.measure { try await phase.run() }
            durable.append((database, figures, peak))
            let accept = LatencySummary(figures.accept.latencies)
            let latency = LatencySummary(figures.latencies)
            emit(["bench": "webhooks", "phase": "durable_\(database)", "events": events, "concurrency": concurrency, "workers": workers,
                  "accepted_per_s": rounded(figures.accept.requestsPerSecond), "accept_p50_ms": accept.milliseconds(50), "accept_p99_ms": accept.milliseconds(99),
                  "runs_per_s": rounded(figures.runsPerSecond), "seconds": rounded(figures.seconds, 3),
                  "p50_ms": latency.milliseconds(50), "p99_ms": latency.milliseconds(99), "peak_rss_mb": rounded(Double(peak) / 1_048_576),
                  "accept_seconds": rounded(figures.accept.seconds, 3), "cpu_ms_per_event": rounded(figures.cpuMillisecondsPerEvent, 4),
                  "runs_each_second": figures.timeline])
        }
        let exchange = try await ZendeskExchangePhase(sandbox: sandbox, sandboxURL: sandboxURL, calls: events, concurrency: workers).run()
        emit(["bench": "webhooks", "phase": "zendesk_exchange", "calls": events, "concurrency": workers, "calls_per_s": rounded(exchange.callsPerSecond),
              "cpu_ms_per_call": rounded(exchange.cpuMillisecondsPerCall, 4)])
        let repeatCeiling = try await measureCeiling(generator, events: events, warmup: warmup, sampler: sampler, phase: "ceiling_repeat")

        let ceilingRate = (ceiling.result.requestsPerSecond + repeatCeiling.result.requestsPerSecond) / 2
        let ceilingCPU = (ceiling.cpuMilliseconds + repeatCeiling.cpuMilliseconds) / 2
        // CPU in trivial requests: the unit of the goal, which allows 1 / goal of them per event.
        func inRequests(_ milliseconds: Double) -> Double { rounded(milliseconds / max(ceilingCPU, 0.000_001), 2) }
        let goal = 0.25
        var summary: [String: Any] = ["bench": "webhooks", "phase": "ratio", "events": events, "concurrency": concurrency,
                                      "ceiling_requests_per_s": rounded(ceilingRate),
                                      "ceiling_cpu_ms_per_request": rounded(ceilingCPU, 4), "exchange_cpu_ms_per_call": rounded(exchange.cpuMillisecondsPerCall, 4),
                                      "goal": goal,
                                      // The same figures in trivial requests of CPU; the webhook itself is one of them.
                                      "budget_requests_per_event": 1 / goal, "exchange_in_requests": inRequests(exchange.cpuMillisecondsPerCall)]
        for (database, figures, peak) in durable {
            summary["\(database)_runs_per_s"] = rounded(figures.runsPerSecond)
            summary["\(database)_vs_ceiling"] = rounded(figures.runsPerSecond / ceilingRate, 3)
            // CPU per trivial request over CPU per event: the throughput ratio this process's own work allows when the
            // CPU is the limit, and far steadier than throughput on a shared machine.
            summary["\(database)_cpu_ratio"] = rounded(ceilingCPU / max(figures.cpuMillisecondsPerEvent, 0.000_001), 3)
            summary["\(database)_event_in_requests"] = inRequests(figures.cpuMillisecondsPerEvent)
            summary["\(database)_peak_rss_mb"] = rounded(Double(peak) / 1_048_576)
        }
        emit(summary)

        if let schema { try? await Store.using(.postgres(url: postgres)) { store in try await store.session { try await $0.run("DROP SCHEMA \(ident: schema) CASCADE") } } }
        if options.string("keep-db", default: "false") == "true" {
            FileHandle.standardError.write(Data("webhooks: the SQLite database is kept in \(directory.path)\n".utf8))
        } else {
            try? FileManager.default.removeItem(at: directory)
        }
        try await generator.shutdown()
        await sandbox.stop()
    }

    /// Warm up, then send `events` requests to the trivial endpoint and report its throughput.
    private func measureCeiling(_ generator: LoadGenerator, events: Int, warmup: Int, sampler: MemorySampler, phase: String) async throws -> (result: LoadResult, cpuMilliseconds: Double) {
        let webhooks = SignedWebhooks(connection: DurableWebhookPhase.connection, secret: "ceiling", actorID: 1, tickets: [])
        let ((result, cpuPerRequest), peak) = try await sampler.measure {
            try await CeilingServer.withServer { baseURL in
                if warmup > 0 { _ = try await generator.run(baseURL: baseURL, webhooks.requests(batch: "warmup", count: warmup)) }
                let requests = webhooks.requests(batch: phase, count: events)
                return try await ProcessCPUTime.millisecondsPerItem(items: events) { try await generator.run(baseURL: baseURL, requests) }
            }
        }
        guard result.nonOK == 0 else { throw BenchError("\(phase): \(result.nonOK) requests were not answered 200: \(result.failures)") }
        let latency = LatencySummary(result.latencies)
        emit(["bench": "webhooks", "phase": phase, "requests": events, "concurrency": generator.concurrency, "seconds": rounded(result.seconds, 3),
              "requests_per_s": rounded(result.requestsPerSecond), "p50_ms": latency.milliseconds(50), "p99_ms": latency.milliseconds(99),
              "cpu_ms_per_request": rounded(cpuPerRequest, 4), "peak_rss_mb": rounded(Double(peak) / 1_048_576)])
        return (result, cpuPerRequest)
    }
}

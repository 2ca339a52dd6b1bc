import ConnectorKit
import Foundation
import Sandbox
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// `mirror`: how fast the Zendesk mirror ingests, against how fast the same pages can merely be fetched and decoded.
///
/// The sandbox serves N tickets with ~5 comments each and no rate limit, in this process. The ceiling phase
/// pulls every export page (organizations, users, tickets, ticket events with comments) and decodes it, writing
/// nothing; the ingest phase runs the real sync into a fresh SQLite file with `synchronous=FULL`. The ratio
/// of the two is the figure that matters; each phase also reports its peak RSS.
struct MirrorBench {
    let options: BenchOptions

    func run() async throws {
        let tickets = options.int("tickets", default: 100_000)
        let sandbox = ZendeskSandbox(configuration: ZendeskSandboxConfiguration(
            seed: UInt64(options.int("seed", default: 11)), ticketCount: tickets, rateLimits: .unlimited, exportLag: .zero))
        let port = try await sandbox.start()
        let baseURL = "http://127.0.0.1:\(port)"
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(120))
        let configuration = ZendeskConfiguration(baseURL: baseURL, credentials: ZendeskSandbox.benchCredentials,
                                                 exportBudget: .unlimited, requestTimeout: .seconds(120))
        let sampler = MemorySampler()
        emit(["bench": "mirror", "phase": "setup", "tickets": tickets, "rss_mb": rounded(Double(MemorySampler.residentBytes()) / 1_048_576)])

        let (ceiling, ceilingPeak) = try await sampler.measure { try await fetchAndDecode(ZendeskClient(configuration: configuration, transport: transport)) }
        report("fetch_decode_ceiling", ceiling, peak: ceilingPeak)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("bench.db").path))
        let (ingest, ingestPeak) = try await sampler.measure { () async throws -> Counts in
            let started = ContinuousClock.now
            let summary = try await ZendeskMirrorSync(store: store, configuration: configuration, transport: transport, connection: "bench",
                                                      options: .init(matchCustomers: false)).run()
            let count = { (stream: MirrorStream) in summary.streams.first { $0.stream == stream }?.records ?? 0 }
            return Counts(tickets: count(.tickets), comments: count(.comments), other: count(.users) + count(.organizations), seconds: (ContinuousClock.now - started).seconds)
        }
        await store.close()
        report("ingest_sqlite", ingest, peak: ingestPeak)

        let (again, againPeak) = try await sampler.measure { try await fetchAndDecode(ZendeskClient(configuration: configuration, transport: transport)) }
        report("fetch_decode_ceiling_repeat", again, peak: againPeak)

        let ceilingRate = (ceiling.recordsPerSecond + again.recordsPerSecond) / 2
        emit(["bench": "mirror", "phase": "ratio", "ingest_vs_ceiling": rounded(ingest.recordsPerSecond / ceilingRate, 3), "goal": 0.7,
              "ingest_peak_rss_mb": rounded(Double(ingestPeak) / 1_048_576), "rss_goal_mb": 200])
        try? FileManager.default.removeItem(at: directory)
        try await transport.shutdown()
        await sandbox.stop()
    }

    struct Counts {
        var tickets = 0
        var comments = 0
        var other = 0
        var seconds = 0.0
        var records: Int { tickets + comments + other }
        var recordsPerSecond: Double { Double(records) / max(seconds, 0.000_001) }
    }

    private func report(_ phase: String, _ counts: Counts, peak: Int) {
        emit(["bench": "mirror", "phase": phase, "tickets": counts.tickets, "comments": counts.comments, "seconds": rounded(counts.seconds, 2),
              "tickets_per_s": rounded(Double(counts.tickets) / counts.seconds), "comments_per_s": rounded(Double(counts.comments) / counts.seconds),
              "records_per_s": rounded(counts.recordsPerSecond), "peak_rss_mb": rounded(Double(peak) / 1_048_576)])
    }

    /// Every export page, fetched and decoded into ZendeskKit models, nothing stored: the ceiling for ingest.
    private func fetchAndDecode(_ client: ZendeskClient) async throws -> Counts {
        let started = ContinuousClock.now
        var counts = Counts()
        var time: Int64 = 0
        while true {
            let page = try await client.exportOrganizations(startTime: time)
            counts.other += page.records.count
            if page.endOfStream || page.endTime == time { break }
            time = page.endTime
        }
        var start = ExportStart.startTime(0)
        while true {
            let page = try await client.exportUsers(from: start)
            counts.other += page.records.count
            if page.endOfStream { break }
            start = .cursor(page.afterCursor ?? "")
        }
        start = .startTime(0)
        while true {
            let page = try await client.exportTickets(from: start)
            counts.tickets += page.records.count
            if page.endOfStream { break }
            start = .cursor(page.afterCursor ?? "")
        }
        time = 0
        var seen = Set<Int64>()
        while true {
            let page = try await client.exportTicketEvents(startTime: time)
            for case .success(let event) in page.records where seen.insert(event.id).inserted { counts.comments += event.comments.count }
            if page.endOfStream || page.endTime == time { break }
            seen = Set(page.records.compactMap { if case .success(let event) = $0, event.timestamp == page.endTime { event.id } else { nil } })
            time = page.endTime
        }
        counts.seconds = (ContinuousClock.now - started).seconds
        return counts
    }
}

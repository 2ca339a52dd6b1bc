import ConnectorKit
import Foundation
import Sandbox
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// `mirror-rate-limited`: the sync against a sandbox whose export budget is the bottleneck.
///
/// With a budget of B requests per window W, N export requests cannot finish before (⌈N/B⌉ − 1) × W: that is the
/// minimum the limits allow. The figure is the sync's time over that minimum (goal ≤ 1.1), and the number of 429s
/// it received (goal 0: it must pace itself on the rate-limit headers, not on errors).
struct RateLimitedMirrorBench {
    let options: BenchOptions

    func run() async throws {
        let tickets = options.int("tickets", default: 10_000)
        let spec = options.string("export", default: "10/20s")
        let limits = try RateLimitSpec(parsing: "account=100000/60s,export=\(spec)")
        guard let export = limits.export else { throw BenchError("--export needs LIMIT/DURATION") }
        let sandbox = ZendeskSandbox(configuration: ZendeskSandboxConfiguration(seed: 5, ticketCount: tickets, rateLimits: limits, exportLag: .zero))
        let port = try await sandbox.start()
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(120))
        let configuration = ZendeskConfiguration(baseURL: "http://127.0.0.1:\(port)", credentials: ZendeskSandbox.benchCredentials,
                                                 exportBudget: .init(limit: export.limit, window: export.period), requestTimeout: .seconds(120))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-rl-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("bench.db").path))
        let started = ContinuousClock.now
        let summary = try await ZendeskMirrorSync(store: store, configuration: configuration, transport: transport, connection: "bench",
                                                  options: .init(matchCustomers: false)).run()
        let seconds = (ContinuousClock.now - started).seconds
        await store.close()

        let log = sandbox.requestLog()
        let exportRequests = log.filter { $0.budget == .export && $0.status != 429 }.count
        let rejected = log.filter { $0.status == 429 && $0.fault == nil }.count
        let windowSeconds = Double(export.period.components.seconds) + Double(export.period.components.attoseconds) / 1e18
        let minimum = Double((exportRequests + export.limit - 1) / export.limit - 1) * windowSeconds
        emit(["bench": "mirror_rate_limited", "tickets": tickets, "records": summary.records, "export_budget": spec, "export_requests": exportRequests,
              "seconds": rounded(seconds, 2), "minimum_seconds": rounded(minimum, 2), "ratio_to_minimum": rounded(seconds / max(minimum, 0.001), 3), "goal": 1.1,
              "responses_429": rejected, "pauses": summary.rateLimits["export"]?.pauses ?? 0])
        try? FileManager.default.removeItem(at: directory)
        try await transport.shutdown()
        await sandbox.stop()
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

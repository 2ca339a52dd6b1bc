import AsyncHTTPClient
import ConnectorKit
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// One prepared POST: everything is built before the clock starts, so the generator only sends.
struct PreparedRequest: Sendable {
    var path: String
    var headers: HTTPHeaders
    var body: ByteBuffer
}

/// When each request was sent and answered, on the continuous clock.
struct LoadResult: Sendable {
    var started: ContinuousClock.Instant
    var sent: [ContinuousClock.Instant]
    var answered: [ContinuousClock.Instant]
    var statuses: [Int]
    /// The first few bodies of answers that were not 200, for the error message.
    var failures: [String]

    var finished: ContinuousClock.Instant { answered.max() ?? started }
    var seconds: Double { (finished - started).seconds }
    var requestsPerSecond: Double { Double(sent.count) / max(seconds, 0.000_001) }
    var nonOK: Int { statuses.filter { $0 != 200 }.count }
    /// Send-to-answer latency of every request, in seconds.
    var latencies: [Double] { zip(sent, answered).map { ($1 - $0).seconds } }
}

/// Sends prepared POSTs with a fixed number of concurrent senders over keep-alive connections (AsyncHTTPClient),
/// recording when each one left and when its answer was read in full.
final class LoadGenerator: Sendable {
    let client: HTTPClient
    let concurrency: Int

    init(concurrency: Int) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(120))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.concurrency = concurrency
    }

    func shutdown() async throws {
        try await client.shutdown()
    }

    /// Send every request to `baseURL`, `concurrency` at a time; each sender takes the next unsent one.
    func run(baseURL: String, _ requests: [PreparedRequest]) async throws -> LoadResult {
        let count = requests.count
        let next = TicketCounter()
        let timings = Shared(Timings(count: count))
        let client = self.client
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<min(concurrency, max(count, 1)) {
                group.addTask {
                    while true {
                        let index = next.take()
                        guard index < count else { return }
                        let prepared = requests[index]
                        var request = HTTPClientRequest(url: baseURL + prepared.path)
                        request.method = .POST
                        request.headers = prepared.headers
                        request.body = .bytes(prepared.body)
                        let sent = ContinuousClock.now
                        let response = try await client.execute(request, timeout: .seconds(120))
                        let body = try await response.body.collect(upTo: 1 << 20)
                        let answered = ContinuousClock.now
                        let status = Int(response.status.code)
                        timings.withLock { timings in
                            timings.sent[index] = sent
                            timings.answered[index] = answered
                            timings.statuses[index] = status
                            if status != 200, timings.failures.count < 5 { timings.failures.append("HTTP \(status): \(String(buffer: body))") }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let collected = timings.value
        return LoadResult(started: started, sent: collected.sent, answered: collected.answered, statuses: collected.statuses, failures: collected.failures)
    }

    private struct Timings: Sendable {
        var sent: [ContinuousClock.Instant]
        var answered: [ContinuousClock.Instant]
        var statuses: [Int]
        var failures: [String] = []

        init(count: Int) {
            let now = ContinuousClock.now
            sent = Array(repeating: now, count: count)
            answered = Array(repeating: now, count: count)
            statuses = Array(repeating: 0, count: count)
        }
    }
}

/// A value several tasks update under a lock.
final class Shared<Value: Sendable>: Sendable {
    private let state: Mutex<Value>
    init(_ value: Value) { state = Mutex(value) }
    var value: Value { state.withLock { $0 } }
    func withLock<T>(_ body: (inout sending Value) -> T) -> T { state.withLock { body(&$0) } }
}

/// Hands out indices (of requests, of calls) to concurrent senders, each once.
final class TicketCounter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// Percentiles of a list of durations in seconds, reported in milliseconds.
struct LatencySummary {
    let sorted: [Double]

    init(_ seconds: [Double]) {
        sorted = seconds.sorted()
    }

    /// Nearest-rank percentile in milliseconds (`p` in 0…100).
    func milliseconds(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return rounded(sorted[min(max(rank, 1), sorted.count) - 1] * 1000, 2)
    }
}

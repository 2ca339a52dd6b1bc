import ConnectorKit
import Foundation
import Synchronization

/// Wraps the node's HTTP transport to time every Cloud API send (`POST …/messages`) from request to answer and to
/// count the answers that carried 130429 (the business number's throughput was exceeded), so the fan-out benchmark
/// reports send latency and rate-limit errors as the client saw them.
final class SendTimingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let state = Mutex<(latencies: [Double], throughputErrors: Int)>(([], 0))

    init(_ inner: any HTTPTransport) {
        self.inner = inner
    }

    func send(_ request: OutboundRequest) async throws -> InboundResponse {
        guard request.method == .post, request.url.hasSuffix("/messages") else { return try await inner.send(request) }
        let started = ContinuousClock.now
        let response = try await inner.send(request)
        let seconds = (ContinuousClock.now - started).seconds
        let limited = response.status == 429 && String(decoding: response.body, as: UTF8.self).contains("130429")
        state.withLock { state in
            state.latencies.append(seconds)
            if limited { state.throughputErrors += 1 }
        }
        return response
    }

    /// Every send's latency in seconds, and how many were answered 130429.
    var figures: (latencies: [Double], throughputErrors: Int) { state.withLock { $0 } }
}

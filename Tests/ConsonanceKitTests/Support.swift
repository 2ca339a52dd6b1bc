import ConnectorKit
import Foundation
import Synchronization
import Testing
@testable import ConsonanceKit

/// The key used by every test; assertions check it never leaks into error text.
let testKey = "k3yABCDEFGHIJKLMNOPQRSTUVWXYZ0123"

func makeClient(_ transport: any HTTPTransport, host: String = ConsonanceConfiguration.defaultHost, maxConcurrent: Int = 2, attempts: Int = 3) -> ConsonanceClient {
    ConsonanceClient(
        configuration: ConsonanceConfiguration(
            host: host, apiKey: testKey,
            retryPolicy: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), jitter: 0),
            maxConcurrentRequests: maxConcurrent),
        transport: transport)
}

/// `{"data": {field: value}}` as a 200 response.
func dataResponse(_ field: String, _ value: String) -> ScriptedTransport.Outcome {
    .respond(.json(200, #"{"data":{"\#(field)":\#(value)}}"#))
}

/// The JSON body of a sent request.
func body(of request: OutboundRequest) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(try #require(request.body)))
}

func variables(of request: OutboundRequest) throws -> JSONValue {
    try #require(try body(of: request)["variables"])
}

/// A transport that answers every request after a pause and records how many were in flight at once.
final class CountingTransport: HTTPTransport {
    private let counts = Mutex((current: 0, peak: 0, total: 0))
    let delay: Duration
    let response: InboundResponse

    init(delay: Duration, response: InboundResponse) {
        self.delay = delay
        self.response = response
    }

    var peak: Int { counts.withLock { $0.peak } }
    var total: Int { counts.withLock { $0.total } }

    func send(_ request: OutboundRequest) async throws -> InboundResponse {
        counts.withLock { counts in
            counts.current += 1
            counts.total += 1
            counts.peak = max(counts.peak, counts.current)
        }
        defer { counts.withLock { $0.current -= 1 } }
        try await Task.sleep(for: delay)
        return response
    }
}

extension OutboundRequest {
    /// Case-insensitive header lookup (first match).
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

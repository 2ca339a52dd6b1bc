import AsyncHTTPClient
import Foundation
import NIOCore

/// One-off HTTP calls the benchmarks make outside the measured load (creating a task through the admin API).
enum BenchHTTP {
    /// POST a JSON body; returns the status code.
    static func post(_ url: String, body: String, bearer: String? = nil) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import Sandbox

/// A running sandbox on 127.0.0.1 with a hand-driven clock, plus helpers to call it over real HTTP.
struct SandboxHarness: Sendable {
    static let email = "admin@example.com"
    static let token = "sandbox-token"

    let sandbox: ZendeskSandbox
    let clock: TestClock
    let baseURL: String

    /// Credentials to send.
    enum Auth: Sendable {
        case token
        case basic(email: String, token: String)
        case bearer(String)
        case none
    }

    /// Runs `body` against a fresh sandbox (no rate limits, no faults, no export lag unless configured).
    static func with<Result: Sendable>(
        ticketCount: Int = 40, seed: UInt64 = 7,
        configure: (inout ZendeskSandboxConfiguration) -> Void = { _ in },
        _ body: (SandboxHarness) async throws -> Result
    ) async throws -> Result {
        let clock = TestClock()
        var configuration = ZendeskSandboxConfiguration(
            seed: seed, ticketCount: ticketCount, rateLimits: .unlimited, exportLag: .zero, now: clock.function)
        configure(&configuration)
        let sandbox = ZendeskSandbox(configuration: configuration)
        let port = try await sandbox.start()
        let harness = SandboxHarness(sandbox: sandbox, clock: clock, baseURL: "http://127.0.0.1:\(port)")
        do {
            let result = try await body(harness)
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    func get(_ path: String, auth: Auth = .token) async throws -> HTTPResult {
        try await send(.GET, path, auth: auth)
    }

    /// Sends a request to `path` (relative like `/api/v2/tickets.json`, or an absolute link from a response).
    func send(_ method: HTTPMethod, _ path: String, json: String? = nil, auth: Auth = .token,
              headers: [(String, String)] = [], timeout: TimeAmount = .seconds(20)) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : baseURL + path)
        request.method = method
        switch auth {
        case .token: request.headers.add(name: "Authorization", value: Self.basic(Self.email, Self.token))
        case .basic(let email, let token): request.headers.add(name: "Authorization", value: Self.basic(email, token))
        case .bearer(let token): request.headers.add(name: "Authorization", value: "Bearer \(token)")
        case .none: break
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return HTTPResult(status: Int(response.status.code), headers: response.headers,
                          body: Array(body.readableBytesView))
    }

    static func basic(_ email: String, _ token: String) -> String {
        "Basic " + Data("\(email)/token:\(token)".utf8).base64EncodedString()
    }
}

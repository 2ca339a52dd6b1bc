import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import Sandbox

/// A running Consonance sandbox on 127.0.0.1 with a fixed calendar date, plus helpers to send GraphQL and admin
/// requests over real HTTP.
struct ConsonanceHarness: Sendable {
    static let key = ConsonanceSandboxConfiguration.defaultAPIKey
    /// The sandbox date every test starts on (a Monday).
    static let today = SandboxDate("2025-06-02")!

    let sandbox: ConsonanceSandbox
    let baseURL: String

    enum Auth: Sendable {
        case key
        case header(String)
        case none
    }

    static func configuration(works: Int = 40, seed: UInt64 = 7) -> ConsonanceSandboxConfiguration {
        ConsonanceSandboxConfiguration(seed: seed, workCount: works, today: today)
    }

    /// Runs `body` against a fresh, started sandbox and stops it afterwards.
    static func with<Result: Sendable>(
        works: Int = 40, seed: UInt64 = 7,
        configure: (inout ConsonanceSandboxConfiguration) -> Void = { _ in },
        _ body: (ConsonanceHarness) async throws -> Result
    ) async throws -> Result {
        var configuration = configuration(works: works, seed: seed)
        configure(&configuration)
        let sandbox = ConsonanceSandbox(configuration: configuration)
        let port = try await sandbox.start()
        let harness = ConsonanceHarness(sandbox: sandbox, baseURL: "http://127.0.0.1:\(port)")
        do {
            let result = try await body(harness)
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// `POST /graphql` with `{"query", "variables"}`.
    func graphQL(_ query: String, variables: [String: Any] = [:], auth: Auth = .key) async throws -> HTTPResult {
        var body: [String: Any] = ["query": query]
        if !variables.isEmpty { body["variables"] = variables }
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await send(.POST, "/graphql", body: Array(data), auth: auth)
    }

    /// The `data` of a successful GraphQL response; fails when the status is not 200 or `errors` is present.
    func data(_ query: String, variables: [String: Any] = [:]) async throws -> JSONValue {
        let result = try await graphQL(query, variables: variables)
        guard result.status == 200, result.json["errors"] == nil else { throw GraphQLFailure(text: result.text) }
        return result.json.at("data")
    }

    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, auth: Auth = .none) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        switch auth {
        case .key: request.headers.add(name: "Authorization", value: "Bearer \(ConsonanceHarness.key)")
        case .header(let value): request.headers.add(name: "Authorization", value: value)
        case .none: break
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return HTTPResult(status: Int(response.status.code), headers: response.headers,
                          body: Array(collected.readableBytesView))
    }

    /// A `/_sandbox/…` request with a JSON body.
    func admin(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> HTTPResult {
        try await send(method, "/_sandbox/" + path, body: json.map { Array($0.utf8) })
    }

    struct GraphQLFailure: Error, CustomStringConvertible {
        var text: String
        var description: String { "GraphQL request failed: \(text)" }
    }
}

/// Follows `after` through a root list the way a client walks Consonance: ascending ids until an empty page.
extension ConsonanceHarness {
    func walk(_ field: String, search: String, extra: String = "", selection: String = "id") async throws -> [[JSONValue]] {
        var pages: [[JSONValue]] = []
        var after = 0
        for _ in 0..<10_000 {
            let separator = extra.isEmpty ? "" : ", "
            let query = "{ \(field)(\(search): {after: \(after)\(separator)\(extra)}) { \(selection) } }"
            let page = try await data(query).at(field).array
            if page.isEmpty { return pages }
            pages.append(page)
            after = Int(page.last!.at("id").int!)
        }
        throw GraphQLFailure(text: "endless walk")
    }
}

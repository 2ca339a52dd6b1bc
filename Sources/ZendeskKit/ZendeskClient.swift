import ConnectorKit
import Foundation
import LooseJSON
import Logging

/// A typed client for the Zendesk Support API.
///
/// Every call is charged to one of two budgets — ``accountBudget`` or ``exportBudget`` (the incremental
/// export family shares ten requests a minute) — and goes through a ``RemoteCaller`` that waits out
/// `429`s, retries 5xx, resets, timeouts and undecodable bodies with backoff, and maps Zendesk's error
/// envelopes to ``ZendeskError``. The client holds no Switchboard concepts and can be used on its own.
public struct ZendeskClient: Sendable {
    public let configuration: ZendeskConfiguration
    public let accountBudget: RateLimitBudget
    public let exportBudget: RateLimitBudget
    let caller: RemoteCaller

    public init(configuration: ZendeskConfiguration, transport: any HTTPTransport, logger: Logger = Logger(label: "switchboard.zendesk"), onEvent: @escaping @Sendable (RemoteCallEvent) -> Void = { _ in }) {
        self.configuration = configuration
        self.accountBudget = RateLimitBudget(name: "account", configuration: configuration.accountBudget)
        self.exportBudget = RateLimitBudget(name: "export", configuration: configuration.exportBudget)
        self.caller = RemoteCaller(transport: transport, retryPolicy: configuration.retryPolicy, logger: logger, onEvent: onEvent)
    }

    /// Which budget a request is charged to.
    public enum Budget: Sendable { case account, export }

    /// `GET /api/v2/{path}` decoded as `T`.
    public func get<T: Decodable & Sendable>(_ path: String, query: [(String, String)] = [], budget: Budget = .account, as type: T.Type = T.self) async throws -> T {
        try await send(.get, path, query: query, body: Optional<[String: String]>.none, budget: budget)
    }

    /// Send a request with an optional JSON body and decode a JSON answer.
    public func send<Body: Encodable & Sendable, T: Decodable & Sendable>(
        _ method: OutboundRequest.Method, _ path: String, query: [(String, String)] = [], body: Body?, headers: [(String, String)] = [], budget: Budget = .account, as type: T.Type = T.self
    ) async throws -> T {
        try await exchange(method, path, query: query, body: body, headers: headers, budget: budget) { response in
            try Self.decode(T.self, from: response)
        }
    }

    /// Send a request and hand back the raw response for statuses such as `204 No Content`.
    public func sendExpectingNoContent<Body: Encodable & Sendable>(_ method: OutboundRequest.Method, _ path: String, query: [(String, String)] = [], body: Body?) async throws {
        try await exchange(method, path, query: query, body: body, headers: [], budget: .account) { _ in () }
    }

    func exchange<Body: Encodable & Sendable, T: Sendable>(
        _ method: OutboundRequest.Method, _ path: String, query: [(String, String)], body: Body?, headers: [(String, String)], budget: Budget,
        interpret: @escaping @Sendable (InboundResponse) throws -> T
    ) async throws -> T {
        var requestHeaders: [(String, String)] = [
            ("Authorization", configuration.credentials.authorizationHeader),
            ("Accept", "application/json"),
            ("User-Agent", configuration.userAgent),
        ]
        var bytes: [UInt8]?
        if let value = body as? JSONValue {
            // Most bodies are built as `JSONValue`; its own writer costs a fraction of `JSONEncoder`.
            var text: [UInt8] = []
            value.write(into: &text)
            bytes = text
        } else if let body {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            bytes = Array(try encoder.encode(body))
        }
        if bytes != nil { requestHeaders.append(("Content-Type", "application/json")) }
        requestHeaders.append(contentsOf: headers)
        let request = OutboundRequest(method: method, url: url(path, query: query), headers: requestHeaders, body: bytes, timeout: configuration.requestTimeout)
        return try await caller.call(request, budget: budget == .export ? exportBudget : accountBudget) { response in
            guard response.isSuccess else { throw ZendeskError(status: response.status, body: response.body) }
            return try interpret(response)
        }
    }

    /// Build `{baseURL}/api/v2/{path}?{query}` with the query percent-encoded (`page[size]` → `page%5Bsize%5D`).
    public func url(_ path: String, query: [(String, String)] = []) -> String {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var text = "\(configuration.baseURL)/api/v2/\(trimmed)"
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        return text
    }

    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~,")
        return set
    }()

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }

    /// Decode a successful body; a body that is not the expected JSON is retried (it was probably cut short).
    /// With `members`, only those top-level members of the body are built (see
    /// ``JSONParser/parse(_:keepingMembers:)``); the rest is still checked.
    static func decode<T: Decodable>(_ type: T.Type, from response: InboundResponse, members: [String]? = nil) throws -> T {
        do {
            guard let members else { return try JSONValueDecoder.lenient.decode(T.self, from: response.body) }
            return try JSONValueDecoder.lenient.decode(T.self, from: JSONParser.parse(response.body, keepingMembers: members))
        } catch {
            throw RetryableResponseError(reason: "malformed response body (\(describeDecodingError(error)); \(response.body.count) bytes)")
        }
    }
}

import ConnectorKit
import Foundation
import Logging

/// A typed client for Consonance's GraphQL API (`POST {host}/graphql`, `Authorization: Bearer {key}`).
///
/// Every request goes through a ``RemoteCaller`` — which waits out `429` (honouring `Retry-After`) and retries
/// 5xx, resets, timeouts and undecodable bodies with backoff and jitter — and through a gate that keeps at most
/// ``ConsonanceConfiguration/maxConcurrentRequests`` requests in flight. GraphQL `errors`, refused keys and
/// rejected mutations become ``ConsonanceError``; retries that run out surface as ConnectorKit's `RemoteCallFailure`.
/// The client holds no application concepts and can be used on its own. Copies share the gate and the budget.
public struct ConsonanceClient: Sendable {
    public let configuration: ConsonanceConfiguration
    /// Every request is charged here; it pauses the client after a `429`.
    public let budget: RateLimitBudget
    let caller: RemoteCaller
    /// For mutations that must not run twice (creating a link): no retries after a failure, but `429` still waits.
    let singleAttemptCaller: RemoteCaller

    public init(configuration: ConsonanceConfiguration, transport: any HTTPTransport, logger: Logger = Logger(label: "consonance"), onEvent: @escaping @Sendable (RemoteCallEvent) -> Void = { _ in }) {
        self.configuration = configuration
        self.budget = RateLimitBudget(name: "consonance", configuration: configuration.requestBudget)
        let gated = GatedTransport(base: transport, gate: ConcurrencyGate(limit: configuration.maxConcurrentRequests))
        self.caller = RemoteCaller(transport: gated, retryPolicy: configuration.retryPolicy, logger: logger, onEvent: onEvent)
        let policy = configuration.retryPolicy
        let once = RetryPolicy(maxAttempts: 1, baseDelay: policy.baseDelay, maxDelay: policy.maxDelay, jitter: policy.jitter, maxRateLimitWaits: policy.maxRateLimitWaits)
        self.singleAttemptCaller = RemoteCaller(transport: gated, retryPolicy: once, logger: logger, onEvent: onEvent)
    }

    /// Run any query or mutation and return its `data`.
    ///
    /// Throws ``ConsonanceError`` of kind ``ConsonanceError/Kind/graphQL`` when the response lists `errors`, even
    /// alongside `data` (which is then kept in ``ConsonanceError/partialData``).
    public func execute(_ query: String, variables: [String: JSONValue] = [:]) async throws -> JSONValue {
        try await perform(query, variables: variables, field: nil, as: JSONValue.self)
    }

    /// Send `document` and decode `data[field]` (or the whole `data` when `field` is nil) as `T`.
    /// `payloadObject` names the object field of a mutation payload (``MutationPayload``).
    func perform<T: Decodable & Sendable>(_ document: String, variables: [String: JSONValue], field: String?, payloadObject: String? = nil, as type: T.Type, retrying: Bool = true) async throws -> T {
        let body = GraphQLRequestBody(query: document, variables: variables)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let request = OutboundRequest(
            method: .post, url: configuration.endpoint,
            headers: [
                ("Authorization", "Bearer \(configuration.apiKey)"),
                ("Content-Type", "application/json; charset=utf-8"),
                ("Accept", "application/json"),
                ("User-Agent", configuration.userAgent),
            ],
            body: Array(try encoder.encode(body)), timeout: configuration.requestTimeout)
        let host = configuration.host
        let redactor = Redactor(secret: configuration.apiKey)
        do {
            return try await (retrying ? caller : singleAttemptCaller).call(request, budget: budget) { response in
                try GraphQLResponseReader(redactor: redactor, host: host).read(response, field: field, payloadObject: payloadObject, as: T.self)
            }
        } catch let failure as RemoteCallFailure {
            throw redactor.redact(failure)
        }
    }

    /// Run a Relay-style mutation and return its payload, turning non-empty payload `errors` into ``ConsonanceError/Kind/mutationRejected``.
    func mutate<Object: Decodable & Sendable>(_ document: String, field: String, input: [String: JSONValue], object: String, as type: Object.Type, retrying: Bool = true) async throws -> MutationPayload<Object> {
        let payload = try await perform(document, variables: ["input": .object(input)], field: field, payloadObject: object, as: Optional<MutationPayload<Object>>.self, retrying: retrying)
        guard let payload else {
            throw ConsonanceError(kind: .unexpectedResponse, message: "\(field) returned no payload")
        }
        if !payload.errors.isEmpty {
            throw ConsonanceError(kind: .mutationRejected, message: "\(field) was rejected", mutationErrors: payload.errors)
        }
        return payload
    }
}

/// `{"query": …, "variables": {…}}`.
struct GraphQLRequestBody: Encodable, Sendable {
    var query: String
    var variables: [String: JSONValue]
}

/// Removes the API key from any text that leaves the client (error bodies, retry reasons).
struct Redactor: Sendable {
    let secret: String

    func redact(_ text: String) -> String {
        guard secret.count >= 4 else { return text }
        return text.replacingOccurrences(of: secret, with: "[redacted]")
    }

    func redact(_ failure: RemoteCallFailure) -> RemoteCallFailure {
        var copy = failure
        copy.errors = failure.errors.map(redact)
        if var response = failure.lastResponse {
            response.body = Array(redact(String(decoding: response.body, as: UTF8.self)).utf8)
            copy.lastResponse = response
        }
        return copy
    }
}

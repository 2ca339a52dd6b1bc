import ConnectorKit
import Foundation

/// A typed failure from the Consonance API, with enough detail to act on.
///
/// GraphQL reports query problems inside an HTTP 200 (``Kind/graphQL``), so the status alone is not enough;
/// Relay-style mutations report validation problems in their payload (``Kind/mutationRejected``). Retryable
/// failures (429, 5xx, resets, timeouts, undecodable bodies) never arrive here: ``RemoteCaller`` retries them and,
/// when the retries run out, throws ConnectorKit's `RemoteCallFailure`. The API key never appears in any field.
public struct ConsonanceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in terms a caller can act on.
    public enum Kind: String, Sendable {
        /// The response carried GraphQL `errors` (possibly alongside partial `data`, kept in ``partialData``).
        case graphQL
        /// 401/403: the API key was refused.
        case unauthorized
        /// 404: there is no GraphQL endpoint at this host.
        case notFound
        /// Any other 4xx.
        case badRequest
        /// A mutation ran but its payload listed `errors`; nothing was changed.
        case mutationRejected
        /// A well-formed answer that cannot be used: a missing record, an id that does not advance while paging, an unexpected status.
        case unexpectedResponse
    }

    public var kind: Kind
    /// The HTTP status, when the error came from a response.
    public var status: Int?
    /// A one-paragraph explanation for logs and people.
    public var message: String
    /// Every entry of the response's `errors` array, in order.
    public var graphQLErrors: [GraphQLErrorDetail]
    /// The `errors` strings of a rejected mutation's payload.
    public var mutationErrors: [String]
    /// `data` from a response that also carried errors, so partial results are not lost.
    public var partialData: JSONValue?
    /// The start of the response body (key removed), for diagnosis.
    public var rawBody: String

    public init(kind: Kind, status: Int? = nil, message: String, graphQLErrors: [GraphQLErrorDetail] = [], mutationErrors: [String] = [], partialData: JSONValue? = nil, rawBody: String = "") {
        self.kind = kind
        self.status = status
        self.message = message
        self.graphQLErrors = graphQLErrors
        self.mutationErrors = mutationErrors
        self.partialData = partialData
        self.rawBody = rawBody
    }

    public var description: String {
        var text = "Consonance"
        if let status { text += " (HTTP \(status))" }
        text += ": " + message
        if !graphQLErrors.isEmpty { text += " — " + graphQLErrors.map(\.description).joined(separator: "; ") }
        if !mutationErrors.isEmpty { text += " — " + mutationErrors.joined(separator: "; ") }
        return text
    }

    /// The error for a non-2xx status other than 429 and 5xx (which are retried before they get here).
    static func forStatus(_ status: Int, body: String, graphQLErrors: [GraphQLErrorDetail], host: String) -> ConsonanceError {
        switch status {
        case 401, 403:
            return ConsonanceError(
                kind: .unauthorized, status: status,
                message: "the API key was refused. Keys are issued by Consonance support (support@consonance.app), one per integration; check that the key is current and complete, and that \(host) is the address your users log in at (usually \(ConsonanceConfiguration.defaultHost)).",
                graphQLErrors: graphQLErrors, rawBody: body)
        case 404:
            return ConsonanceError(
                kind: .notFound, status: status,
                message: "there is no GraphQL endpoint at \(host)/graphql; the host is probably wrong. Use the address your users log in at (usually \(ConsonanceConfiguration.defaultHost)).",
                graphQLErrors: graphQLErrors, rawBody: body)
        case 400..<500:
            return ConsonanceError(kind: .badRequest, status: status, message: "the request was refused" + (graphQLErrors.isEmpty ? ": \(body.prefix(200))" : ""), graphQLErrors: graphQLErrors, rawBody: body)
        default:
            return ConsonanceError(kind: .unexpectedResponse, status: status, message: "unexpected HTTP status: \(body.prefix(200))", graphQLErrors: graphQLErrors, rawBody: body)
        }
    }
}

import ConnectorKit
import Foundation

/// Turns one HTTP response from the GraphQL endpoint into a value or a typed error.
///
/// - non-2xx (429 and 5xx never get here — ``RemoteCaller`` retries them): ``ConsonanceError`` by status, with any
///   GraphQL `errors` the body carried;
/// - 2xx with a non-empty `errors` array: ``ConsonanceError/Kind/graphQL``, keeping every error and any partial `data`;
/// - 2xx whose body is not JSON or whose `data` does not decode: `RetryableResponseError`, so the call is retried
///   (the body was probably cut short) and reported as `RemoteCallFailure` if it keeps happening.
struct GraphQLResponseReader: Sendable {
    let redactor: Redactor
    let host: String

    static let fieldKey = CodingUserInfoKey(rawValue: "consonance.field")!
    static let payloadObjectKey = CodingUserInfoKey(rawValue: "consonance.payloadObject")!

    func read<T: Decodable & Sendable>(_ response: InboundResponse, field: String?, payloadObject: String?, as type: T.Type) throws -> T {
        let bodyText = redactor.redact(String(decoding: response.body.prefix(4096), as: UTF8.self))
        guard response.isSuccess else {
            let errors = (try? JSONDecoder().decode(ErrorsOnly.self, from: Data(response.body)))?.errors ?? []
            throw ConsonanceError.forStatus(response.status, body: bodyText, graphQLErrors: errors.map(redact), host: host)
        }
        let decoder = JSONDecoder()
        if let field { decoder.userInfo[Self.fieldKey] = field }
        if let payloadObject { decoder.userInfo[Self.payloadObjectKey] = payloadObject }
        let envelope: Envelope<T>
        do {
            envelope = try decoder.decode(Envelope<T>.self, from: Data(response.body))
        } catch {
            throw RetryableResponseError(reason: "malformed response body (\(describeDecodingError(error)); \(response.body.count) bytes)")
        }
        if !envelope.errors.isEmpty {
            let partial = (try? JSONDecoder().decode(PartialData.self, from: Data(response.body)))?.data
            let messages = envelope.errors.map(redact)
            let summary = messages.count == 1 ? "the query failed" : "the query failed with \(messages.count) errors"
            throw ConsonanceError(kind: .graphQL, status: response.status, message: summary + (partial == nil ? "" : " (partial data returned)"), graphQLErrors: messages, partialData: partial, rawBody: bodyText)
        }
        switch envelope.data {
        case .success(let value)?:
            return value
        case .failure(let reason)?:
            throw RetryableResponseError(reason: "undecodable data (\(reason); \(response.body.count) bytes)")
        case nil:
            throw RetryableResponseError(reason: "response has neither data nor errors (\(response.body.count) bytes)")
        }
    }

    private func redact(_ error: GraphQLErrorDetail) -> GraphQLErrorDetail {
        var copy = error
        copy.message = redactor.redact(error.message)
        return copy
    }
}

/// `{"data": …, "errors": […]}`, decoding `data[field]` as `T` but never failing on `data` so that `errors` are always read.
private struct Envelope<T: Decodable>: Decodable {
    enum DataOutcome {
        case success(T)
        case failure(String)
    }

    var data: DataOutcome?
    var errors: [GraphQLErrorDetail]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        errors = (try? c.decodeIfPresent([Lossy<GraphQLErrorDetail>].self, forKey: AnyKey("errors")))?.map { element in
            switch element {
            case .success(let error): return error
            case .failure(_, let raw): return GraphQLErrorDetail(message: raw["message"]?.stringValue ?? raw.jsonText)
            }
        } ?? []
        guard c.contains(AnyKey("data")), (try? c.decodeNil(forKey: AnyKey("data"))) == false else {
            data = nil
            return
        }
        do {
            if let field = decoder.userInfo[GraphQLResponseReader.fieldKey] as? String {
                let object = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("data"))
                guard object.contains(AnyKey(field)) else {
                    throw DecodingError.keyNotFound(AnyKey(field), .init(codingPath: object.codingPath, debugDescription: "data has no \"\(field)\""))
                }
                data = .success(try object.decode(T.self, forKey: AnyKey(field)))
            } else {
                data = .success(try c.decode(T.self, forKey: AnyKey("data")))
            }
        } catch {
            data = .failure(describeDecodingError(error))
        }
    }
}

private struct ErrorsOnly: Decodable {
    var errors: [GraphQLErrorDetail]
}

private struct PartialData: Decodable {
    var data: JSONValue?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let value = try c.decodeIfPresent(JSONValue.self, forKey: AnyKey("data"))
        data = value == .null ? nil : value
    }
}

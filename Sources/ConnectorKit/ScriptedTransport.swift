import Foundation
import Synchronization

/// An ``HTTPTransport`` that answers from a script of canned outcomes and records what was sent.
///
/// For unit tests of anything built on ConnectorKit: retry, rate-limit and decoding behaviour can be
/// checked without sockets. When the script runs out it answers `599` so a test fails loudly.
public final class ScriptedTransport: HTTPTransport {
    public enum Outcome: Sendable {
        case respond(InboundResponse)
        case fail(TransportError)
    }

    private let script: Mutex<[Outcome]>
    private let sent = Mutex<[OutboundRequest]>([])

    public init(_ outcomes: [Outcome]) {
        self.script = Mutex(outcomes)
    }

    public var requests: [OutboundRequest] { sent.withLock { $0 } }

    public func send(_ request: OutboundRequest) async throws -> InboundResponse {
        sent.withLock { $0.append(request) }
        let next = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch next {
        case .respond(let response)?: return response
        case .fail(let error)?: throw error
        case nil: return InboundResponse(status: 599, body: Array("script exhausted".utf8))
        }
    }
}

extension InboundResponse {
    /// A JSON response, for scripts.
    public static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> InboundResponse {
        InboundResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(body.utf8))
    }
}

import ConnectorKit
import Foundation
import Synchronization

/// The `after` (and `changedSince`) of a Consonance `WorksPage` request, read from its GraphQL request body.
struct WorksPageRequest: Decodable {
    var query: String
    var variables: [String: JSONValue]?

    static let operation = "query WorksPage("

    /// The request's `after`, or `nil` for the first page; `nil` overall when the request is not a `WorksPage` query.
    static func read(_ request: OutboundRequest) -> (after: Int?, changedSince: String?)? {
        guard request.method == .post, request.url.hasSuffix("/graphql"), let body = request.body,
              let decoded = try? JSONDecoder().decode(WorksPageRequest.self, from: Data(body)), decoded.query.contains(operation) else { return nil }
        return (decoded.variables?["after"]?.int64Value.map(Int.init), decoded.variables?["changedSince"]?.stringValue)
    }
}

/// Wraps a real transport and keeps the body of every `WorksPage` answer, keyed by the request's `after`: the
/// captured catalogue that ``WorksReplayTransport`` later serves without the sandbox.
final class WorksPageRecorder: HTTPTransport {
    private let base: any HTTPTransport
    private let pages = Mutex<[Int?: [UInt8]]>([:])

    init(base: any HTTPTransport) {
        self.base = base
    }

    /// Every captured body by its `after` (`nil`: the first page).
    var captured: [Int?: [UInt8]] { pages.withLock { $0 } }

    func send(_ request: OutboundRequest) async throws -> InboundResponse {
        let response = try await base.send(request)
        if response.isSuccess, let (after, _) = WorksPageRequest.read(request) {
            pages.withLock { $0[after] = response.body }
        }
        return response
    }
}

/// Answers `POST /graphql` `WorksPage` requests from captured bodies spooled to files, by their `after` variable,
/// as Consonance would over HTTP. `changedSince` is ignored, so every pass sees the whole catalogue — the
/// worst case of Consonance's over-reporting "probably changed since". Any other request is answered with a
/// GraphQL error (a 400), so a benchmark that strays from the works walk fails loudly instead of measuring it.
///
/// Bodies are read from disk per request (as a network answer would be received into memory per page), so the
/// captured catalogue is not resident while a phase runs and its peak RSS is the poller's own.
final class WorksReplayTransport: HTTPTransport {
    struct Stats: Sendable {
        var requests = 0
        var withChangedSince = 0
        var bytes = 0
    }

    private let files: [Int?: URL]
    private let stats = Mutex(Stats())

    init(files: [Int?: URL]) {
        self.files = files
    }

    var statistics: Stats { stats.withLock { $0 } }

    func send(_ request: OutboundRequest) async throws -> InboundResponse {
        guard let (after, changedSince) = WorksPageRequest.read(request) else {
            return .json(400, #"{"errors":[{"message":"SwitchboardBench replays only WorksPage queries"}]}"#)
        }
        guard let file = files[after] else {
            return .json(400, #"{"errors":[{"message":"no captured WorksPage for after=\#(after.map(String.init) ?? "null")"}]}"#)
        }
        let body = try [UInt8](Data(contentsOf: file))
        stats.withLock {
            $0.requests += 1
            $0.bytes += body.count
            if changedSince != nil { $0.withChangedSince += 1 }
        }
        return InboundResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", "\(body.count)")], body: body)
    }
}

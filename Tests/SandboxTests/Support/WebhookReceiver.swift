import Foundation
import Hummingbird
import Logging
import NIOCore
@testable import Sandbox

/// A tiny HTTP server on 127.0.0.1 standing in for a flow's webhook endpoint: it records every request and answers
/// with scripted replies (then 200), so tests can check what the sandbox delivered and how it reacted.
final class WebhookReceiver: Sendable {
    /// One received request.
    struct Received: Sendable {
        var method: String
        var path: String
        /// Header names lower-cased.
        var headers: [String: String]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue { JSONValue.parse(body) ?? .null }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// How to answer one request.
    struct Reply: Sendable {
        var status: Int = 200
        var headers: [String: String] = [:]
        /// Wait this long before answering (to provoke timeouts).
        var delay: Duration = .zero
    }

    private struct State: Sendable {
        var received: [Received] = []
        var replies: [Reply] = []
        var task: Task<Void, any Error>?
        var port: Int?
    }

    private let state = Locked(State())

    /// `http://127.0.0.1:PORT/hook` of the running (or last) server.
    var url: String { "http://127.0.0.1:\(state.withLock { $0.port ?? 0 })/hook" }

    var port: Int? { state.withLock { $0.port } }

    /// Replies for the next requests, in order; later requests get 200.
    func script(_ replies: [Reply]) {
        state.withLock { $0.replies = replies }
    }

    func received() -> [Received] {
        state.withLock { $0.received }
    }

    /// Starts listening (on `port`, or a free one) and returns the port.
    @discardableResult
    func start(port: Int = 0) async throws -> Int {
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: Responder(receiver: self),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? port) },
            logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        state.withLock { $0.task = task }
        for await bound in started {
            state.withLock { $0.port = bound }
            return bound
        }
        try await task.value
        throw CancellationError()
    }

    func stop() async {
        let task = state.withLock { state -> Task<Void, any Error>? in
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
        _ = await task?.result
    }

    /// Runs `body` with a started receiver and stops it afterwards.
    static func with<Result: Sendable>(_ body: (WebhookReceiver) async throws -> Result) async throws -> Result {
        let receiver = WebhookReceiver()
        try await receiver.start()
        do {
            let result = try await body(receiver)
            await receiver.stop()
            return result
        } catch {
            await receiver.stop()
            throw error
        }
    }

    fileprivate func record(_ request: Received) -> Reply {
        state.withLock { state in
            state.received.append(request)
            return state.replies.isEmpty ? Reply() : state.replies.removeFirst()
        }
    }

    private struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let receiver: WebhookReceiver

        func respond(to request: Request, context: Context) async throws -> Response {
            var request = request
            let body = try await request.collectBody(upTo: 4 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let reply = receiver.record(Received(method: request.method.rawValue, path: request.uri.path,
                                                 headers: headers, body: Array(body.readableBytesView)))
            if reply.delay > .zero { try await Task.sleep(for: reply.delay) }
            var fields = HTTPFields()
            for (name, value) in reply.headers { fields[named: name.lowercased()] = value }
            return Response(status: HTTPResponse.Status(code: reply.status), headers: fields)
        }
    }
}

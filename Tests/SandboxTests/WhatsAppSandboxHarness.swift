import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
@testable import Sandbox

/// A started WhatsApp sandbox (fast timings) with a webhook receiver standing in for Switchboard, plus helpers to
/// call the Graph API and the admin endpoints over real HTTP.
struct WhatsAppSandboxHarness: Sendable {
    static let token = WhatsAppSandboxConfiguration.defaultAccessToken
    static let appSecret = WhatsAppSandboxConfiguration.defaultAppSecret

    let sandbox: WhatsAppSandbox
    let receiver: WhatsAppSandboxReceiver
    let baseURL: String
    var phoneNumberID: String { sandbox.configuration.phoneNumberID }

    static func with<Result: Sendable>(
        configure: (inout WhatsAppSandboxConfiguration) -> Void = { _ in },
        _ body: (WhatsAppSandboxHarness) async throws -> Result
    ) async throws -> Result {
        let receiver = WhatsAppSandboxReceiver()
        try await receiver.start()
        var configuration = WhatsAppSandboxConfiguration.fastForTests(seed: 11, callbackURL: receiver.url)
        configure(&configuration)
        let sandbox = WhatsAppSandbox(configuration: configuration)
        let port = try await sandbox.start()
        let harness = WhatsAppSandboxHarness(sandbox: sandbox, receiver: receiver, baseURL: "http://127.0.0.1:\(port)")
        do {
            let result = try await body(harness)
            await sandbox.stop()
            await receiver.stop()
            return result
        } catch {
            await sandbox.stop()
            await receiver.stop()
            throw error
        }
    }

    /// `POST /v23.0/{phone-number-id}/messages`.
    func sendMessage(_ json: String, token: String? = WhatsAppSandboxHarness.token, phoneNumberID: String? = nil,
                     version: String = "v23.0") async throws -> HTTPResult {
        try await request(.POST, "/\(version)/\(phoneNumberID ?? self.phoneNumberID)/messages", body: json, token: token)
    }

    /// A text message to `to`, returning the wamid (fails the test run if not accepted).
    func sendText(_ body: String, to: String) async throws -> HTTPResult {
        try await sendMessage(#"{"messaging_product":"whatsapp","to":"\#(to)","type":"text","text":{"body":"\#(body)"}}"#)
    }

    func admin(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws -> HTTPResult {
        try await request(method, "/_sandbox" + path, body: json, token: nil)
    }

    func request(_ method: HTTPMethod, _ path: String, body: String? = nil, token: String?) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return HTTPResult(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView))
    }

    /// Waits until `condition` holds (polling), up to `timeout`.
    @discardableResult
    static func eventually(timeout: Duration = .seconds(60), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// The lower-case hex HMAC-SHA256 of `body` under the app secret, computed independently of the sandbox.
    static func expectedSignature(_ body: [UInt8], secret: String = appSecret) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }
}

/// A stand-in for Switchboard's WhatsApp webhook endpoint: answers Meta's GET handshake (echoing `hub.challenge`
/// when `hub.verify_token` matches), records every POST, and answers them with scripted statuses (then 200).
final class WhatsAppSandboxReceiver: Sendable {
    struct Received: Sendable {
        var method: String
        var query: String?
        var headers: [String: String]
        var body: [UInt8]
        var json: JSONValue { JSONValue.parse(body) ?? .null }
        var text: String { String(decoding: body, as: UTF8.self) }
        /// `entry[0].changes[0].value`.
        var value: JSONValue { json.at("entry").array.first?.at("changes").array.first?.at("value") ?? .null }
    }

    private struct State: Sendable {
        var received: [Received] = []
        var statuses: [Int] = []
        var verifyToken = WhatsAppSandboxConfiguration.defaultVerifyToken
        var task: Task<Void, any Error>?
        var port: Int?
    }

    private let state = Locked(State())

    var url: String { "http://127.0.0.1:\(state.withLock { $0.port ?? 0 })/whatsapp" }

    func script(_ statuses: [Int]) { state.withLock { $0.statuses = statuses } }
    func expectVerifyToken(_ token: String) { state.withLock { $0.verifyToken = token } }

    func posts() -> [Received] { state.withLock { $0.received.filter { $0.method == "POST" } } }
    func handshakes() -> [Received] { state.withLock { $0.received.filter { $0.method == "GET" } } }

    /// Status values (`sent`, `delivered`, …) of status webhooks about `wamid`, in arrival order.
    func statuses(of wamid: String) -> [String] {
        posts().flatMap { $0.value.at("statuses").array }.filter { $0.at("id").string == wamid }.compactMap { $0.at("status").string }
    }

    /// Inbound `messages[]` objects received.
    func inboundMessages() -> [JSONValue] {
        posts().flatMap { $0.value.at("messages").array }
    }

    @discardableResult
    func start() async throws -> Int {
        var logger = Logger(label: "whatsapp-receiver")
        logger.logLevel = .critical
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(responder: Responder(receiver: self),
                              configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
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
        throw CancellationError()
    }

    func stop() async {
        let task = state.withLock { $0.task }
        task?.cancel()
        _ = await task?.result
    }

    fileprivate func record(_ request: Received) -> (Int, String) {
        state.withLock { state in
            state.received.append(request)
            if request.method == "GET" {
                let query = QueryItems(request.query)
                guard query["hub.mode"] == "subscribe", query["hub.verify_token"] == state.verifyToken else { return (403, "") }
                return (200, query["hub.challenge"] ?? "")
            }
            return (state.statuses.isEmpty ? 200 : state.statuses.removeFirst(), "")
        }
    }

    private struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let receiver: WhatsAppSandboxReceiver

        func respond(to request: Request, context: Context) async throws -> Response {
            var request = request
            let body = try await request.collectBody(upTo: 4 * 1024 * 1024)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let (status, text) = receiver.record(Received(method: request.method.rawValue, query: request.uri.query,
                                                          headers: headers, body: Array(body.readableBytesView)))
            return Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "text/plain"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

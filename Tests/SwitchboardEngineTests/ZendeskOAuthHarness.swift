import AsyncHTTPClient
import ConnectorKit
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Sandbox
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import ZendeskKit

/// A Zendesk sandbox with a registered OAuth client and a Switchboard node whose callback is that client's redirect
/// URI, plus a browser stand-in that does not follow redirects and a record of every page and log line, so tests can
/// check that no secret ever shows.
final class OAuthHarness: ShutsDown {
    static let client = OAuthClientRegistration(identifier: "switchboard-e2e", secret: ZendeskOAuthConnectTests.clientSecret, redirectURIs: [])

    let sandbox: ZendeskSandbox
    let store: Store
    let location: StoreLocation
    let secrets: SecretBox
    let transport: AsyncHTTPTransport
    let node: RunningNode
    let http: NoRedirectHTTP
    let logs: CapturedLogs
    let pages = CapturedPages()

    var nodeURL: String { "http://127.0.0.1:\(node.port)" }
    var sandboxURL: String { sandbox.baseURL }

    static func with(_ database: TestDatabase, _ body: (OAuthHarness) async throws -> Void) async throws {
        let location = database.freshLocation()
        try await Store.using(location) { store in
            try await withShutdown(try await OAuthHarness.start(store: store, location: location), body)
        }
    }

    /// Start the sandbox and the node; if either fails, what was already running is shut down before the error is
    /// thrown (a dropped HTTP client would abort the whole test process).
    private static func start(store: Store, location: StoreLocation) async throws -> OAuthHarness {
        let secrets = SecretBox(masterKey: try MasterKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "test"))
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        let http = NoRedirectHTTP()
        let port = TestHTTP.freePort()
        var client = Self.client
        client.redirectURIs = ["http://127.0.0.1:\(port)/connect/zendesk/callback"]
        var configuration = SandboxHarness.testConfiguration(tickets: 5)
        configuration.oauthClients = [client]
        let sandbox = ZendeskSandbox(configuration: configuration)
        do {
            _ = try await sandbox.start()
            try await ZendeskConnections(store: store, secrets: secrets).saveOAuthApp(
                ZendeskOAuthApp(clientID: client.identifier, clientSecret: client.secret), connection: ZendeskOAuthConnectTests.connection)
            let logs = CapturedLogs()
            var logger = Logger(label: "oauth-tests") { _ in logs.handler() }
            logger.logLevel = .trace
            let node = try await SwitchboardNode(
                store: store, flows: FlowRegistry([]), secrets: secrets,
                server: ServerConfiguration(host: "127.0.0.1", port: port, adminToken: ZendeskOAuthConnectTests.adminToken, publicURL: "http://127.0.0.1:\(port)"),
                runtime: RuntimeConfiguration(node: "oauth", concurrency: 1, pollInterval: .milliseconds(200)), transport: transport, logger: logger).start()
            return OAuthHarness(sandbox: sandbox, store: store, location: location, secrets: secrets, transport: transport, node: node, http: http, logs: logs)
        } catch {
            await sandbox.stop()
            http.shutdown()
            try? await transport.shutdown()
            throw error
        }
    }

    private init(sandbox: ZendeskSandbox, store: Store, location: StoreLocation, secrets: SecretBox, transport: AsyncHTTPTransport, node: RunningNode,
                 http: NoRedirectHTTP, logs: CapturedLogs) {
        self.sandbox = sandbox
        self.store = store
        self.location = location
        self.secrets = secrets
        self.transport = transport
        self.node = node
        self.http = http
        self.logs = logs
    }

    func shutdown() async {
        await node.stop()
        await sandbox.stop()
        http.shutdown()
        try? await transport.shutdown()
    }

    /// `GET` without following redirects; every body is kept for ``expectNothingLeaked(_:)``.
    func get(_ url: String, headers: [(String, String)] = []) async throws -> NoRedirectHTTP.Response {
        let response = try await http.get(url, headers: headers)
        pages.append(response.body + " " + (response.headers["location"].map { Self.withoutQuery($0) } ?? ""))
        return response
    }

    /// Location of `/connect/zendesk` for the test connection: the sandbox's authorization page.
    func start() async throws -> String {
        let response = try await get(nodeURL + "/connect/zendesk?connection=\(ZendeskOAuthConnectTests.connection)&base_url=\(sandboxURL)&token=\(ZendeskOAuthConnectTests.adminToken)")
        #expect(response.status == 302)
        return try #require(response.headers["location"])
    }

    /// The whole browser round trip: start, authorization page, callback. Returns the final page, the token the
    /// sandbox issued and the code it was issued for.
    func connectThroughBrowser() async throws -> (page: NoRedirectHTTP.Response, token: String, code: String) {
        let authorize = try await start()
        let back = try await get(authorize)
        #expect(back.status == 302)
        let callback = try #require(back.headers["location"])
        #expect(callback.hasPrefix(nodeURL + "/connect/zendesk/callback?code="))
        let code = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "code" }?.value)
        let page = try await get(callback)
        let stored = try await ZendeskConnections(store: store, secrets: secrets).load(name: ZendeskOAuthConnectTests.connection)
        return (page, try #require(stored.credentials.oauthToken), code)
    }

    /// Everything the database holds as text (SQLite: the files' bytes, write-ahead log included; PostgreSQL: the
    /// tables that hold connections and secrets).
    func databaseText() async throws -> String {
        switch location {
        case .sqlite(let path):
            var text = ""
            for file in [path, path + "-wal"] {
                if let data = FileManager.default.contents(atPath: file) { text += String(decoding: data, as: UTF8.self) }
            }
            return text
        default:
            return try await store.session { session in
                var text = ""
                for row in try await session.rows("SELECT name, key_id, sealed FROM secrets") {
                    text += try row.decode(column: "name", as: String.self) + (try row.decode(column: "sealed", as: String.self))
                }
                for record in try await session.connections() { text += "\(record)" }
                return text
            }
        }
    }

    /// No page, redirect target and log line contained any of `secrets`.
    func expectNothingLeaked(_ secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let seen = pages.all() + logs.all()
        #expect(!seen.isEmpty, sourceLocation: sourceLocation)
        for secret in secrets where !secret.isEmpty {
            let leaks = seen.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "a secret showed in: \(leaks.map { String($0.prefix(200)) })", sourceLocation: sourceLocation)
        }
    }

    /// Redirect targets are kept without their query: the code legitimately travels there, to the callback.
    static func withoutQuery(_ url: String) -> String {
        url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
    }
}

/// A browser stand-in: plain GETs that hand back redirects instead of following them.
final class NoRedirectHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    func get(_ url: String, headers: [(String, String)] = []) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Response(status: Int(response.status.code), headers: fields, body: String(buffer: body))
    }

    func shutdown() {
        try? client.syncShutdown()
    }
}

/// Page bodies seen by the browser stand-in.
final class CapturedPages: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()
    func append(_ text: String) { lock.lock(); items.append(text); lock.unlock() }
    func all() -> [String] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Every log line (message and metadata) a node wrote.
final class CapturedLogs: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()

    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    func all() -> [String] { lock.lock(); defer { lock.unlock() }; return lines }
    func handler() -> CapturingLogHandler { CapturingLogHandler(sink: self) }
}

struct CapturingLogHandler: LogHandler {
    let sink: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        sink.append("\(event.level) \(event.message) \(merged) \(event.error.map { String(describing: $0) } ?? "")")
    }
}

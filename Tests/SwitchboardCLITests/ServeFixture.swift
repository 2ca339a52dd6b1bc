import Foundation
import Sandbox
import SwitchboardStore
import SwitchboardTestSupport
import ZendeskKit

/// A Switchboard home wired to an in-process Zendesk sandbox: a stored connection, flow files, and
/// `switchboard serve` child processes on known ports — the way an operator runs it.
struct ServeFixture {
    static let adminToken = "test-admin-token"

    let home: TemporaryDirectory
    let sandbox: ZendeskSandbox
    let sandboxURL: String
    /// `--db PATH` or `--postgres URL`.
    let storeArguments: [String]
    let location: StoreLocation

    init(sandbox: ZendeskSandbox, sandboxURL: String, location: StoreLocation? = nil) throws {
        let home = try TemporaryDirectory()
        self.home = home
        self.sandbox = sandbox
        self.sandboxURL = sandboxURL
        let location = location ?? .sqlite(path: home.file("switchboard.db"))
        self.location = location
        switch location {
        case .sqlite(let path): storeArguments = ["--db", path]
        case .postgres(let url): storeArguments = ["--postgres", url]
        }
        try FileManager.default.createDirectory(atPath: home.file("flows"), withIntermediateDirectories: true)
    }

    var flowsPath: String { home.file("flows") }

    func cli(_ environment: [String: String] = [:]) -> CLIProcess {
        CLIProcess(home: home.path, extra: environment)
    }

    /// `switchboard <arguments> <store arguments>`, which must succeed.
    @discardableResult
    func run(_ arguments: [String]) async throws -> CLIProcess.Result {
        let result = try await cli().run(arguments + storeArguments)
        guard result.succeeded else { throw FixtureError.failed(arguments.joined(separator: " "), result.stderr + result.stdout) }
        return result
    }

    func connect() async throws {
        try await run(["connect", "zendesk", "--url", sandboxURL, "--email", "admin@example.com", "--token", "sandbox-token"])
    }

    func writeFlow(_ name: String, _ yaml: String) throws {
        try yaml.write(toFile: (flowsPath as NSString).appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
    }

    /// Start `serve` on `port` and wait until it listens.
    func startServe(port: Int, arguments: [String] = [], environment: [String: String] = [:]) async throws -> RunningProcess {
        let process = try cli(environment).start(["serve", "--host", "127.0.0.1", "--port", String(port), "--flows", flowsPath,
                                                   "--admin-token", Self.adminToken, "--poll", "100ms"] + arguments + storeArguments)
        _ = try await process.waitForOutput(containing: "serving on", timeout: .seconds(60))
        return process
    }

    /// `GET /api/<path>` with the admin token, as JSON.
    func admin(_ port: Int, _ path: String) async throws -> [String: Any] {
        let response = try await TestHTTP.get("http://127.0.0.1:\(port)/api/\(path)", bearer: Self.adminToken)
        guard response.status == 200, let object = response.json as? [String: Any] else { throw FixtureError.failed("GET /api/\(path)", "\(response.status) \(response.body)") }
        return object
    }

    func runs(_ port: Int) async throws -> [[String: Any]] {
        try await admin(port, "runs")["runs"] as? [[String: Any]] ?? []
    }

    func events(_ port: Int) async throws -> [[String: Any]] {
        try await admin(port, "events")["events"] as? [[String: Any]] ?? []
    }

    func withStore<T>(_ body: (Store) async throws -> T) async throws -> T {
        try await Store.using(location, body)
    }

    func remove() { home.remove() }

    /// Poll `condition` until it holds or `timeout` passes (then throw with `what`).
    static func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError.timedOut(what)
    }

    /// A signed Zendesk event-subscription delivery, as Zendesk would send it.
    static func signedTicketCreated(ticketID: Int64, eventID: String, subject: String, secret: String, signedAt: Date = Date()) -> (body: [UInt8], headers: [String: String]) {
        let body = Array("""
            {"type":"zen:event-type:ticket.created","account_id":1,"id":"\(eventID)","time":"\(LenientDateText.now(signedAt))","zendesk_event_version":"2022-11-06",
             "subject":"zen:ticket:\(ticketID)","detail":{"id":"\(ticketID)","subject":"\(subject)","status":"NEW","priority":"HIGH","requester_id":"1","tags":["vip"]},
             "event":{}}
            """.utf8)
        let timestamp = LenientDateText.now(signedAt)
        return (body, ["Content-Type": "application/json", ZendeskWebhookVerifier.timestampHeader: timestamp,
                       ZendeskWebhookVerifier.signatureHeader: ZendeskWebhookVerifier.signature(secret: secret, timestamp: timestamp, body: body)])
    }
}

/// Zendesk's timestamp format (`2023-09-18T23:38:13Z`).
enum LenientDateText {
    static func now(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case failed(String, String)
    case timedOut(String)
    var description: String {
        switch self {
        case .failed(let what, let output): return "\(what) failed: \(output)"
        case .timedOut(let what): return "timed out waiting for \(what)"
        }
    }
}

import Foundation
import Hummingbird
import Logging

/// A local imitation of the Zendesk Support API, served over HTTP by Hummingbird.
///
/// Tests, the demo and the benchmarks point ZendeskKit at it instead of a real account: it serves a large,
/// deterministic, lazily generated dataset, accepts changes, and reproduces Zendesk's pagination, incremental
/// exports, errors, authentication, rate limits and (on demand) network faults. The Swift API beside the HTTP one
/// lets tests change data "behind the client's back" and compare a mirror against what the sandbox holds.
public final class ZendeskSandbox: Sendable {
    public let configuration: ZendeskSandboxConfiguration
    let services: ZendeskServices
    private let server = SandboxServer(label: "switchboard.sandbox.zendesk")

    public init(configuration: ZendeskSandboxConfiguration = ZendeskSandboxConfiguration()) {
        self.configuration = configuration
        services = ZendeskServices(configuration: configuration)
    }

    /// The bound port once serving, else `nil`.
    public var port: Int? { server.port }

    /// `http://127.0.0.1:PORT` once serving (`…:0` before).
    public var baseURL: String { server.baseURL }

    /// Serves until the calling task is cancelled (used by `switchboard sandbox zendesk`).
    /// - Parameter onStarted: called with the bound port once the server accepts connections.
    public func run(host: String = "127.0.0.1", port: Int = 0,
                    onStarted: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await server.run(host: host, port: port, responder: ZendeskResponder(services: services),
                             onBound: { [services] address in services.publicHost.withLock { $0 = address } }, onStarted: onStarted)
    }

    /// Starts serving in a background task and returns the bound port (the current one if already serving).
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        try await server.start(notStarted: ZendeskSandboxError.notStarted) { started in
            try await self.run(host: host, port: port, onStarted: started)
        }
    }

    /// Stops a server started with `start` and waits until it has shut down; pending webhook deliveries are
    /// cancelled and the outbound HTTP client is shut down.
    public func stop() async {
        await server.stop()
        await services.deliverer.shutdown()
    }

    // MARK: Runtime controls

    /// Replaces the fault mix for every request (e.g. turn faults on for one part of a test).
    public func setFaults(_ faults: FaultMix) {
        services.faults.setMix(faults, scope: .all)
    }

    /// Replaces the fault mix and limits it to some requests, e.g. `.writes` to make actions fail while reads work.
    public func setFaults(_ faults: FaultMix, scope: FaultScope) {
        services.faults.setMix(faults, scope: scope)
    }

    public var faults: FaultMix { services.faults.mix }

    /// The requests the current fault mix applies to.
    public var faultScope: FaultScope { services.faults.scope }

    /// Replaces the rate-limit budgets and starts fresh windows.
    public func setRateLimits(_ spec: RateLimitSpec) {
        services.rateLimiter.setSpec(spec)
    }

    public var rateLimits: RateLimitSpec { services.rateLimiter.spec }

    /// Requests received so far (oldest first, bounded by `requestLogCapacity`).
    public func requestLog() -> [SandboxRequestRecord] {
        services.log.records()
    }

    public func clearRequestLog() {
        services.log.clear()
    }
}

/// Errors from the sandbox's Swift API.
public enum ZendeskSandboxError: Error, Equatable, CustomStringConvertible {
    /// No such record (or it was deleted).
    case notFound(String)
    /// The change was refused; the text lists Zendesk's validation messages.
    case invalid(String)
    /// The server stopped before it started listening.
    case notStarted

    public var description: String {
        switch self {
        case .notFound(let what): return "not found: \(what)"
        case .invalid(let reasons): return "invalid: \(reasons)"
        case .notStarted: return "the Zendesk sandbox did not start"
        }
    }

    init(_ error: MutationError, _ what: String) {
        switch error {
        case .notFound: self = .notFound(what)
        case .invalid(let errors): self = .invalid(errors.map { $0.description }.joined(separator: "; "))
        case .conflict: self = .invalid("\(what) changed since updated_stamp")
        }
    }
}

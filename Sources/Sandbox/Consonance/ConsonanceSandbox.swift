import Foundation
import Hummingbird
import Logging

/// A local imitation of Consonance's GraphQL API (`POST /graphql`), served over HTTP by Hummingbird.
///
/// Tests, the demo and the benchmarks point ConsonanceKit at it instead of a publisher's Consonance account. It
/// serves a deterministic catalogue (imprints, works, products with valid ISBNs, contributors, contracts), accepts
/// the mutations Switchboard uses, and reproduces Consonance's quirks: Bearer keys, plain arrays paged with `after`,
/// day-granular `changedSince` that over-reports, ONIX codes as underscore enums. Only what the real API has is
/// served; changes that happen inside Consonance are made through the Swift API here or `/_sandbox/…`.
public final class ConsonanceSandbox: Sendable {
    public let configuration: ConsonanceSandboxConfiguration
    let services: ConsonanceServices
    private let server: Locked<ServerState>

    private struct ServerState: Sendable {
        var host = "127.0.0.1"
        var port: Int?
        var task: Task<Void, any Error>?
    }

    /// Generates the catalogue (15,000 works take a second or two) and prepares, but does not start, the server.
    public init(configuration: ConsonanceSandboxConfiguration = ConsonanceSandboxConfiguration()) {
        self.configuration = configuration
        services = ConsonanceServices(configuration: configuration)
        server = Locked(ServerState())
    }

    /// The bound port once serving, else `nil`.
    public var port: Int? { server.withLock { $0.port } }

    /// `http://127.0.0.1:PORT` once serving (`…:0` before); the GraphQL endpoint is `baseURL + "/graphql"`.
    public var baseURL: String {
        server.withLock { "http://\($0.host):\($0.port ?? 0)" }
    }

    /// Serves until the calling task is cancelled (used by `switchboard sandbox consonance`).
    /// - Parameter onStarted: called with the bound port once the server accepts connections.
    public func run(host: String = "127.0.0.1", port: Int = 0,
                    onStarted: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "switchboard.sandbox.consonance")
        logger.logLevel = .critical  // Hummingbird logs routine cancellation on stop as an error
        let app = Application(
            responder: ConsonanceResponder(services: services, admin: ConsonanceAdminEndpoints(services: services)),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { [server] channel in
                let bound = channel.localAddress?.port ?? port
                server.withLock {
                    $0.host = host
                    $0.port = bound
                }
                await onStarted(bound)
            },
            logger: logger
        )
        defer { server.withLock { $0.port = nil } }
        try await app.run()
    }

    /// Starts serving in a background task and returns the bound port (the current one if already serving).
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        if let running = server.withLock({ $0.task == nil ? nil : $0.port }) { return running }
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await self.run(host: host, port: port) { bound in continuation.yield(bound) }
        }
        server.withLock { $0.task = task }
        for await bound in started { return bound }
        task.cancel()
        server.withLock { $0.task = nil }
        try await task.value
        throw ConsonanceSandboxError.notStarted
    }

    /// Stops a server started with `start` and waits until it has shut down.
    public func stop() async {
        let task = server.withLock { state -> Task<Void, any Error>? in
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
        _ = await task?.result
    }

    // MARK: Faults and the request log

    /// Replaces the transport and server faults (over-reporting is left as it is).
    public func setFaults(_ faults: FaultMix) {
        services.faults.setMix(faults)
    }

    /// Replaces all faults, over-reporting included.
    public func setFaults(_ faults: ConsonanceFaults) {
        services.faults.setMix(faults.mix)
        setOverReportChanges(faults.overReportChanges)
    }

    /// Probability (0…1) that `changedSince` also returns an unchanged record.
    public func setOverReportChanges(_ probability: Double) {
        services.overReportChanges.withLock { $0 = min(1, max(0, probability)) }
    }

    public var faults: ConsonanceFaults {
        ConsonanceFaults(mix: services.faults.mix, overReportChanges: services.overReportChanges.withLock { $0 })
    }

    /// Requests received on the API side so far (oldest first, bounded by `requestLogCapacity`); admin requests
    /// under `/_sandbox/` are not logged.
    public func requestLog() -> [ConsonanceRequestRecord] {
        services.log.records()
    }

    public func clearRequestLog() {
        services.log.clear()
    }
}

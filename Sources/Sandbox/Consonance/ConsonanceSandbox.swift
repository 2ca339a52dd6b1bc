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
    private let server = SandboxServer(label: "switchboard.sandbox.consonance")

    /// Generates the catalogue (15,000 works take a second or two) and prepares, but does not start, the server.
    public init(configuration: ConsonanceSandboxConfiguration = ConsonanceSandboxConfiguration()) {
        self.configuration = configuration
        services = ConsonanceServices(configuration: configuration)
    }

    /// The bound port once serving, else `nil`.
    public var port: Int? { server.port }

    /// `http://127.0.0.1:PORT` once serving (`…:0` before); the GraphQL endpoint is `baseURL + "/graphql"`.
    public var baseURL: String { server.baseURL }

    /// Serves until the calling task is cancelled (used by `switchboard sandbox consonance`).
    /// - Parameter onStarted: called with the bound port once the server accepts connections.
    public func run(host: String = "127.0.0.1", port: Int = 0,
                    onStarted: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await server.run(host: host, port: port, responder: ConsonanceResponder(services: services, admin: ConsonanceAdminEndpoints(services: services)),
                             onStarted: onStarted)
    }

    /// Starts serving in a background task and returns the bound port (the current one if already serving).
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        try await server.start(notStarted: ConsonanceSandboxError.notStarted) { started in
            try await self.run(host: host, port: port, onStarted: started)
        }
    }

    /// Stops a server started with `start` and waits until it has shut down.
    public func stop() async {
        await server.stop()
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

import Foundation
import Logging
import ServiceLifecycle

/// Runs a service in the background the way `switchboard serve` runs (a ServiceGroup), and stops it with a
/// graceful shutdown — as SIGTERM would — rather than by cancellation.
final class BackgroundService: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Start `run`; `started` yields once with the port the service reports.
    static func start(label: String, _ run: @escaping @Sendable (_ started: @escaping @Sendable (Int) async -> Void) async throws -> Void) async throws -> (BackgroundService, port: Int) {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: label)
        logger.logLevel = .warning
        let service = ClosureService { try await run { continuation.yield($0) } }
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [], logger: logger))
        let background = BackgroundService(group: group, task: Task { try await group.run() })
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            await background.stop()
            throw BenchError("\(label) did not start")
        }
        return (background, port)
    }

    private init(group: ServiceGroup, task: Task<Void, any Error>) {
        self.group = group
        self.task = task
    }

    /// Shut down gracefully and wait until the service has returned.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

private struct ClosureService: Service {
    let body: @Sendable () async throws -> Void
    func run() async throws { try await body() }
}

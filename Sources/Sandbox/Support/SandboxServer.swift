import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP lifecycle every sandbox shares: serve a responder on a host and port (0 picks a free one), remember the
/// bound address, start in the background and return the port, stop and wait for the shutdown.
final class SandboxServer: Sendable {
    private struct State: Sendable {
        var host = "127.0.0.1"
        var port: Int?
        var task: Task<Void, any Error>?
        var group: ServiceGroup?
    }

    private let state = Locked(State())
    private let label: String

    init(label: String) {
        self.label = label
    }

    /// The bound port once serving, else `nil`.
    var port: Int? { state.withLock { $0.port } }

    /// `http://HOST:PORT` once serving (`…:0` before).
    var baseURL: String { state.withLock { "http://\($0.host):\($0.port ?? 0)" } }

    /// Serve `responder` until the calling task is cancelled. `onBound` runs first with the bound `host:port`,
    /// then `onStarted` with the port.
    func run<Responder: HTTPResponder>(host: String, port: Int, responder: Responder, onBound: @escaping @Sendable (String) -> Void = { _ in },
                                       onStarted: @escaping @Sendable (Int) async -> Void) async throws where Responder.Context: RequestContext, Responder.Context.Source == ApplicationRequestContextSource {
        var logger = Logger(label: label)
        logger.logLevel = .critical  // Hummingbird logs routine cancellation on stop as an error
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { [state] channel in
                let bound = channel.localAddress?.port ?? port
                state.withLock {
                    $0.host = host
                    $0.port = bound
                }
                onBound("\(host):\(bound)")
                await onStarted(bound)
            },
            logger: logger
        )
        // Run the server in a service group of our own so that `stop` can shut it down gracefully: cancelling a server
        // with open keep-alive connections can trip a fatal assertion in NIO.
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        state.withLock { $0.group = group }
        defer { state.withLock { $0.port = nil; $0.group = nil } }
        try await group.run()
    }

    /// Run `serve` in a background task and return the bound port (the current one if already serving). `serve`
    /// must call its argument with the port once listening; `notStarted` is thrown if it stops before that.
    func start(notStarted: any Error, _ serve: @escaping @Sendable (_ started: @escaping @Sendable (Int) async -> Void) async throws -> Void) async throws -> Int {
        if let running = state.withLock({ $0.task == nil ? nil : $0.port }) { return running }
        let (started, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await serve { bound in continuation.yield(bound) }
        }
        state.withLock { $0.task = task }
        for await bound in started { return bound }
        // The server failed before listening, or this task was cancelled: make sure it is gone, report why.
        task.cancel()
        state.withLock { $0.task = nil }
        try await task.value
        throw notStarted
    }

    /// Stop a server started with `start` and wait until it has shut down: gracefully (open connections are closed),
    /// and by cancellation only if that takes more than 10 s.
    func stop() async {
        let (task, group) = state.withLock { state -> (Task<Void, any Error>?, ServiceGroup?) in
            defer { state.task = nil }
            return (state.task, state.group)
        }
        guard let task else { return }
        if let group { await group.triggerGracefulShutdown() } else { task.cancel() }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(10))
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }
}

import Foundation
import ServiceLifecycle

/// A ``SwitchboardNode`` running in the background of the current process (the demo, tests, embedding), with the
/// port it bound and a way to stop it.
public final class RunningNode: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>
    private let shutdown: NodeShutdown

    init(port: Int, task: Task<Void, any Error>, shutdown: NodeShutdown) {
        self.port = port
        self.task = task
        self.shutdown = shutdown
    }

    /// Stop serving and wait until the node has shut down: gracefully, as `SIGTERM` would (the HTTP server closes its
    /// connections, running jobs finish or are released), and by cancellation only if that takes longer than `grace`.
    /// Cancelling a server with open keep-alive connections can trip a fatal assertion in NIO, so cancellation is the
    /// fallback, not the way.
    public func stop(grace: Duration = .seconds(30)) async {
        await shutdown.trigger()
        let task = self.task
        let watchdog = Task {
            try await Task.sleep(for: grace)
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }
}

/// Lets a caller ask a running node to shut down gracefully: the node hands its service group over once it has one.
public actor NodeShutdown {
    private var group: ServiceGroup?
    private var requested = false

    public init() {}

    func attach(_ group: ServiceGroup) async {
        self.group = group
        if requested { await group.triggerGracefulShutdown() }
    }

    /// Shut the node down gracefully (now, or as soon as it has started).
    public func trigger() async {
        requested = true
        await group?.triggerGracefulShutdown()
    }
}

extension SwitchboardNode {
    /// Start serving in a background task (no signal handling) and return once the server listens.
    public func start() async throws -> RunningNode {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let shutdown = NodeShutdown()
        let task = Task {
            defer { continuation.finish() }
            try await run(gracefulShutdownSignals: [], shutdown: shutdown) { port in continuation.yield(port) }
        }
        for await port in ports { return RunningNode(port: port, task: task, shutdown: shutdown) }
        task.cancel()
        try await task.value
        throw NodeStartError()
    }
}

/// The node stopped before it started listening.
public struct NodeStartError: Error, CustomStringConvertible {
    public var description: String { "the Switchboard node stopped before it started listening" }
}

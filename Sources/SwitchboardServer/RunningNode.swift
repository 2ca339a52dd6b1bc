import Foundation

/// A ``SwitchboardNode`` running in the background of the current process (the demo, tests, embedding), with the
/// port it bound and a way to stop it.
public final class RunningNode: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Stop serving and wait until the node has shut down.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }
}

extension SwitchboardNode {
    /// Start serving in a background task (no signal handling) and return once the server listens.
    public func start() async throws -> RunningNode {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await run(gracefulShutdownSignals: []) { port in continuation.yield(port) }
        }
        for await port in ports { return RunningNode(port: port, task: task) }
        task.cancel()
        try await task.value
        throw NodeStartError()
    }
}

/// The node stopped before it started listening.
public struct NodeStartError: Error, CustomStringConvertible {
    public var description: String { "the Switchboard node stopped before it started listening" }
}

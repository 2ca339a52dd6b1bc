import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import SwitchboardStore

/// A node's job workers: `concurrency` loops that lease a due job, run it, and look for the next, waking early
/// when this node queues work. On graceful shutdown they stop leasing, let running jobs finish for
/// ``RuntimeConfiguration/shutdownGrace``, and then give back any lease still held so other nodes can take over.
public struct WorkerPool: Service {
    public let executor: JobExecutor
    public let signal: WorkSignal

    public init(executor: JobExecutor, signal: WorkSignal) {
        self.executor = executor
        self.signal = signal
    }

    public func run() async throws {
        let configuration = executor.configuration
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await withTaskGroup(of: Void.self) { workers in
                        for _ in 0..<configuration.concurrency {
                            workers.addTask { await workerLoop(stopping) }
                        }
                        await workers.waitForAll()
                    }
                }
                group.addTask {
                    // After shutdown is requested, give running jobs the grace period, then interrupt them.
                    await stopping.waitUntilStopped()
                    try? await Task.sleep(for: configuration.shutdownGrace)
                }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            stopping.stop()
            signal.notify()
        }
        let released = (try? await executor.store.session { try await $0.releaseLeases(node: configuration.node, nowMilliseconds: epochMilliseconds()) }) ?? 0
        if released > 0 { executor.logger.info("released leases on shutdown", metadata: ["jobs": "\(released)"]) }
    }

    /// Lease, run, repeat — until told to stop.
    func workerLoop(_ stopping: StopFlag) async {
        while !stopping.isStopped, !Task.isCancelled {
            let jobs: [any Sendable]
            do {
                let leased = try await executor.lease(limit: 1)
                for job in leased { await executor.execute(job) }
                jobs = leased
            } catch {
                executor.logger.error("could not lease jobs", metadata: ["error": "\(error)"])
                jobs = []
                try? await Task.sleep(for: executor.configuration.pollInterval)
            }
            if jobs.isEmpty, !stopping.isStopped { await signal.wait(timeout: executor.configuration.pollInterval) }
        }
    }
}

/// Set once when shutdown starts; loops check it between jobs.
final class StopFlag: Sendable {
    private let signal = WorkSignal()
    private let stopped = AtomicFlag()

    var isStopped: Bool { stopped.value }

    func stop() {
        stopped.set()
        signal.notify()
    }

    /// Returns once stopped, or when the task is cancelled (a cancelled wait would otherwise return at once, forever).
    func waitUntilStopped() async {
        while !isStopped, !Task.isCancelled { await signal.wait(timeout: .seconds(3600)) }
    }
}

/// A boolean that only goes from false to true.
final class AtomicFlag: Sendable {
    private let state = Synchronization.Mutex(false)
    var value: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

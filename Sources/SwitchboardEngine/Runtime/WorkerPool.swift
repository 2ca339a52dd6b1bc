import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import SwitchboardStore

/// A node's job workers: up to `concurrency` jobs run at once. One dispatcher leases as many due jobs as there are
/// free slots — the whole batch in one transaction (see ``PreparedJob``) — and runs each in a task of its own,
/// waking early when this node queues work or a job finishes. On graceful shutdown it stops leasing, lets running
/// jobs finish for ``RuntimeConfiguration/shutdownGrace``, and then gives back any lease still held so other nodes
/// can take over.
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
                group.addTask { await dispatch(stopping) }
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

    /// Lease a batch for the free slots, start its jobs, repeat — until told to stop; then wait for the jobs still
    /// running.
    func dispatch(_ stopping: StopFlag) async {
        let configuration = executor.configuration
        let slots = JobSlots(capacity: configuration.concurrency)
        await withDiscardingTaskGroup { group in
            while !stopping.isStopped, !Task.isCancelled {
                let free = slots.free
                guard free > 0 else {
                    await slots.waitForFreeSlot(timeout: configuration.pollInterval)
                    continue
                }
                let batch: [PreparedJob]
                do {
                    batch = try await executor.lease(limit: free)
                } catch {
                    executor.logger.error("could not lease jobs", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: configuration.pollInterval)
                    continue
                }
                for job in batch {
                    slots.take()
                    group.addTask {
                        await executor.execute(job)
                        slots.give()
                    }
                }
                if batch.isEmpty, !stopping.isStopped { await signal.wait(timeout: configuration.pollInterval) }
            }
        }
    }
}

/// The dispatcher's count of running jobs, and a wake-up when one finishes.
final class JobSlots: Sendable {
    private let running = Synchronization.Mutex(0)
    private let freed = WorkSignal()
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    var free: Int { capacity - running.withLock { $0 } }

    func take() { running.withLock { $0 += 1 } }

    func give() {
        running.withLock { $0 -= 1 }
        freed.notify()
    }

    func waitForFreeSlot(timeout: Duration) async {
        await freed.wait(timeout: timeout)
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

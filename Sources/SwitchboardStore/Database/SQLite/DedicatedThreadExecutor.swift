import Foundation
import NIOConcurrencyHelpers

/// A task executor with one thread of its own.
///
/// SQLite's connection is driven synchronously (see ``SQLiteHandle``), and a commit waits for the disk. Doing that on
/// Swift's cooperative pool — two threads on a two-core machine — would stall unrelated tasks; on this thread it
/// stalls only the database work queued behind it, which has to wait anyway.
///
/// The executors live as long as the process (``pooled()``): Swift does not retain a task's preferred executor, and a
/// timer that fires after its store was closed (a cancelled `Task.sleep`, say) would otherwise resume work on a freed
/// executor.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// A few threads shared by every SQLite store in the process, handed out in turn. A process normally has one store,
    /// so it gets a thread of its own; test runs with many stores share these few.
    private static let pool = (0..<4).map { DedicatedThreadExecutor(name: "switchboard-sqlite-\($0)") }
    private static let next = NIOLockedValueBox(0)

    static func pooled() -> DedicatedThreadExecutor {
        let index = next.withLockedValue { value -> Int in
            defer { value = (value + 1) % pool.count }
            return value
        }
        return pool[index]
    }

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(name: String) {
        let thread = Thread { self.runLoop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}

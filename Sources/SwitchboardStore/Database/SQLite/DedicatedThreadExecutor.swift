import Foundation

/// A task executor with one thread of its own.
///
/// SQLite's connection is driven synchronously (see ``SQLiteHandle``), and a commit waits for the disk. Doing that on
/// Swift's cooperative pool — two threads on a two-core machine — would stall unrelated tasks; on this thread it
/// stalls only the database work queued behind it, which has to wait anyway.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init(name: String) {
        let thread = Thread { self.runLoop() }  // the thread keeps the executor alive until shutdown()
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

    /// Let the thread finish the jobs it has and end.
    func shutdown() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty, !stopped { condition.wait() }
            if jobs.isEmpty, stopped {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}

import Foundation
import SwitchboardEngine
import Synchronization

/// When each run finished, as reported by the node right after the run's outcome was committed.
final class RunCompletionLog: Sendable {
    struct Entry: Sendable {
        var at: ContinuousClock.Instant
        var status: String
    }

    private let entries = Mutex<[String: Entry]>([:])

    func record(_ completion: RunCompletion) {
        let now = ContinuousClock.now
        entries.withLock { $0[completion.runID] = Entry(at: now, status: completion.status) }
    }

    var count: Int { entries.withLock { $0.count } }

    func snapshot() -> [String: Entry] { entries.withLock { $0 } }

    /// Wait until `target` runs have finished, checking every millisecond.
    func wait(for target: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while count < target {
            guard ContinuousClock.now < deadline else { throw BenchError("only \(count) of \(target) runs finished within \(timeout)") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

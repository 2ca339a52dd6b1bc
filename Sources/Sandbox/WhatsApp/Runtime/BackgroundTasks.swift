/// The sandbox's in-flight background work — scheduled status updates, scripted replies, webhook deliveries — kept
/// so tests can wait until everything has happened and `stop()` can cancel what has not.
final class BackgroundTasks: Sendable {
    private struct State: Sendable {
        var nextID = 0
        var running: [Int: Task<Void, Never>] = [:]
    }

    private let state = Locked(State())

    var isIdle: Bool { state.withLock { $0.running.isEmpty } }

    /// Runs `operation` in a new task, tracked until it ends.
    func spawn(_ operation: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            // Created under the lock, so the removal below always finds the entry.
            state.running[id] = Task {
                await operation()
                self.state.withLock { _ = $0.running.removeValue(forKey: id) }
            }
        }
    }

    /// Waits until nothing runs; `false` if `timeout` passed first.
    func waitUntilIdle(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isIdle {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    /// Cancels everything, including work the cancelled tasks spawned on their way out, and waits for it.
    func cancelAll() async {
        for _ in 0..<10 {
            let tasks = state.withLock { Array($0.running.values) }
            guard !tasks.isEmpty else { return }
            for task in tasks { task.cancel() }
            for task in tasks { await task.value }
        }
    }
}

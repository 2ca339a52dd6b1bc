import Foundation
import Synchronization

/// Wakes idle workers as soon as this node queues a job, so a webhook's first step starts without waiting for the
/// next poll. Jobs queued by other nodes are found by polling.
public final class WorkSignal: Sendable {
    private struct State {
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waiters whose timeout fired before they registered.
        var expired: Set<UInt64> = []
        var nextID: UInt64 = 0
        /// A notification nobody was waiting for; the next wait returns at once.
        var pending = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Wake every waiting worker (or the next one to wait).
    public func notify() {
        let toResume = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if state.waiters.isEmpty { state.pending = true }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        toResume.forEach { $0.resume() }
    }

    /// Wait until notified or `timeout` passes, whichever comes first.
    public func wait(timeout: Duration) async {
        let id = state.withLock { state -> UInt64? in
            if state.pending { state.pending = false; return nil }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let resumeNow = self.state.withLock { state -> Bool in
                        if state.expired.remove(id) != nil { return true }
                        state.waiters[id] = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
            await group.next()
            group.cancelAll()
        }
        _ = state.withLock { $0.expired.remove(id) }
    }

    private func expire(_ id: UInt64) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let continuation = state.waiters.removeValue(forKey: id) { return continuation }
            state.expired.insert(id)
            return nil
        }
        continuation?.resume()
    }
}

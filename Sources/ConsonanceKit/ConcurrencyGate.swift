import ConnectorKit
import Foundation
import Synchronization

/// Admits at most `limit` holders at once; the rest wait in arrival order.
///
/// Consonance publishes no rate limits, so the client caps requests in flight instead. Waiting is cancellable:
/// a cancelled waiter leaves the queue with `CancellationError` and never takes a slot.
final class ConcurrencyGate: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var inFlight = 0
        var nextID: UInt64 = 0
        var waiters: [Waiter] = []
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Take a slot, waiting for one if all are held.
    func acquire() async throws {
        let id: UInt64? = state.withLock { state in
            if state.inFlight < limit {
                state.inFlight += 1
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = state.withLock { state in
                    if Task.isCancelled { return true }
                    // A slot may have been released between the first check and now.
                    if state.inFlight < limit {
                        state.inFlight += 1
                        continuation.resume()
                        return false
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Give a slot back, handing it straight to the longest waiter if there is one.
    func release() {
        let next = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.inFlight -= 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }
}

/// An ``HTTPTransport`` that holds a ``ConcurrencyGate`` slot for the duration of each exchange.
///
/// Wrapping the transport (rather than the whole call) limits requests actually in flight: a call waiting out a
/// retry delay or a `Retry-After` does not hold a slot.
struct GatedTransport: HTTPTransport {
    let base: any HTTPTransport
    let gate: ConcurrencyGate

    func send(_ request: OutboundRequest) async throws -> InboundResponse {
        try await gate.acquire()
        defer { gate.release() }
        return try await base.send(request)
    }
}

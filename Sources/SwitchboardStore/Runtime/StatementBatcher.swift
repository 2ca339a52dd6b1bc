import Foundation
import Synchronization

/// Writes that arrive while one is running go together into the next one: group commit for PostgreSQL statements.
///
/// Why: on PostgreSQL every statement costs the server a round trip, an executor start and a commit, whatever it
/// writes; with hundreds of webhooks and job results a second, those fixed costs are most of a write's price
/// (`scripts/bench-postgres-floor`: a minimal queue's CPU per event fell by about two thirds once its writes went 16
/// at a time). The first item that finds nothing running is written at once, alone; the ones that arrive while a
/// statement runs wait for it and go together in the next one (at most ``maximumBatch``). Each caller still gets its
/// own outcome.
///
/// A batch whose write fails (or that `batchable` refuses, or whose write answers for the wrong number of items) is
/// written again one item at a time, so one bad item never fails the others: each caller gets its own error.
final class StatementBatcher<Item: Sendable, Outcome: Sendable>: Sendable {
    /// Writes `items` and returns one outcome per item, in their order.
    typealias Write = @Sendable ([Item]) async throws -> [Outcome]

    let maximumBatch: Int

    private struct Member {
        var item: Item
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct State {
        var queue: [Member] = []
        var draining = false
        var submitted = 0
    }

    private let state = Mutex(State())
    private let write: Write
    private let batchable: @Sendable ([Item]) -> Bool

    /// - Parameters:
    ///   - batchable: whether these items may share one write (for example: no two of them touch the same row);
    ///     when it says no they are written one at a time.
    init(maximumBatch: Int, batchable: @escaping @Sendable ([Item]) -> Bool = { _ in true }, write: @escaping Write) {
        precondition(maximumBatch > 0, "a batch holds at least one item")
        self.maximumBatch = maximumBatch
        self.batchable = batchable
        self.write = write
    }

    /// Items waiting for the write after the running one (for tests and diagnostics).
    var waiting: Int { state.withLock { $0.queue.count } }

    /// Items handed to ``submit(_:)`` so far (for tests and diagnostics).
    var submitted: Int { state.withLock { $0.submitted } }

    /// Write `item` with whatever arrives alongside it, and return its outcome.
    func submit(_ item: Item) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(Member(item: item, continuation: continuation))
                state.submitted += 1
                if state.draining { return false }
                state.draining = true
                return true
            }
            // The drain belongs to no caller, so no caller's cancellation stops a batch half-way.
            if startDrain { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Member] in
                guard !state.queue.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.queue.count, maximumBatch)
                defer { state.queue.removeFirst(count) }
                return Array(state.queue.prefix(count))
            }
            if batch.isEmpty { return }
            await write(batch)
        }
    }

    private func write(_ batch: [Member]) async {
        let items = batch.map(\.item)
        if batch.count > 1, batchable(items) {
            do {
                let outcomes = try await write(items)
                if outcomes.count == batch.count {
                    for (member, outcome) in zip(batch, outcomes) { member.continuation.resume(returning: outcome) }
                    return
                }
            } catch {
                // Fall through: each item alone, so each caller gets its own outcome or error.
            }
        }
        for member in batch {
            do {
                let outcomes = try await write([member.item])
                guard let outcome = outcomes.first, outcomes.count == 1 else {
                    throw BatchedWriteMismatch(items: 1, outcomes: outcomes.count)
                }
                member.continuation.resume(returning: outcome)
            } catch {
                member.continuation.resume(throwing: error)
            }
        }
    }
}

/// A batched write answered for a different number of items than it was given: a bug in the write, reported to the
/// caller instead of guessing which outcome is whose.
struct BatchedWriteMismatch: Error, CustomStringConvertible {
    let items: Int
    let outcomes: Int

    var description: String { "a batched write answered for \(outcomes) items instead of \(items)" }
}

import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Group commit for SQLite's single connection: the transactions and sessions that queue up while one physical
/// transaction is running are run together in the next one, each inside a savepoint of its own, and committed with
/// one `COMMIT` — one fsync for the whole group instead of one per caller.
///
/// Why: with `synchronous=FULL` every commit waits for the disk, and the flow runtime commits several times per run
/// (accept the webhook, lease, step started, outbox, complete). Serialised one caller at a time, those syncs were
/// the runtime's ceiling. Batching keeps every guarantee a caller relies on:
/// - **Durability.** A caller is resumed only after the `COMMIT` that contains its writes has returned.
/// - **Atomicity.** A transaction that throws is rolled back to its savepoint; the rest of the group commits.
///   A session that throws keeps the statements that succeeded, as it would have in autocommit mode.
/// - **Isolation.** Members run one after another on the one connection, never interleaved.
/// - **Failure.** If the group's transaction itself breaks (a failed `COMMIT`, an I/O error that made SQLite roll
///   everything back), every member of the group gets the error — none was told it succeeded.
/// - **Cancellation.** A caller cancelled while its body runs cancels that body; its work is rolled back.
///
/// An idle store adds no waiting: the first caller starts a group at once. The group grows only while a commit is
/// in flight.
final class GroupCommit: Sendable {
    /// The most members one physical transaction takes, so a flood of callers still commits regularly.
    static let maximumGroupSize = 256

    private struct State {
        var queue: [Member] = []
        var draining = false
        var commits = 0
    }

    private let state = NIOLockedValueBox(State())
    private let connection: @Sendable () -> any SQLDatabase
    private let beginStatement: String
    /// Where groups and their members run (the connection's own thread), or the global executor when nil.
    private let executor: (any TaskExecutor)?

    /// How long to keep trying to begin while another connection holds the write lock, and which errors mean that.
    private let lockWait: Duration
    private let isBusy: @Sendable (any Error) -> Bool

    init(beginStatement: String, executor: (any TaskExecutor)? = nil, lockWait: Duration = .zero, isBusy: @escaping @Sendable (any Error) -> Bool = { _ in false },
         connection: @escaping @Sendable () -> any SQLDatabase) {
        self.beginStatement = beginStatement
        self.executor = executor
        self.lockWait = lockWait
        self.isBusy = isBusy
        self.connection = connection
    }

    /// Callers waiting for the next group (for tests and diagnostics).
    var waiting: Int { state.withLockedValue { $0.queue.count } }

    /// Physical transactions committed so far (for tests and diagnostics).
    var commits: Int { state.withLockedValue { $0.commits } }

    /// Run `body` in the next group. `atomic` bodies are rolled back when they throw; others keep what they did.
    func run<T: Sendable>(atomic: Bool, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let member = Member(atomic: atomic)
        let box = NIOLockedValueBox<T?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                member.prepare(
                    execute: { database in
                        let value = try await body(database)
                        box.withLockedValue { $0 = value }
                    },
                    finish: { result in
                        switch result {
                        case .success:
                            if let value = box.withLockedValue({ $0 }) { continuation.resume(returning: value) } else { continuation.resume(throwing: CancellationError()) }
                        case .failure(let error):
                            continuation.resume(throwing: error)
                        }
                    })
                enqueue(member)
            }
        } onCancel: {
            member.cancel()
        }
    }

    private func enqueue(_ member: Member) {
        let startDrain = state.withLockedValue { state -> Bool in
            state.queue.append(member)
            if state.draining { return false }
            state.draining = true
            return true
        }
        // The drain runs in a task of its own, which no caller's cancellation reaches: a group is always finished.
        if startDrain { Task(executorPreference: executor) { await self.drain() } }
    }

    private func takeGroup() -> [Member] {
        state.withLockedValue { state in
            guard !state.queue.isEmpty else {
                state.draining = false
                return []
            }
            let count = min(state.queue.count, Self.maximumGroupSize)
            let group = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return group
        }
    }

    private func drain() async {
        while true {
            let group = takeGroup()
            if group.isEmpty { return }
            await commit(group)
        }
    }

    /// Run one group in one physical transaction and resume its members.
    private func commit(_ group: [Member]) async {
        let database = connection()
        do {
            try await begin(database)
        } catch {
            for member in group { member.finish(.failure(error)) }
            return
        }
        var outcomes: [(Member, (any Error)?)] = []
        outcomes.reserveCapacity(group.count)
        for member in group {
            do {
                outcomes.append((member, try await runInSavepoint(member, database)))
            } catch {
                // The transaction is gone (SQLite rolled it back, or the savepoint could not be undone): nothing of this
                // group is on disk, so nobody in it may be told otherwise.
                try? await database.raw("ROLLBACK").run()
                for member in group { member.finish(.failure(error)) }
                return
            }
        }
        do {
            try await database.raw("COMMIT").run()
        } catch {
            try? await database.raw("ROLLBACK").run()
            for member in group { member.finish(.failure(error)) }
            return
        }
        state.withLockedValue { $0.commits += 1 }
        for (member, error) in outcomes { member.finish(error.map { .failure($0) } ?? .success(())) }
    }

    /// Begin the group's transaction. While another connection holds the write lock, wait for it by sleeping between
    /// tries — not inside SQLite's busy handler, which would block the connection's thread, and with it every other
    /// store sharing that thread (a test run's stores share a few).
    private func begin(_ database: any SQLDatabase) async throws {
        let deadline = ContinuousClock.now + lockWait
        var pause = Duration.milliseconds(1)
        while true {
            do {
                try await database.raw(SQLQueryString(beginStatement)).run()
                return
            } catch where isBusy(error) && ContinuousClock.now < deadline {
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
            }
        }
    }

    /// Run a member inside a savepoint. Returns the member's own error (its work undone when atomic); throws when the
    /// enclosing transaction can no longer be trusted.
    private func runInSavepoint(_ member: Member, _ database: any SQLDatabase) async throws -> (any Error)? {
        try await database.raw("SAVEPOINT group_member").run()
        let error = await member.execute(database, executor: executor)
        if error != nil, member.atomic {
            try await database.raw("ROLLBACK TO group_member").run()
        }
        try await database.raw("RELEASE group_member").run()
        return error
    }
}

/// One caller waiting in a ``GroupCommit``: its body, how to resume it, and its cancellation.
private final class Member: Sendable {
    private struct State {
        var execute: (@Sendable (any SQLDatabase) async throws -> Void)?
        var finish: (@Sendable (Result<Void, any Error>) -> Void)?
        var running: Task<Void, any Error>?
        var cancelled = false
    }

    let atomic: Bool
    private let state = NIOLockedValueBox(State())

    init(atomic: Bool) {
        self.atomic = atomic
    }

    func prepare(execute: @escaping @Sendable (any SQLDatabase) async throws -> Void, finish: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        state.withLockedValue {
            $0.execute = execute
            $0.finish = finish
        }
    }

    /// Run the body in a task the caller's cancellation can reach. Returns its error, if any.
    func execute(_ database: any SQLDatabase, executor: (any TaskExecutor)?) async -> (any Error)? {
        let task: Task<Void, any Error>? = state.withLockedValue { state in
            guard !state.cancelled, let execute = state.execute else { return nil }
            let task = Task(executorPreference: executor) { try await execute(database) }
            state.running = task
            return task
        }
        guard let task else { return CancellationError() }
        do {
            try await task.value
            return nil
        } catch {
            return error
        }
    }

    func cancel() {
        let running = state.withLockedValue { state -> Task<Void, any Error>? in
            state.cancelled = true
            return state.running
        }
        running?.cancel()
    }

    /// Resume the caller, once.
    func finish(_ result: Result<Void, any Error>) {
        let finish = state.withLockedValue { state -> (@Sendable (Result<Void, any Error>) -> Void)? in
            defer {
                state.finish = nil
                state.execute = nil
                state.running = nil
            }
            return state.finish
        }
        finish?(result)
    }
}

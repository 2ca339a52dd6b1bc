import Foundation
@testable import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// SQLite's group commit: callers that queue up behind a running transaction share the next physical commit, and
/// each still succeeds or fails on its own.
@Suite struct GroupCommitTests {
    private func group(of store: Store) throws -> GroupCommit {
        try #require((store.backend as? SQLiteBackend)?.group)
    }

    /// Hold one transaction open until `count` more are queued behind it, then let everything go.
    private func queueBehindOpenTransaction(_ store: Store, count: Int, _ member: @escaping @Sendable (Int) async throws -> Void) async throws -> [Result<Void, any Error>] {
        let group = try group(of: store)
        let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let blocker = Task {
            try await store.transaction { session in
                try await session.saveCursor(connection: "blocker", stream: "s", state: "{}", addRecords: 1, now: 1)
                enteredSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        let members = (0..<count).map { index in Task { () -> Result<Void, any Error> in
            do { try await member(index); return .success(()) } catch { return .failure(error) }
        } }
        while group.waiting < count { try await Task.sleep(for: .milliseconds(2)) }
        releaseSignal.yield()
        try await blocker.value
        var results: [Result<Void, any Error>] = []
        for task in members { results.append(await task.value) }
        return results
    }

    @Test func transactionsThatQueueTogetherShareOneCommit() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let before = try group(of: store).commits
            let results = try await queueBehindOpenTransaction(store, count: 40) { index in
                try await store.transaction { session in
                    try await session.saveCursor(connection: "c\(index)", stream: "s", state: "{}", addRecords: 1, now: 1)
                }
            }
            #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
            #expect(try group(of: store).commits - before == 2, "the blocker's commit, then one for the 40 that waited")
            let saved = try await store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM sync_cursors WHERE connection LIKE 'c%'") }
            #expect(saved == 40)
        }
    }

    @Test func aFailingTransactionIsUndoneWithoutTakingItsGroupDown() async throws {
        struct Boom: Error {}
        try await TestDatabase.sqlite.withStore { store in
            let results = try await queueBehindOpenTransaction(store, count: 9) { index in
                try await store.transaction { session in
                    try await session.saveCursor(connection: "c\(index)", stream: "s", state: "{}", addRecords: 1, now: 1)
                    if index % 3 == 0 { throw Boom() }
                }
            }
            let failed = results.indices.filter { if case .failure(let error) = results[$0] { error is Boom } else { false } }
            #expect(failed == [0, 3, 6])
            let saved = try await store.session { session in
                try await session.rows("SELECT connection FROM sync_cursors WHERE connection LIKE 'c%' ORDER BY connection").map { try $0.decode(column: "connection", as: String.self) }
            }
            #expect(saved == ["c1", "c2", "c4", "c5", "c7", "c8"])
        }
    }

    @Test func aFailingSessionKeepsTheStatementsThatSucceeded() async throws {
        struct Boom: Error {}
        try await TestDatabase.sqlite.withStore { store in
            let results = try await queueBehindOpenTransaction(store, count: 2) { index in
                try await store.session { session in
                    try await session.saveCursor(connection: "session\(index)", stream: "s", state: "{}", addRecords: 1, now: 1)
                    if index == 0 { throw Boom() }
                }
            }
            if case .failure(let error) = results[0] { #expect(error is Boom) } else { Issue.record("the session should have failed") }
            let saved = try await store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM sync_cursors WHERE connection LIKE 'session%'") }
            #expect(saved == 2, "a session is not atomic: its first statement stays, as in autocommit mode")
        }
    }

    @Test func aCallerCancelledWhileQueuedIsRolledBackAndTheGroupCommits() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let results = try await queueBehindOpenTransaction(store, count: 3) { index in
                if index == 1 { withUnsafeCurrentTask { $0?.cancel() } }
                try await store.transaction { session in
                    try Task.checkCancellation()
                    try await session.saveCursor(connection: "q\(index)", stream: "s", state: "{}", addRecords: 1, now: 1)
                }
            }
            if case .failure(let error) = results[1] { #expect(error is CancellationError) } else { Issue.record("the cancelled caller should fail") }
            let saved = try await store.session { session in
                try await session.rows("SELECT connection FROM sync_cursors WHERE connection LIKE 'q%' ORDER BY connection").map { try $0.decode(column: "connection", as: String.self) }
            }
            #expect(saved == ["q0", "q2"])
        }
    }
}

/// Another connection's write lock is waited for without blocking the connection's thread, which a process's SQLite
/// stores share (a test run has hundreds of stores on four threads).
@Suite struct SQLiteLockWaitTests {
    @Test func aTransactionWaitsForAnotherConnectionsLockWhileOtherStoresKeepWorking() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-lockwait-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = StoreLocation.sqlite(path: folder.appendingPathComponent("shared.db").path)
        let holder = try await Store.open(shared)
        let waiter = try await Store.open(shared)
        // More stores than threads: at least one shares the waiter's thread.
        var others: [Store] = []
        for index in 0..<5 { others.append(try await Store.open(.sqlite(path: folder.appendingPathComponent("other-\(index).db").path))) }

        let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
        let (release, releaseSignal) = AsyncStream<Void>.makeStream()
        let holding = Task {
            try await holder.transaction { session in
                try await session.saveCursor(connection: "holder", stream: "s", state: "{}", addRecords: 1, now: 1)
                enteredSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        let waiting = Task { try await waiter.transaction { try await $0.saveCursor(connection: "waiter", stream: "s", state: "{}", addRecords: 1, now: 2) } }
        try await Task.sleep(for: .milliseconds(300))

        // While the waiter waits for the lock, every other store still commits promptly.
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for (index, store) in others.enumerated() {
                try await store.transaction { try await $0.saveCursor(connection: "other-\(index)", stream: "s", state: "{}", addRecords: 1, now: 3) }
            }
        }
        #expect(elapsed < .seconds(2), "other stores were held up for \(elapsed)")

        releaseSignal.yield()
        try await holding.value
        try await waiting.value
        let cursors = try await waiter.session { session in
            (try await session.cursor(connection: "holder", stream: "s"), try await session.cursor(connection: "waiter", stream: "s"))
        }
        #expect(cursors.0 != nil && cursors.1 != nil, "both transactions committed")
        for store in others { await store.close() }
        await waiter.close()
        await holder.close()
    }
}

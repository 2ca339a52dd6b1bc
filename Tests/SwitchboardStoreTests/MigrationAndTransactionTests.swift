import Foundation
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite struct MigrationAndTransactionTests {
    @Test(arguments: TestDatabase.available)
    func migrationsApplyOnceAndReopeningIsANoOp(_ database: TestDatabase) async throws {
        let location = database.freshLocation()
        let first = try await Store.open(location)
        let applied = try await first.session { try await $0.scalar("SELECT COUNT(*) AS value FROM schema_migrations") }
        await first.close()
        let second = try await Store.open(location)
        let again = try await second.session { try await $0.scalar("SELECT COUNT(*) AS value FROM schema_migrations") }
        #expect(applied >= 1)
        #expect(again == applied)
        await second.close()
    }

    @Test(arguments: TestDatabase.available)
    func aFailedTransactionLeavesNothingBehind(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await store.transaction { session in
                try await session.saveCursor(connection: "c", stream: "tickets", state: "{}", addRecords: 5, now: 1)
                throw Boom()
            }
        }
        let cursor = try await store.session { try await $0.cursor(connection: "c", stream: "tickets") }
        #expect(cursor == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentTransactionsDoNotInterleave(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    try await store.transaction { session in
                        let current = try await session.cursor(connection: "c", stream: "s")?.records ?? 0
                        try await session.saveCursor(connection: "c", stream: "s", state: "{\"w\":\(worker)}", addRecords: 1, now: current + 1)
                    }
                }
            }
            try await group.waitForAll()
        }
        let cursor = try await store.session { try await $0.cursor(connection: "c", stream: "s") }
        #expect(cursor?.records == 16)
        }
    }

    @Test func unreachablePostgresAndBadURLsGiveClearErrors() async throws {
        do {
            _ = try await Store.open(.postgres(url: "mysql://x"))
            Issue.record("expected an error")
        } catch let error as StoreError {
            #expect(String(describing: error).contains("is not a PostgreSQL URL"))
        }
        do {
            _ = try await Store.open(.postgres(url: "postgres://user:hunter2@127.0.0.1:1/db?connect_timeout=1"))
            Issue.record("expected an error")
        } catch let error as StoreError {
            let text = String(describing: error)
            #expect(text.contains("cannot open PostgreSQL"))
            #expect(!text.contains("hunter2"))
        }
    }
}

/// A transaction whose task is cancelled half-way is rolled back, and the store's connection stays usable: a node
/// stopped in the middle of a write must not leave SQLite's single connection inside an open transaction.
@Suite struct CancelledTransactionTests {
    @Test(arguments: TestDatabase.available)
    func aCancelledTransactionRollsBackAndTheNextOneWorks(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let started = AsyncStream<Void>.makeStream()
            let writer = Task {
                try await store.transaction { session in
                    try await session.saveCursor(connection: "cancel", stream: "s", state: "{}", addRecords: 1, now: 1)
                    started.continuation.yield()
                    try await Task.sleep(for: .seconds(30))  // cancelled here
                }
            }
            for await _ in started.stream { break }
            writer.cancel()
            _ = await writer.result
            #expect(try await store.session { try await $0.cursor(connection: "cancel", stream: "s") } == nil, "the write was rolled back")
            try await store.transaction { session in
                try await session.saveCursor(connection: "cancel", stream: "s", state: "{\"ok\":true}", addRecords: 1, now: 2)
            }
            #expect(try await store.session { try await $0.cursor(connection: "cancel", stream: "s") }?.state == "{\"ok\":true}")
        }
    }
}

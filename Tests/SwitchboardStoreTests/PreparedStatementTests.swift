import Foundation
@testable import SwitchboardStore
import SwitchboardTestSupport
import Synchronization
import Testing

/// On PostgreSQL the store's queries and data changes run as named prepared statements (parsed and planned once per
/// connection), with the same results as unnamed ones; DDL, transaction control, `SELECT *` and binds without a
/// native encoding still run unnamed, and `prepared_statements=false` turns it off.
@Suite struct PreparedStatementTests {
    @Test func onlyShortQueriesAndDataChangesThatDoNotSelectStarArePrepared() {
        for sql in ["SELECT id FROM jobs WHERE id = $1", "  INSERT INTO t (a) VALUES ($1)", "UPDATE jobs SET status = $1", "DELETE FROM t WHERE a = $1",
                    "WITH x AS (SELECT 1 AS a) SELECT a FROM x", "\nselect count(*) AS value FROM runs"] {
            #expect(PreparedStatementNames.isPreparable(sql), "\(sql)")
        }
        for sql in ["CREATE TABLE t (a TEXT)", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT s", "SELECT * FROM jobs", "SELECT j.* FROM jobs j",
                    "UPDATE jobs SET status = 'x' RETURNING *", "SELECT 1 " + String(repeating: "+ 1 ", count: 3_000)] {
            #expect(!PreparedStatementNames.isPreparable(sql), "\(sql.prefix(40))")
        }
    }

    @Test func aNameCoversTheTextAndTheBindTypesAndTheCapacityIsKept() {
        let names = PreparedStatementNames(prefix: "t_")
        let first = names.name(sql: "SELECT $1 AS value", signature: "25,")
        #expect(first == "t_1")
        #expect(names.name(sql: "SELECT $1 AS value", signature: "25,") == first, "the same text and types share a name")
        #expect(names.name(sql: "SELECT $1 AS value", signature: "n,") == "t_2", "a NULL bind gets a statement of its own")
        #expect(names.name(sql: "SELECT $1 + 1 AS value", signature: "25,") == "t_3")
        #expect(names.name(sql: "CREATE TABLE x (a TEXT)", signature: "", ifNew: PreparedStatementNames.isPreparable) == nil)
        let asked = Mutex(0)
        let check: (String) -> Bool = { _ in asked.withLock { $0 += 1 }; return true }
        #expect(names.name(sql: "SELECT $1 + 1 AS value", signature: "25,", ifNew: check) == "t_3" && asked.withLock { $0 } == 0,
                "a statement with a name is not scanned again")
        names.retire(sql: "SELECT $1 + 1 AS value", signature: "25,")
        #expect(names.name(sql: "SELECT $1 + 1 AS value", signature: "25,") == "t_4", "a retired statement is prepared again under a new name")
        for index in 5...PreparedStatementNames.capacity { #expect(names.name(sql: "SELECT \(index)", signature: "") != nil) }
        #expect(names.name(sql: "SELECT 'one too many'", signature: "") == nil, "past the capacity, statements run unnamed")
        #expect(names.name(sql: "SELECT $1 AS value", signature: "25,") == first, "names already given are kept")
        #expect(names.count == PreparedStatementNames.capacity - 1, "t_3 was retired")
    }

    @Test func bindsAreEncodedWithTheirTypesAndOthersAreLeftToPostgresKit() throws {
        let optionalText: String? = nil
        let (bindings, signature) = try #require(PreparedPostgresDatabase.encode(["text", Int64(7), 2.5, true, optionalText]))
        #expect(signature == "25,20,701,16,n,")
        #expect(bindings.count == 5)
        struct Custom: Encodable, Sendable { var field = 1 }
        #expect(PreparedPostgresDatabase.encode(["text", Custom()]) == nil, "a bind without a native encoding runs the statement through PostgresKit")
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func statementsArePreparedOnTheServerAndGiveTheSameResults() async throws {
        try await TestDatabase.postgres.withStore { store in
            let prepared = try await store.session { session -> [String] in
                try await session.run("CREATE TABLE prepared_probe (key TEXT PRIMARY KEY, note TEXT)")
                for (key, note) in [("a", "first"), ("b", nil)] as [(String, String?)] {
                    try await session.run("INSERT INTO prepared_probe (key, note) VALUES (\(bind: key), \(bind: note))")
                }
                #expect(try await session.scalar("SELECT COUNT(*) AS value FROM prepared_probe WHERE note IS NULL") == 1)
                #expect(try await session.scalar("SELECT \(bind: Int64(41)) + 1 AS value") == 42)
                #expect(try await session.scalar("SELECT \(bind: Int64(99)) + 1 AS value") == 100, "the second run of a statement uses its prepared form")
                _ = try await session.rows("SELECT * FROM prepared_probe")
                return try await session.rows("SELECT statement FROM pg_prepared_statements ORDER BY statement").map { try $0.decode(column: "statement", as: String.self) }
            }
            #expect(prepared.contains { $0.hasPrefix("INSERT INTO prepared_probe") })
            #expect(prepared.contains { $0.hasPrefix("SELECT $1 + 1") })
            #expect(!prepared.contains { $0.contains("CREATE TABLE") || $0.hasPrefix("SELECT * FROM") }, "DDL and SELECT * run unnamed: \(prepared)")
            #expect(prepared.filter { $0.hasPrefix("INSERT INTO prepared_probe") }.count == 2, "a NULL note and a text note are two statements")
        }
    }

    /// The runtime's lease names its columns instead of selecting `*`, so it is kept prepared, and leases as before.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func theLeaseIsPreparedAndLeasesAsBefore() async throws {
        try await TestDatabase.postgres.withStore { store in
            let first = try await JobQueueTests.makeRun(store, runID: "run-1", availableAt: 1_000)
            let second = try await JobQueueTests.makeRun(store, runID: "run-2", availableAt: 2_000)
            let (leased, statements) = try await store.transaction { session in
                let leased = try await session.leaseJobs(node: "n1", limit: 1, leaseMilliseconds: 500, nowMilliseconds: 5_000)
                    + session.leaseJobs(node: "n1", limit: 1, leaseMilliseconds: 500, nowMilliseconds: 5_000)
                let statements = try await session.rows("SELECT statement FROM pg_prepared_statements").map { try $0.decode(column: "statement", as: String.self) }
                return (leased, statements)
            }
            #expect(leased.map(\.id) == [first.id, second.id], "due order, each job once")
            #expect(leased.allSatisfy { $0.status == "leased" && $0.leaseOwner == "n1" && $0.leaseExpiresAt == 5_500 && $0.attempts == 1 })
            #expect(statements.contains { $0.contains("WITH expired AS") }, "the lease is a prepared statement: \(statements)")
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func aFailingPreparedStatementFailsAsBeforeAndTheConnectionGoesOn() async throws {
        try await TestDatabase.postgres.withStore { store in
            try await store.session { try await $0.run("CREATE TABLE prepared_probe (key TEXT PRIMARY KEY)") }
            try await store.session { try await $0.run("INSERT INTO prepared_probe (key) VALUES (\(bind: "a"))") }
            await #expect(throws: (any Error).self) {
                try await store.transaction { try await $0.run("INSERT INTO prepared_probe (key) VALUES (\(bind: "a"))") }
            }
            try await store.transaction { try await $0.run("INSERT INTO prepared_probe (key) VALUES (\(bind: "b"))") }
            #expect(try await store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM prepared_probe") } == 2)
        }
    }

    /// PostgresNIO remembers, per connection, a statement whose preparation failed, and fails it again ever after.
    /// A statement that could not be prepared (its table did not exist yet; its transaction had already failed) is
    /// therefore given a new name, and works once the cause is gone.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func aStatementThatCouldNotBePreparedWorksOnceTheCauseIsGone() async throws {
        guard case .postgres(let url) = TestDatabase.postgres.freshLocation() else { Issue.record("not a PostgreSQL location"); return }
        // One pooled connection, so every session below meets the statements that connection failed to prepare.
        try await Store.using(.postgres(url: url + "&pool_size=1")) { store in
            try await store.session { session in
                await #expect(throws: (any Error).self) { try await session.scalar("SELECT COUNT(key) AS value FROM later_table") }
                try await session.run("CREATE TABLE later_table (key TEXT PRIMARY KEY)")
                #expect(try await session.scalar("SELECT COUNT(key) AS value FROM later_table") == 0, "the same text, prepared again once the table exists")
                try await session.run("INSERT INTO later_table (key) VALUES (\(bind: "a"))")
            }
            await #expect(throws: (any Error).self) {
                try await store.transaction { session in
                    try? await session.run("INSERT INTO later_table (key) VALUES (\(bind: "a"))")
                    // The transaction has failed: preparing anything now fails too.
                    _ = try await session.scalar("SELECT COUNT(*) AS value FROM later_table WHERE key <> \(bind: "z")")
                }
            }
            let count = try await store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM later_table WHERE key <> \(bind: "z")") }
            #expect(count == 1)
        }
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func preparedStatementsFalseRunsEverythingUnnamed() async throws {
        guard case .postgres(let url) = TestDatabase.postgres.freshLocation() else { Issue.record("not a PostgreSQL location"); return }
        try await Store.using(.postgres(url: url + "&prepared_statements=false")) { store in
            let prepared = try await store.session { session -> Int64 in
                #expect(try await session.scalar("SELECT \(bind: Int64(1)) + 1 AS value") == 2)
                #expect(try await session.scalar("SELECT \(bind: Int64(2)) + 1 AS value") == 3)
                return try await session.scalar("SELECT COUNT(*) AS value FROM pg_prepared_statements")
            }
            #expect(prepared == 0)
        }
    }

    @Test func aBadPreparedStatementsSettingIsRefusedByName() {
        #expect(throws: StoreError.self) { try PostgresURL.parse("postgres://u@localhost/db?prepared_statements=maybe") }
        #expect((try? PostgresURL.parse("postgres://u@localhost/db"))?.preparedStatements == true)
        #expect((try? PostgresURL.parse("postgres://u@localhost/db?prepared_statements=false"))?.preparedStatements == false)
    }
}

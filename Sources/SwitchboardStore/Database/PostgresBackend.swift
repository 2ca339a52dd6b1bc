import Foundation
import Logging
import PostgresKit
import SQLKit

/// PostgreSQL, for several Switchboard nodes sharing one state. A connection pool (`PostgresClient`)
/// runs in a background task owned by the backend and ends with ``close()``.
final class PostgresBackend: DatabaseBackend {
    let dialect = StoreDialect.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    /// Names of the statements run as prepared statements, or nil to run every statement unnamed.
    private let preparedNames: PreparedStatementNames?

    private init(client: PostgresClient, preparedStatements: Bool) {
        self.client = client
        self.runner = Task { await client.run() }
        self.preparedNames = preparedStatements ? PreparedStatementNames() : nil
    }

    static func open(url: String, logger: Logger) async throws -> PostgresBackend {
        let parsed = try PostgresURL.parse(url)
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        let location = "PostgreSQL \(PostgresURL.redact(url))"
        if let schema = parsed.schema {
            var bootstrap = parsed.configuration
            bootstrap.options.additionalStartupParameters = []
            let client = PostgresClient(configuration: bootstrap, backgroundLogger: poolLogger)
            let runner = Task { await client.run() }
            defer { runner.cancel() }
            try await probe(location: location, timeout: parsed.connectTimeout) {
                try await client.withConnection { connection in
                    try await connection.sql(queryLogLevel: nil).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
                }
            }
        }
        let backend = PostgresBackend(client: PostgresClient(configuration: parsed.configuration, backgroundLogger: poolLogger),
                                      preparedStatements: parsed.preparedStatements)
        do {
            try await probe(location: location, timeout: parsed.connectTimeout) {
                _ = try await backend.withSession { db in try await db.raw("SELECT 1 AS value").first() }
            }
        } catch {
            await backend.close()
            throw error
        }
        return backend
    }

    /// Run a first statement, failing with a clear message when the server cannot be reached in time
    /// (the pool itself would keep retrying quietly).
    private static func probe(location: String, timeout: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        do {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { try await body(); return true }
                group.addTask { try await Task.sleep(for: timeout); return false }
                let finished = try await group.next() ?? false
                group.cancelAll()
                if !finished { throw StoreError.cannotOpen(location: location, reason: "no connection within \(Int(timeout.components.seconds)) s (is the server running and reachable?)") }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(location: location, reason: String(reflecting: error))
        }
    }

    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let names = preparedNames
        return try await client.withConnection { connection in
            if let names { return try await body(PreparedPostgresDatabase(connection: connection, names: names)) }
            return try await body(connection.sql(queryLogLevel: nil))
        }
    }

    /// The rollback after a failure runs even when the calling task is cancelled, so a connection never goes back
    /// to the pool inside an open transaction.
    func withTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withSession { sql in
            do {
                try await sql.raw("BEGIN").run()
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                // An unstructured task does not inherit this task's cancellation, so the rollback really runs.
                await Task { try? await sql.raw("ROLLBACK").run() }.value
                throw error
            }
        }
    }

    func close() async {
        runner.cancel()
        _ = await runner.value
    }
}

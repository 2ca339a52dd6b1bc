import Foundation
import Logging
import SQLKit
import SQLiteKit

/// The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so every commit is on disk
/// before it is acknowledged. One connection, guarded by an ``AsyncGate``; other processes can read the
/// file concurrently and wait up to ``busyTimeoutMilliseconds`` for the write lock.
final class SQLiteBackend: DatabaseBackend {
    static let busyTimeoutMilliseconds = 15_000

    let dialect = StoreDialect.sqlite
    let beginStatement = "BEGIN IMMEDIATE"
    private let connection: SQLiteConnection
    private let gate = AsyncGate()

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    static func open(path: String, logger: Logger) async throws -> SQLiteBackend {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw StoreError.cannotOpen(location: "SQLite database \(path)", reason: String(describing: error))
        }
        let backend = SQLiteBackend(connection: connection)
        // busy_timeout replaces sqlite-nio's spinning busy handler with one that sleeps.
        for pragma in ["PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"] {
            try await connection.sql(queryLogLevel: nil).raw(SQLQueryString(pragma)).run()
        }
        return backend
    }

    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let database = connection.sql(queryLogLevel: nil)
        return try await gate.withLock { try await body(database) }
    }

    func close() async {
        try? await connection.close()
    }
}

import Foundation
import Logging
import SQLKit

/// Switchboard's durable state: one database, SQLite or PostgreSQL, behind one SQL code path.
///
/// Open it with ``open(_:logger:)`` (which applies migrations), run work with ``session(_:)`` or
/// ``transaction(_:)``, and ``close()`` it when done. Everything important lives here, so a process can be
/// killed at any moment and continue from what was committed.
public final class Store: Sendable {
    public let location: StoreLocation
    let backend: any DatabaseBackend
    public let logger: Logger

    public var dialect: StoreDialect { backend.dialect }

    private init(location: StoreLocation, backend: any DatabaseBackend, logger: Logger) {
        self.location = location
        self.backend = backend
        self.logger = logger
    }

    /// Open (creating if needed) and migrate the database at `location`.
    public static func open(_ location: StoreLocation, logger: Logger = Logger(label: "switchboard.store")) async throws -> Store {
        let backend: any DatabaseBackend
        switch location {
        case .sqlite(let path): backend = try await SQLiteBackend.open(path: path, logger: logger)
        case .postgres(let url): backend = try await PostgresBackend.open(url: url, logger: logger)
        }
        let store = Store(location: location, backend: backend, logger: logger)
        do {
            try await Migrator(migrations: Schema.migrations).migrate(store)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Open the store at `location`, run `body`, and close the store whatever happens.
    public static func using<T>(_ location: StoreLocation, logger: Logger = Logger(label: "switchboard.store"), _ body: (Store) async throws -> T) async throws -> T {
        let store = try await open(location, logger: logger)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Run `body` on one connection without a transaction (each statement commits on its own).
    public func session<T: Sendable>(_ body: @escaping @Sendable (StoreSession) async throws -> T) async throws -> T {
        let dialect = backend.dialect
        return try await backend.withSession { sql in try await body(StoreSession(sql: sql, dialect: dialect)) }
    }

    /// Run `body` in one transaction: everything it writes commits together or not at all.
    ///
    /// The rollback after a failure runs even when the calling task is cancelled (a node stopped in the middle of a
    /// transaction): SQLite has one connection per store, and a transaction left open on it would make every later
    /// `BEGIN` fail.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (StoreSession) async throws -> T) async throws -> T {
        let dialect = backend.dialect
        let begin = backend.beginStatement
        return try await backend.withSession { sql in
            do {
                try await sql.raw(SQLQueryString(begin)).run()
                let result = try await body(StoreSession(sql: sql, dialect: dialect))
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                // An unstructured task does not inherit this task's cancellation, so the rollback really runs.
                await Task { try? await sql.raw("ROLLBACK").run() }.value
                throw error
            }
        }
    }

    public func close() async {
        await backend.close()
    }
}

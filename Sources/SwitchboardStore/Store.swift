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
    /// Step successes recorded together on PostgreSQL (see ``StepSuccessBatches``; unused on SQLite).
    let stepSuccesses: StepSuccessBatches
    /// Webhooks accepted together on PostgreSQL (see ``EventIngestBatches``; unused on SQLite).
    let eventIngests: EventIngestBatches

    public var dialect: StoreDialect { backend.dialect }

    private init(location: StoreLocation, backend: any DatabaseBackend, logger: Logger) {
        self.location = location
        self.backend = backend
        self.logger = logger
        self.stepSuccesses = StepSuccessBatches { try await Self.session(on: backend, $0) }
        self.eventIngests = EventIngestBatches { try await Self.session(on: backend, $0) }
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
        try await Self.session(on: backend, body)
    }

    /// ``session(_:)`` on `backend`, for the store's own batchers, which are made before the store is.
    private static func session<T: Sendable>(on backend: any DatabaseBackend, _ body: @escaping @Sendable (StoreSession) async throws -> T) async throws -> T {
        let dialect = backend.dialect
        return try await backend.withSession { sql in try await body(StoreSession(sql: sql, dialect: dialect)) }
    }

    /// Run `body` in one transaction: everything it writes commits together or not at all.
    ///
    /// A transaction whose task is cancelled half-way is rolled back, and the connection stays usable. On SQLite,
    /// transactions arriving together are committed as a group (see ``GroupCommit``); each still succeeds or fails
    /// on its own, and returns only once its writes are on disk.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (StoreSession) async throws -> T) async throws -> T {
        let dialect = backend.dialect
        return try await backend.withTransaction { sql in try await body(StoreSession(sql: sql, dialect: dialect)) }
    }

    public func close() async {
        await backend.close()
    }
}

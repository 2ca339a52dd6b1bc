import Foundation
import SQLKit

/// One forward-only schema change. Statements must be valid on both SQLite and PostgreSQL.
struct Migration: Sendable {
    var version: Int
    var name: String
    var statements: [String]
}

/// Applies pending ``Migration``s in order, each in its own transaction, recording them in
/// `schema_migrations`. On PostgreSQL an advisory lock keeps two nodes from migrating at once.
struct Migrator {
    let migrations: [Migration]

    func migrate(_ store: Store) async throws {
        try await store.session { session in
            try await session.run("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
        }
        let latest = migrations.map(\.version).max() ?? 0
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            try await store.transaction { session in
                if session.dialect == .postgres {
                    try await session.run("SELECT pg_advisory_xact_lock(727274) AS locked")
                }
                let applied = try await session.scalar("SELECT COUNT(*) AS value FROM schema_migrations WHERE version = \(bind: Int64(migration.version))")
                guard applied == 0 else { return }
                for statement in migration.statements {
                    do {
                        try await session.run(SQLQueryString(statement))
                    } catch {
                        throw StoreError.migrationFailed(version: migration.version, name: migration.name, reason: String(reflecting: error))
                    }
                }
                try await session.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: Int64(migration.version)), \(bind: migration.name), \(bind: Int64(Date().timeIntervalSince1970)))")
            }
        }
        let newest = try await store.session { session in
            try await session.scalar("SELECT MAX(version) AS value FROM schema_migrations")
        }
        if newest > latest { throw StoreError.newerSchema(found: Int(newest), supported: latest) }
    }
}

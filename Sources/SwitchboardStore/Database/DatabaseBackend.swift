import Foundation
import SQLKit

/// A database the ``Store`` can run sessions on. Implemented for SQLite and PostgreSQL.
protocol DatabaseBackend: Sendable {
    var dialect: StoreDialect { get }
    /// Run `body` on one connection; what it writes is durable when this returns, even if `body` throws half-way
    /// (each statement as good as auto-committed).
    func withSession<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Run `body` in one transaction: everything it writes commits together, or nothing does when it throws or its
    /// task is cancelled.
    func withTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async
}

/// A single connection handed to store operations, inside or outside a transaction.
///
/// Store operations are extensions on this type so that several of them (records and a sync cursor, say)
/// can share one transaction.
public struct StoreSession: Sendable {
    public let sql: any SQLDatabase
    public let dialect: StoreDialect

    init(sql: any SQLDatabase, dialect: StoreDialect) {
        self.sql = sql
        self.dialect = dialect
    }

    /// Run a statement with no result rows.
    public func run(_ query: SQLQueryString) async throws {
        try await sql.raw(query).run()
    }

    /// Run a query and return all rows.
    public func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await sql.raw(query).all()
    }

    /// Run a query and decode one integer from its first row's first column (`COUNT(*)` and the like).
    public func scalar(_ query: SQLQueryString, column: String = "value") async throws -> Int64 {
        guard let row = try await sql.raw(query).first() else { return 0 }
        return try row.decodeNil(column: column) ? 0 : row.decode(column: column, as: Int64.self)
    }
}

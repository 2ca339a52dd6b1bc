import Foundation
import Logging
import NIOCore
import PostgresKit
import SQLKit
import Synchronization

/// SQLKit's view of one pooled PostgreSQL connection that runs the store's statements as named prepared statements.
///
/// Why: PostgresKit sends every statement unnamed, so the server parses, analyses and plans it on every execution.
/// The flow runtime's statements are few and repeat thousands of times (accepting a webhook, leasing, recording a
/// step's success), and their data-modifying `WITH` clauses are costly to plan: in the `webhooks` benchmark, parsing
/// and planning were about half of the server's CPU. A named statement is parsed once per connection, and after a
/// few executions the server keeps a generic plan for it.
///
/// What is prepared (see ``PreparedStatementNames``): `SELECT`, `INSERT`, `UPDATE`, `DELETE` and `WITH` statements
/// up to ``PreparedStatementNames/maximumLength`` characters, whose binds all have a native PostgreSQL encoding, and
/// that do not select `*` (a prepared `SELECT *` fails once a migration adds a column). The first
/// ``PreparedStatementNames/capacity`` distinct statements of the process get names; anything else (DDL,
/// transaction control, the mirror's long multi-row inserts, a statement past the capacity) runs unnamed, exactly
/// as before. Binds are encoded as PostgresKit encodes them, and a statement's name covers its bind types too, so a
/// `NULL` where a value usually is gets a statement of its own instead of a plan for the wrong type.
///
/// Behind a connection pooler in transaction mode (PgBouncer before 1.21), named statements do not survive between
/// transactions: `prepared_statements=false` in the URL turns this off.
struct PreparedPostgresDatabase: SQLDatabase {
    let connection: PostgresConnection
    /// PostgresKit's own view of the connection, for what is not prepared.
    let unnamed: any SQLDatabase
    let names: PreparedStatementNames

    init(connection: PostgresConnection, names: PreparedStatementNames) {
        self.connection = connection
        self.unnamed = connection.sql(queryLogLevel: nil)
        self.names = names
    }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { unnamed.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard let (bindings, signature) = Self.encode(binds),
              let name = names.name(sql: sql, signature: signature, ifNew: PreparedStatementNames.isPreparable) else {
            return try await unnamed.execute(sql: query, onRow)
        }
        let statement = NamedStatement(bindings: bindings)
        do {
            try await NamedStatement.$current.withValue(NamedStatement.Current(name: name, sql: sql)) {
                for try await row in try await connection.execute(statement, logger: connection.logger) {
                    onRow(row.sql())
                }
            }
        } catch let error as PSQLError {
            if Self.mayHaveFailedToPrepare(error) { names.retire(sql: sql, signature: signature) }
            throw error
        }
    }

    /// Whether the server's error may have come from preparing the statement. PostgresNIO remembers a failed
    /// preparation on its connection and fails every later use of that name there, so such a statement gets a new
    /// name: once the cause is gone (a table created, a failed transaction rolled back) it works again. Errors of
    /// running a prepared statement — a constraint, bad data, a serialization failure, a cancelled query — keep it.
    static func mayHaveFailedToPrepare(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return !["22", "23", "40", "57"].contains(state.prefix(2))
    }

    /// The binds as PostgresKit would encode them, with a signature of their types; nil when one of them needs
    /// PostgresKit's slower `Encodable` path (the statement then runs unnamed, through PostgresKit).
    static func encode(_ binds: [any Encodable & Sendable]) -> (PostgresBindings, String)? {
        var bindings = PostgresBindings(capacity: binds.count)
        var signature = ""
        signature.reserveCapacity(binds.count * 5)
        for bind in binds {
            if Self.isNil(bind) {
                bindings.appendNull()
                signature += "n,"
            } else if let value = bind as? any PostgresThrowingDynamicTypeEncodable {
                do {
                    try bindings.append(value, context: .default)
                } catch {
                    return nil
                }
                signature += "\(value.psqlType.rawValue),"
            } else {
                return nil
            }
        }
        return (bindings, signature)
    }

    /// Whether a bind is an empty optional (which PostgresKit sends as an untyped `NULL`).
    private static func isNil(_ value: any Encodable & Sendable) -> Bool {
        (value as? any EmptyOptionalTest)?.isEmptyOptional == true
    }
}

/// Lets ``PreparedPostgresDatabase`` see through an existential whether it holds `Optional.none`.
private protocol EmptyOptionalTest {
    var isEmptyOptional: Bool { get }
}

extension Optional: EmptyOptionalTest {
    fileprivate var isEmptyOptional: Bool { self == nil }
}

/// A statement PostgresNIO prepares on each connection the first time it runs there, under the name this process
/// gave its text. PostgresNIO reads a prepared statement's name and text from its type; they are the task-local
/// ``current`` here, set around the one call that reads them.
private struct NamedStatement: PostgresPreparedStatement {
    struct Current: Sendable {
        var name: String
        var sql: String
    }

    @TaskLocal static var current = Current(name: "", sql: "")

    static var name: String { current.name }
    static var sql: String { current.sql }

    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// Names for the statements a process prepares: one per distinct text and bind types, the same on every connection,
/// up to ``capacity`` statements (each pooled connection holds at most that many on the server).
final class PreparedStatementNames: Sendable {
    static let capacity = 256
    static let maximumLength = 8_192

    private struct State {
        var names: [String: String] = [:]
        /// Names given so far, retired ones included: each name is used for one statement only.
        var issued = 0
    }

    private let state = Mutex(State())
    private let prefix: String

    init(prefix: String = "switchboard_") {
        self.prefix = prefix
    }

    /// The name for `sql` with binds of these types, or nil when it is not to be prepared: `isPreparable` says no
    /// (asked only for a statement without a name yet, so the statements that run over and over are not scanned
    /// each time), or the capacity is taken by other statements.
    func name(sql: String, signature: String, ifNew isPreparable: (String) -> Bool = { _ in true }) -> String? {
        let key = Self.key(sql: sql, signature: signature)
        if let name = state.withLock({ $0.names[key] }) { return name }
        guard isPreparable(sql) else { return nil }
        return state.withLock { state in
            if let name = state.names[key] { return name }
            guard state.issued < Self.capacity else { return nil }
            state.issued += 1
            let name = prefix + String(state.issued)
            state.names[key] = name
            return name
        }
    }

    /// Stop using the statement's name; its next use gets a new one (and counts towards the capacity).
    func retire(sql: String, signature: String) {
        let key = Self.key(sql: sql, signature: signature)
        state.withLock { _ = $0.names.removeValue(forKey: key) }
    }

    /// Statements with a name now.
    var count: Int { state.withLock { $0.names.count } }

    private static func key(sql: String, signature: String) -> String { signature + "\u{0}" + sql }

    /// A query or data change short enough to keep, that does not select `*`. Runs for every statement, so it reads
    /// bytes: the first word, and each `*` — which is allowed only right after `(`, as in `COUNT(*)`.
    static func isPreparable(_ sql: String) -> Bool {
        let utf8 = sql.utf8
        guard utf8.count <= maximumLength else { return false }
        return utf8.withContiguousStorageIfAvailable(isPreparable) ?? Array(utf8).withUnsafeBufferPointer(isPreparable)
    }

    private static let keywords: [[UInt8]] = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].map { Array($0.utf8) }

    private static func isPreparable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\n") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        let opensWithKeyword = keywords.contains { keyword in
            guard start + keyword.count <= bytes.count else { return false }
            for (offset, letter) in keyword.enumerated() where bytes[start + offset] & 0xDF != letter { return false }
            let after = start + keyword.count
            return after == bytes.count || !(bytes[after] & 0xDF >= UInt8(ascii: "A") && bytes[after] & 0xDF <= UInt8(ascii: "Z"))
        }
        guard opensWithKeyword else { return false }
        for index in start..<bytes.count where bytes[index] == UInt8(ascii: "*") {
            var before = index - 1
            while before > start, bytes[before] == UInt8(ascii: " ") { before -= 1 }
            if bytes[before] != UInt8(ascii: "(") { return false }
        }
        return true
    }
}

import Foundation
import Logging
import NIOCore
import SQLiteNIO
import VaporCSQLite

/// One SQLite database connection driven directly through the C API, on whatever thread calls it.
///
/// Why not sqlite-nio's `SQLiteConnection`: it runs every statement on a thread pool and hops back, two context
/// switches per statement. The flow runtime makes a few dozen statements per run, all serialised on the one
/// connection, so those hops — not the disk — were its ceiling. ``SQLiteBackend`` calls this handle from a
/// dedicated thread (``DedicatedThreadExecutor``), where blocking on the disk harms nobody. Prepared statements are
/// cached by SQL text, since the store issues the same few statements over and over.
///
/// One caller at a time: ``GroupCommit`` guarantees that, and a lock enforces it — the statement cache and the
/// connection must never be touched from two threads at once (a statement finalized while another thread steps it
/// corrupts memory). The lock is uncontended in normal operation; contention is logged once, as the sign of a bug.
final class SQLiteHandle: @unchecked Sendable {
    /// Statements kept prepared; past this the cache starts afresh (the store has far fewer distinct statements).
    static let statementCacheLimit = 128
    /// Longer statements (the mirror's multi-row inserts, whose text varies with the batch) are prepared each time and
    /// not kept: a cache of them would hold megabytes of compiled statements that are rarely reused.
    static let cacheableLength = 2_048
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private var database: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private let lock = NSLock()
    private var contentionReported = false
    private let logger: Logger

    private init(database: OpaquePointer, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    static func open(path: String, logger: Logger = Logger(label: "switchboard.store.sqlite")) throws -> SQLiteHandle {
        var database: OpaquePointer?
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &database, flags, nil)
        guard status == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            if let database { sqlite_nio_sqlite3_close_v2(database) }
            throw SQLiteFailure(code: status, message: message, sql: nil)
        }
        return SQLiteHandle(database: database, logger: logger)
    }

    /// Run one statement, handing each result row (column names and values) to `onRow`.
    func execute(_ sql: String, _ binds: [SQLiteData], onRow: ([String], [SQLiteData]) -> Void) throws {
        try exclusively { try executeLocked(sql, binds, onRow: onRow) }
    }

    private func executeLocked(_ sql: String, _ binds: [SQLiteData], onRow: ([String], [SQLiteData]) -> Void) throws {
        guard let database else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the database is closed", sql: sql) }
        let cacheable = sql.utf8.count <= Self.cacheableLength
        let statement = try prepared(sql, database, cache: cacheable)
        defer {
            if cacheable {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            } else {
                sqlite_nio_sqlite3_finalize(statement)
            }
        }
        for (offset, value) in binds.enumerated() {
            try check(bind(value, at: Int32(offset + 1), to: statement), sql)
        }
        let columnCount = sqlite_nio_sqlite3_column_count(statement)
        var names: [String]?
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(status, sql) }
            if names == nil {
                names = (0..<columnCount).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
            }
            onRow(names ?? [], (0..<columnCount).map { column(statement, $0) })
        }
    }

    func close() {
        exclusively { closeLocked() }
    }

    /// Run `body` holding the connection's lock.
    private func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        let contended = !lock.try()
        if contended { lock.lock() }
        defer { lock.unlock() }
        if contended, !contentionReported {
            contentionReported = true
            logger.error("the SQLite connection was entered from two threads at once; the second caller waited")
        }
        return try body()
    }

    private func closeLocked() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        if let database { sqlite_nio_sqlite3_close_v2(database) }
        database = nil
    }

    deinit { close() }

    private func prepared(_ sql: String, _ database: OpaquePointer, cache: Bool) throws -> OpaquePointer {
        if cache, let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(database, sql, -1, cache ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, sql) }
        guard cache else { return statement }
        if statements.count >= Self.statementCacheLimit {
            for old in statements.values { sqlite_nio_sqlite3_finalize(old) }
            statements = [:]
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .text(let text): sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let buffer):
            buffer.withUnsafeReadableBytes { sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient) }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(SQLiteInt64(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, index), count > 0 {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private func check(_ status: Int32, _ sql: String) throws {
        guard status == SQLITE_OK else { throw failure(status, sql) }
    }

    private func failure(_ status: Int32, _ sql: String) -> SQLiteFailure {
        SQLiteFailure(code: status, message: database.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "the database is closed", sql: sql)
    }
}

/// An error SQLite reported, with its extended result code and the statement that failed.
public struct SQLiteFailure: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in: \($0.prefix(120)))" } ?? "")
    }

    /// Another connection (another process) holds the lock.
    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY }
}

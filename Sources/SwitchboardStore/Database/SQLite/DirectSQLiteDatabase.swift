import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import SQLKit

/// SQLKit's view of a ``SQLiteHandle``: statements run synchronously on the calling thread, so a store operation
/// of ten statements costs ten SQLite calls, not twenty thread hops.
struct DirectSQLiteDatabase: SQLDatabase {
    let handle: SQLiteHandle
    let logger: Logger
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    private static let encoder = SQLiteDataEncoder()
    private static let decoder = SQLiteDataDecoder()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeCompletedFuture { try run(query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try Self.encoder.encode($0) }
        var columns: DirectSQLiteRow.Columns?
        try handle.execute(sql, values) { names, row in
            let shared = columns ?? DirectSQLiteRow.Columns(names)
            columns = shared
            onRow(DirectSQLiteRow(columns: shared, values: row, decoder: Self.decoder))
        }
    }
}

/// One result row of a ``DirectSQLiteDatabase`` query, decoded with SQLiteKit's own rules (booleans as integers,
/// JSON as text, and so on), so that the store reads the same values it did through sqlite-nio.
struct DirectSQLiteRow: SQLRow {
    /// Column names and their positions, shared by every row of a result.
    final class Columns: Sendable {
        let names: [String]
        let positions: [String: Int]

        init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    let columns: Columns
    let values: [SQLiteData]
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.positions[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        try value(column) == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        try decoder.decode(D.self, from: value(column))
    }

    private func value(_ column: String) throws -> SQLiteData {
        guard let position = columns.positions[column] else {
            throw DecodingError.keyNotFound(SQLiteColumnKey(column), .init(codingPath: [], debugDescription: "no column \(column) in this row"))
        }
        return values[position]
    }
}

/// A coding key naming a missing column in a decoding error.
private struct SQLiteColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

import Foundation
import SQLKit

/// A value bound into a statement. Keeps bulk writes free of `Encodable` round trips and turns `nil`
/// into a literal `NULL`, which both drivers accept in any column.
public enum SQLValue: Sendable, Equatable {
    case int(Int64)
    case text(String)
    case bool(Bool)
    case double(Double)
    case null

    public static func int(_ value: Int64?) -> SQLValue { value.map { .int($0) } ?? .null }
    public static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    public static func bool(_ value: Bool?) -> SQLValue { value.map { .bool($0) } ?? .null }
}

extension SQLValue: SQLExpression {
    public func serialize(to serializer: inout SQLSerializer) {
        switch self {
        case .int(let value): serializer.write(bind: value)
        case .text(let value): serializer.write(bind: value)
        case .bool(let value): serializer.write(bind: value)
        case .double(let value): serializer.write(bind: value)
        case .null: serializer.write("NULL")
        }
    }
}

/// `INSERT INTO table (columns) VALUES (…), (…) ON CONFLICT (keys) DO UPDATE SET … [WHERE …]`,
/// split into chunks small enough for either database's limit on bound parameters.
struct BatchUpsert {
    var table: String
    var columns: [String]
    var conflictColumns: [String]
    /// Columns overwritten from the incoming row on conflict; empty means `DO NOTHING`.
    var updateColumns: [String]
    /// Optional guard, e.g. `zd_tickets.version <= excluded.version`, so an older copy never overwrites a newer one.
    var updateCondition: String?

    static let maxBindsPerStatement = 30_000

    func run(_ rows: [[SQLValue]], on session: StoreSession) async throws {
        guard !rows.isEmpty else { return }
        let rowsPerChunk = max(1, Self.maxBindsPerStatement / max(columns.count, 1))
        var start = 0
        while start < rows.count {
            let end = min(start + rowsPerChunk, rows.count)
            try await session.sql.execute(sql: Statement(upsert: self, rows: rows[start..<end])) { _ in }
            start = end
        }
    }

    private struct Statement: SQLExpression {
        let upsert: BatchUpsert
        let rows: ArraySlice<[SQLValue]>

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write("INSERT INTO \(upsert.table) (\(upsert.columns.joined(separator: ", "))) VALUES ")
            var firstRow = true
            for row in rows {
                serializer.write(firstRow ? "(" : ", (")
                firstRow = false
                for (index, value) in row.enumerated() {
                    if index > 0 { serializer.write(", ") }
                    value.serialize(to: &serializer)
                }
                serializer.write(")")
            }
            serializer.write(" ON CONFLICT (\(upsert.conflictColumns.joined(separator: ", "))) ")
            if upsert.updateColumns.isEmpty {
                serializer.write("DO NOTHING")
            } else {
                serializer.write("DO UPDATE SET " + upsert.updateColumns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                if let condition = upsert.updateCondition { serializer.write(" WHERE \(condition)") }
            }
        }
    }
}

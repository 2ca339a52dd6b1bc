import Foundation

/// A small RFC 4180 reader for the CSV files users import (customers, contacts).
///
/// Handles quoted fields, doubled quotes, commas and newlines inside quotes, CRLF, and a byte-order mark.
/// Errors name the file and line, as every configuration error must.
public struct CSVTable: Sendable {
    /// One data row, keyed by lower-cased header, with the line it started on.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var values: [String: String]
    }

    public let source: String
    public let header: [String]
    public let rows: [(line: Int, fields: [String])]

    public init(text: String, source: String) throws {
        self.source = source
        var rows: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            if inQuotes {
                if c == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" { field.unicodeScalars.append("\""); index += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"":
                    guard field.isEmpty else { throw CSVError(source: source, line: line, message: "a quote inside an unquoted field") }
                    inQuotes = true
                case ",": fields.append(field); field = ""
                case "\r": break
                case "\n":
                    fields.append(field); field = ""
                    if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowStart, fields)) }
                    fields = []
                    line += 1
                    rowStart = line
                default: field.unicodeScalars.append(c)
                }
            }
            index += 1
        }
        if inQuotes { throw CSVError(source: source, line: rowStart, message: "a quoted field is never closed") }
        fields.append(field)
        if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowStart, fields)) }
        guard let first = rows.first else { throw CSVError(source: source, line: 1, message: "the file is empty; expected a header row") }
        self.header = first.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.rows = Array(rows.dropFirst())
    }

    /// The data rows as dictionaries, checking that `required` columns exist and that no row has extra fields.
    public func records(requiring required: [String]) throws -> [Record] {
        for column in required where !header.contains(column) {
            throw CSVError(source: source, line: 1, message: "missing column \"\(column)\" (header has: \(header.joined(separator: ", ")))")
        }
        return try rows.map { row in
            guard row.fields.count <= header.count else {
                throw CSVError(source: source, line: row.line, message: "\(row.fields.count) fields but the header has \(header.count)")
            }
            var values: [String: String] = [:]
            for (index, value) in row.fields.enumerated() { values[header[index]] = value }
            return Record(line: row.line, values: values)
        }
    }
}

/// A CSV problem at a specific line of a specific file.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var message: String
    public var description: String { "\(source):\(line): \(message)" }
}

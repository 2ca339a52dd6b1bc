import Foundation

/// The opening every CSV import shares: read the table, put its header names in canonical form, and report an
/// unreadable file or an unknown column as problems (line 1, field `file` or `header`) rather than throwing, so an
/// import lists every problem at once.
struct CSVImportHeader {
    var table: CSVTable?
    /// The header in canonical form (empty when the file could not be read).
    var columns: [String]
    var problems: [ContactsCSVProblem]

    init(text: String, source: String, known: [String], canonical: (String) -> String) {
        do {
            let table = try CSVTable(text: text, source: source)
            self.table = table
            columns = table.header.map(canonical)
            problems = columns.enumerated().filter { !known.contains($0.element) }.map { index, _ in
                ContactsCSVProblem(line: 1, field: "header", message: "unknown column \"\(table.header[index])\" (known: \(known.joined(separator: ", ")))")
            }
        } catch let error as CSVError {
            (table, columns, problems) = (nil, [], [ContactsCSVProblem(line: error.line, field: "file", message: error.message)])
        } catch {
            (table, columns, problems) = (nil, [], [ContactsCSVProblem(line: 1, field: "file", message: String(describing: error))])
        }
    }
}

import Foundation

/// Royalty statements read from the royalty system's CSV export (or the admin API's JSON) and checked row by row.
///
/// Like a contact list, a statement file is imported whole or not at all: every bad field is reported as
/// `line N: column: problem`, so the file can be fixed in one pass. Columns (case, spaces and hyphens in header names
/// do not matter): `period` (required); `payee` (a directory contact id `wac_…` or a phone number) and/or `isbn` (the
/// title: without a payee, its author and agent contacts are notified); `id` (the royalty system's statement id — the
/// statement's identity when given), `payee_name`, `title`, `label` (what the message calls the statement), `amount`,
/// `currency`.
public struct RoyaltyStatementsCSV: Sendable {
    public static let columns = ["id", "payee", "payee_name", "isbn", "title", "period", "label", "amount", "currency"]
    static let aliases: [String: String] = [
        "statement_id": "id", "statement": "id", "contact": "payee", "phone": "payee", "whatsapp": "payee", "name": "payee_name",
        "isbn13": "isbn", "work_title": "title", "statement_period": "period",
    ]

    public var rows: [RoyaltyStatementRow]
    public var problems: [ContactsCSVProblem]

    public var isValid: Bool { problems.isEmpty }

    /// Reads and checks `text`; never throws (an unreadable file is one problem).
    public init(text: String, source: String = "royalties.csv") {
        rows = []
        problems = []
        let opened = CSVImportHeader(text: text, source: source, known: Self.columns, canonical: Self.canonicalColumn)
        problems = opened.problems
        guard let table = opened.table else { return }
        let header = opened.columns
        if !header.contains("period") { problems.append(ContactsCSVProblem(line: 1, field: "header", message: "missing column \"period\"")) }
        if !header.contains("payee"), !header.contains("isbn") {
            problems.append(ContactsCSVProblem(line: 1, field: "header", message: "needs a \"payee\" or an \"isbn\" column (or both)"))
        }
        if let duplicate = Dictionary(grouping: header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            problems.append(ContactsCSVProblem(line: 1, field: "header", message: "column \"\(duplicate)\" appears more than once"))
        }
        guard problems.isEmpty else { return }
        var firstLine: [String: Int] = [:]
        for (line, fields) in table.rows {
            guard fields.count <= header.count else {
                problems.append(ContactsCSVProblem(line: line, field: "row", message: "\(fields.count) fields but the header has \(header.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (index, value) in fields.enumerated() { values[header[index]] = value }
            let (row, rowProblems) = Self.read(values, line: line)
            problems += rowProblems
            guard let row else { continue }
            if let first = firstLine[row.identityKey] {
                problems.append(ContactsCSVProblem(line: line, field: row.externalID == nil ? "row" : "id",
                                                   message: "the same statement as line \(first) (same \(row.externalID == nil ? "payee, period and title" : "id"))"))
            } else {
                firstLine[row.identityKey] = line
                rows.append(row)
            }
        }
        if rows.isEmpty, problems.isEmpty { problems.append(ContactsCSVProblem(line: 1, field: "file", message: "no statements after the header")) }
    }

    /// `1234`, `1234.56`, `-12.5`: digits with at most one decimal point, no separators or signs of currency.
    static func isPlainNumber(_ text: String) -> Bool {
        let parts = (text.hasPrefix("-") ? text.dropFirst() : Substring(text)).split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func canonicalColumn(_ name: String) -> String {
        let key = name.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: "_")
        return aliases[key] ?? key
    }

    /// One statement from named values (a CSV row, or a JSON object from the admin API), with every problem found.
    public static func read(_ raw: [String: String], line: Int) -> (RoyaltyStatementRow?, [ContactsCSVProblem]) {
        var values: [String: String] = [:]
        for (key, value) in raw {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { values[canonicalColumn(key)] = trimmed }
        }
        var problems: [ContactsCSVProblem] = []
        func problem(_ field: String, _ message: String) { problems.append(ContactsCSVProblem(line: line, field: field, message: message)) }
        let period = values["period"]
        if period == nil { problem("period", "is empty; write the statement period, e.g. 2025-H1 or Jan–Jun 2025") }
        var payee = values["payee"]
        if let text = payee, !text.hasPrefix("wac_") {
            do { payee = try PhoneNumber(parsing: text).e164 } catch { problem("payee", "\"\(text)\" is neither a contact id (wac_…) nor a phone number: \(error.description)") }
        }
        var isbn13: String?
        if let text = values["isbn"] {
            if let isbn = ISBN(text) { isbn13 = isbn.isbn13 } else { problem("isbn", "\"\(text)\" is not a valid ISBN (wrong length or check digit)") }
        }
        if values["payee"] == nil, values["isbn"] == nil {
            problem("payee", "is empty and so is isbn; give the payee (a contact id or phone number) or the title's ISBN (its author and agent contacts are notified)")
        }
        if let amount = values["amount"], !Self.isPlainNumber(amount) {
            problem("amount", "\"\(amount)\" is not a number (write 1234.56, without thousands separators or a currency sign)")
        }
        if let currency = values["currency"], currency.count != 3 || !currency.allSatisfy(\.isLetter) {
            problem("currency", "\"\(currency)\" is not a three-letter currency code (GBP, EUR, USD)")
        }
        guard problems.isEmpty, let period else { return (nil, problems) }
        return (RoyaltyStatementRow(line: line, externalID: values["id"], payee: payee, payeeName: values["payee_name"], isbn13: isbn13, title: values["title"],
                                    period: period, label: values["label"], amount: values["amount"], currency: values["currency"]?.uppercased()), [])
    }
}

/// One checked statement of a ``RoyaltyStatementsCSV`` file.
public struct RoyaltyStatementRow: Sendable, Equatable {
    public var line: Int
    public var externalID: String?
    /// A contact id or an E.164 number.
    public var payee: String?
    public var payeeName: String?
    public var isbn13: String?
    public var title: String?
    public var period: String
    public var label: String?
    public var amount: String?
    public var currency: String?

    public var identityKey: String { Self.identityKey(externalID: externalID, payee: payee, period: period, isbn13: isbn13, title: title) }

    /// A statement's identity: the royalty system's id when given, else payee + period + title (case and spacing
    /// ignored), so the same statement imported again is recognised and nobody is notified twice.
    public static func identityKey(externalID: String?, payee: String?, period: String, isbn13: String?, title: String?) -> String {
        func norm(_ text: String?) -> String { (text ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        if let externalID, !externalID.isEmpty { return "id:" + externalID }
        return ["payee:" + norm(payee ?? "title-contacts"), "period:" + norm(period), "title:" + norm(isbn13 ?? title)].joined(separator: "|")
    }
}

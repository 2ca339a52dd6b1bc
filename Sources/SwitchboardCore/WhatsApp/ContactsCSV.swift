import Foundation

/// A WhatsApp contact list read from CSV and checked row by row.
///
/// Publishers keep their authors', editors' and suppliers' numbers in spreadsheets. Importing one must not stop at the
/// first mistake: every bad row is reported as `line N: field: problem`, so the whole file can be fixed in one pass,
/// and only rows without problems come out as ``rows``.
///
/// Columns (header names are case-insensitive; spaces and hyphens count as `_`): `name` and `phone` (required),
/// `email`, `roles` (`;`-separated ``ContactRole``s), `isbns` and/or `titles` (`;`-separated; ISBN, `work:123` or a
/// title), `consonance_contact_id`, `opted_in` (yes/no/true/false/y/n/1/0, empty = not stated), `language`
/// (a WhatsApp language code such as `en` or `en_GB`).
public struct ContactsCSV: Sendable {
    /// The columns this importer understands, by their canonical names.
    public static let columns = ["name", "phone", "email", "roles", "isbns", "titles", "consonance_contact_id", "opted_in", "language"]
    static let aliases: [String: String] = [
        "phone_number": "phone", "mobile": "phone", "whatsapp": "phone", "role": "roles", "isbn": "isbns", "title": "titles",
        "consonance_id": "consonance_contact_id", "opt_in": "opted_in", "consent": "opted_in", "lang": "language", "locale": "language",
    ]

    public var rows: [ContactsCSVRow]
    public var problems: [ContactsCSVProblem]

    /// True when every row was read without a problem.
    public var isValid: Bool { problems.isEmpty }

    /// Reads and checks `text`. Never throws: a file that cannot be read at all comes back as one problem.
    ///
    /// - Parameter defaultCountryCallingCode: the calling code assumed for numbers written nationally (`020 7946 0958`).
    public init(text: String, source: String = "contacts.csv", defaultCountryCallingCode: String? = nil) {
        rows = []
        problems = []
        let opened = CSVImportHeader(text: text, source: source, known: Self.columns, canonical: Self.canonicalColumn)
        problems = opened.problems
        guard let table = opened.table else { return }
        let header = opened.columns
        for required in ["name", "phone"] where !header.contains(required) {
            problems.append(ContactsCSVProblem(line: 1, field: "header", message: "missing column \"\(required)\""))
        }
        guard header.contains("name"), header.contains("phone") else { return }
        if let duplicate = Dictionary(grouping: header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            problems.append(ContactsCSVProblem(line: 1, field: "header", message: "column \"\(duplicate)\" appears more than once"))
            return
        }
        var firstLineOfPhone: [PhoneNumber: Int] = [:]
        for (line, fields) in table.rows {
            if fields.count > header.count {
                problems.append(ContactsCSVProblem(line: line, field: "row", message: "\(fields.count) fields but the header has \(header.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (index, value) in fields.enumerated() { values[header[index]] = value.trimmingCharacters(in: .whitespacesAndNewlines) }
            var reader = RowReader(line: line, values: values)
            let row = reader.read(defaultCountryCallingCode: defaultCountryCallingCode)
            if let phone = row?.phone {
                if let first = firstLineOfPhone[phone] {
                    reader.problems.append(ContactsCSVProblem(line: line, field: "phone", message: "\(phone) is already on line \(first)"))
                } else {
                    firstLineOfPhone[phone] = line
                }
            }
            problems += reader.problems
            if let row, reader.problems.isEmpty { rows.append(row) }
        }
    }

    static func canonicalColumn(_ name: String) -> String {
        let key = name.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: "_")
        return aliases[key] ?? key
    }
}

/// One contact from a ``ContactsCSV`` file, validated.
public struct ContactsCSVRow: Sendable, Equatable {
    /// The line the row starts on, for messages about it.
    public var line: Int
    public var name: String
    public var phone: PhoneNumber
    /// Lower-cased.
    public var email: String?
    public var roles: [ContactRole]
    public var titles: [ContactTitleReference]
    public var consonanceContactID: Int64?
    /// `nil` when the file does not say.
    public var optedIn: Bool?
    /// A WhatsApp language code (`en`, `en_GB`).
    public var language: String?

    public init(line: Int, name: String, phone: PhoneNumber, email: String? = nil, roles: [ContactRole] = [], titles: [ContactTitleReference] = [],
                consonanceContactID: Int64? = nil, optedIn: Bool? = nil, language: String? = nil) {
        self.line = line
        self.name = name
        self.phone = phone
        self.email = email
        self.roles = roles
        self.titles = titles
        self.consonanceContactID = consonanceContactID
        self.optedIn = optedIn
        self.language = language
    }
}

/// A problem with one field of one row of a contact list: `line 7: phone: "12" is too short…`.
public struct ContactsCSVProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    /// The column, or `header`, `row` or `file` for problems that are not about one field.
    public var field: String
    public var message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String { "line \(line): \(field): \(message)" }
}

/// Reads the fields of one row, collecting a problem for every bad field.
private struct RowReader {
    let line: Int
    let values: [String: String]
    var problems: [ContactsCSVProblem] = []

    init(line: Int, values: [String: String]) {
        self.line = line
        self.values = values
    }

    mutating func read(defaultCountryCallingCode: String?) -> ContactsCSVRow? {
        let name = value("name")
        if name == nil { problem("name", "is empty") }
        var phone: PhoneNumber?
        if let text = value("phone") {
            do { phone = try PhoneNumber(parsing: text, defaultCountryCallingCode: defaultCountryCallingCode) } catch { problem("phone", error.description) }
        } else {
            problem("phone", "is empty")
        }
        let email = readEmail()
        var roles: [ContactRole] = []
        for text in list("roles") {
            do {
                let role = try ContactRole(parsing: text)
                if !roles.contains(role) { roles.append(role) }
            } catch {
                problem("roles", error.description)
            }
        }
        var titles: [ContactTitleReference] = []
        for (column, allowTitles) in [("isbns", false), ("titles", true)] {
            for text in list(column) {
                do {
                    let title = try ContactTitleReference(parsing: text, allowTitles: allowTitles)
                    if !titles.contains(where: { $0.key == title.key }) { titles.append(title) }
                } catch {
                    problem(column, error.description)
                }
            }
        }
        if !titles.isEmpty, roles.isEmpty, value("roles") == nil {
            problem("roles", "is empty but the row lists titles; give the contact's role on them")
        }
        var consonanceContactID: Int64?
        if let text = value("consonance_contact_id") {
            if let id = Int64(text), id > 0 { consonanceContactID = id } else { problem("consonance_contact_id", "\"\(text)\" is not a positive whole number") }
        }
        var optedIn: Bool?
        if let text = value("opted_in") {
            switch text.lowercased() {
            case "yes", "y", "true", "1": optedIn = true
            case "no", "n", "false", "0": optedIn = false
            default: problem("opted_in", "\"\(text)\" is not yes/no/true/false")
            }
        }
        var language: String?
        if let text = value("language") {
            language = WhatsAppLanguageCode.normalised(text)
            if language == nil { problem("language", "\"\(text)\" is not a language code such as en or en_GB") }
        }
        guard let name, let phone else { return nil }
        return ContactsCSVRow(line: line, name: name, phone: phone, email: email, roles: roles, titles: titles,
                              consonanceContactID: consonanceContactID, optedIn: optedIn, language: language)
    }

    private mutating func readEmail() -> String? {
        guard let text = value("email") else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) else {
            problem("email", "\"\(text)\" is not an email address")
            return nil
        }
        return text.lowercased()
    }

    private func value(_ column: String) -> String? {
        guard let text = values[column], !text.isEmpty else { return nil }
        return text
    }

    private func list(_ column: String) -> [String] {
        (value(column) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private mutating func problem(_ field: String, _ message: String) {
        problems.append(ContactsCSVProblem(line: line, field: field, message: message))
    }
}

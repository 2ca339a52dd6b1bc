import Foundation

/// A title a contact works on, as the contact list names it: by ISBN, by Consonance work id, or by its title text.
///
/// Recipes find "the title's author, editor and production lead" from any of these; the store resolves ISBNs and
/// titles to Consonance works so that a contact linked to the hardback's ISBN is also found from the ebook's.
public enum ContactTitleReference: Sendable, Hashable, CustomStringConvertible {
    case isbn(ISBN)
    case work(Int64)
    case title(String)

    /// Parses one entry of a contact list: `work:123` is a Consonance work, something that looks like an ISBN must be
    /// a valid one, anything else is a title (when `allowTitles`).
    public init(parsing text: String, allowTitles: Bool = true) throws(ContactTitleReferenceError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("work:") || lower.hasPrefix("work ") {
            guard let id = Int64(trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)), id > 0 else { throw .invalidWorkID(trimmed) }
            self = .work(id)
            return
        }
        var candidate = trimmed
        if lower.hasPrefix("isbn") { candidate = String(trimmed.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: ":- ")) }
        if let isbn = ISBN(candidate) {
            self = .isbn(isbn)
            return
        }
        let digits = candidate.filter(\.isNumber).count
        let looksLikeISBN = digits >= 9 && candidate.allSatisfy { $0.isNumber || $0 == "-" || $0 == " " || $0 == "X" || $0 == "x" }
        if looksLikeISBN || lower.hasPrefix("isbn") || !allowTitles { throw .invalidISBN(trimmed) }
        guard !NameNormalizer.titleKey(trimmed).isEmpty else { throw .empty }
        self = .title(trimmed)
    }

    /// The key a link to this title is stored under: `isbn:9780306406157`, `work:42` or `title:<normalised title>`.
    public var key: String {
        switch self {
        case .isbn(let isbn): "isbn:" + isbn.isbn13
        case .work(let id): "work:\(id)"
        case .title(let title): "title:" + NameNormalizer.titleKey(title)
        }
    }

    public var description: String {
        switch self {
        case .isbn(let isbn): isbn.isbn13
        case .work(let id): "work:\(id)"
        case .title(let title): title
        }
    }
}

/// Why an entry of a contact list names no title.
public enum ContactTitleReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case invalidISBN(String)
    case invalidWorkID(String)

    public var description: String {
        switch self {
        case .empty: "empty title"
        case .invalidISBN(let text): "\"\(text)\" is not a valid ISBN (wrong length or check digit)"
        case .invalidWorkID(let text): "\"\(text)\" is not a work id (write work:123)"
        }
    }
}

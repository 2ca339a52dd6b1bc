import Foundation

/// A validated International Standard Book Number, held as its 13-digit form.
///
/// Every title Switchboard touches (Consonance products, Zendesk ticket fields, customer messages) is keyed by ISBN, and the
/// same book arrives written as ISBN-10, hyphenated ISBN-13, with typographic dashes… This type is the one place where that
/// text becomes a canonical key: two `ISBN` values are equal exactly when they name the same book.
///
/// Rules (reference §9): ISBN-13 check digit weights 1,3,1,3…; ISBN-10 check character weights 10…2 mod 11 (`X` = 10, only as
/// the last character); ISBN-10 converts to `978` + the first nine digits; `979-0…` is ISMN (printed music) and `977…` is ISSN,
/// neither is an ISBN. Hyphenation needs the agency's range file and is deliberately not done here.
public struct ISBN: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The canonical key: 13 ASCII digits, no separators, prefix `978` or `979` (never `9790`).
    public let isbn13: String

    /// The ISBN-10 form (upper-case `X` check character), or `nil` for `979` ISBNs, which have none.
    public var isbn10: String? {
        guard isbn13.hasPrefix("978") else { return nil }
        let first9 = String(isbn13.dropFirst(3).prefix(9))
        return first9 + String(Self.checkDigit10(first9))
    }

    public var description: String { isbn13 }

    /// Parses an ISBN-13 or ISBN-10, with or without separators.
    ///
    /// Accepted: ASCII digits; separators (ASCII hyphen and space, plus the typographic dashes and spaces of reference §10.1)
    /// between characters; full-width digits; a final `X`/`x` on an ISBN-10. Surrounding whitespace is ignored. Rejected: a label
    /// such as `ISBN` (use `ISBNExtractor` for free text), a leading or trailing separator, a wrong check digit, `X` anywhere
    /// but the last place of a ten-character ISBN, and 13-digit numbers that are not ISBNs (`9790…` ISMN, `977…` ISSN, any
    /// prefix other than `978`/`979`).
    public init?(_ text: String) {
        let units = ISBNTextNormaliser.normalisedUTF16(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let first = units.first, let last = units.last,
            first != ISBNTextNormaliser.hyphen, first != ISBNTextNormaliser.space,
            last != ISBNTextNormaliser.hyphen, last != ISBNTextNormaliser.space
        else { return nil }
        var characters = ""
        for unit in units {
            if ISBNTextNormaliser.isDigit(unit) {
                characters.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            } else if unit == 0x58 || unit == 0x78 {  // X, x
                characters.append("X")
            } else if unit != ISBNTextNormaliser.hyphen && unit != ISBNTextNormaliser.space {
                return nil
            }
        }
        switch characters.count {
        case 13:
            guard Self.isValidISBN13(characters) else { return nil }
            self.isbn13 = characters
        case 10:
            guard let converted = Self.isbn13(fromISBN10: characters) else { return nil }
            self.isbn13 = converted
        default:
            return nil
        }
    }

    /// For callers that have already validated `digits` with `isValidISBN13`.
    init(validatedISBN13 digits: String) {
        self.isbn13 = digits
    }

    public static func < (lhs: ISBN, rhs: ISBN) -> Bool { lhs.isbn13 < rhs.isbn13 }

    // MARK: - Check digits and validation (digits-only strings)

    /// True when `digits` is exactly 13 ASCII digits with a correct check digit **and** an ISBN prefix: `978`, or `979`
    /// followed by 1–9. `9790…` (ISMN) and `977…` (ISSN) have valid EAN-13 check digits but return `false`.
    public static func isValidISBN13(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count == 13, bytes.allSatisfy(isASCIIDigit) else { return false }
        guard digits.hasPrefix("978") || (digits.hasPrefix("979") && !digits.hasPrefix("9790")) else { return false }
        return hasValidEAN13Checksum(bytes)
    }

    /// True when `text` is nine ASCII digits followed by a correct check character (a digit, or `X`/`x` for 10).
    public static func isValidISBN10(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes.prefix(9).allSatisfy(isASCIIDigit) else { return false }
        let expected = checkDigit10(String(decoding: bytes.prefix(9), as: UTF8.self))
        let given = bytes[9] == UInt8(ascii: "x") ? "X" : Character(Unicode.Scalar(bytes[9]))
        return given == expected
    }

    /// The ISBN-13 (EAN-13) check digit for twelve ASCII digits: weights 1,3,1,3…, `(10 − sum mod 10) mod 10`.
    /// - Precondition: `first12` is exactly 12 ASCII digits.
    public static func checkDigit13(_ first12: String) -> Character {
        let bytes = Array(first12.utf8)
        precondition(bytes.count == 12 && bytes.allSatisfy(isASCIIDigit), "checkDigit13 needs 12 ASCII digits")
        var sum = 0
        for (index, byte) in bytes.enumerated() { sum += Int(byte - 0x30) * (index.isMultiple(of: 2) ? 1 : 3) }
        return Character(String((10 - sum % 10) % 10))
    }

    /// The ISBN-10 check character for nine ASCII digits: weights 10…2, `(11 − sum mod 11) mod 11`, `X` for 10.
    /// - Precondition: `first9` is exactly 9 ASCII digits.
    public static func checkDigit10(_ first9: String) -> Character {
        let bytes = Array(first9.utf8)
        precondition(bytes.count == 9 && bytes.allSatisfy(isASCIIDigit), "checkDigit10 needs 9 ASCII digits")
        var sum = 0
        for (index, byte) in bytes.enumerated() { sum += Int(byte - 0x30) * (10 - index) }
        let check = (11 - sum % 11) % 11
        return check == 10 ? "X" : Character(String(check))
    }

    /// The 13-digit form of a valid ISBN-10 (`978` + first nine digits + new check digit), or `nil` when `isbn10` is not a
    /// valid ISBN-10. Separators (as accepted by `init?(_:)`) are allowed; the ISBN-10 check character is verified, then dropped.
    public static func isbn13(fromISBN10 isbn10: String) -> String? {
        var compact = ""
        for unit in ISBNTextNormaliser.normalisedUTF16(isbn10)
        where unit != ISBNTextNormaliser.hyphen && unit != ISBNTextNormaliser.space {
            guard unit < 0x80 else { return nil }
            compact.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
        }
        guard isValidISBN10(compact) else { return nil }
        let first12 = "978" + compact.prefix(9)
        return first12 + String(checkDigit13(first12))
    }

    // MARK: - Helpers

    static func isASCIIDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// EAN-13 checksum over 13 ASCII digits: the weighted sum of all thirteen is divisible by 10.
    static func hasValidEAN13Checksum(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 13, bytes.allSatisfy(isASCIIDigit) else { return false }
        var sum = 0
        for (index, byte) in bytes.enumerated() { sum += Int(byte - 0x30) * (index.isMultiple(of: 2) ? 1 : 3) }
        return sum % 10 == 0
    }
}

extension ISBN: Codable {
    /// Encodes as the 13-digit string; decoding accepts anything `init?(_:)` accepts and fails on anything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let isbn = ISBN(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a valid ISBN")
        }
        self = isbn
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isbn13)
    }
}

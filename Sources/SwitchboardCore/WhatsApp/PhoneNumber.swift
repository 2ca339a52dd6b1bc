import Foundation

/// A validated international phone number in E.164 form (`+442079460958`).
///
/// WhatsApp addresses people by number, and publishers' contact lists write the same number as "+44 20 7946 0958",
/// "0044 20 7946 0958" or "(020) 7946-0958". This type is the one place where that text becomes a canonical key: two
/// `PhoneNumber` values are equal exactly when they are the same number. ``waID`` is the digits-only form the Cloud API
/// uses for `to` and `wa_id`.
///
/// Rules: an optional leading `+` (or an international `00` prefix) followed by the country calling code and the
/// subscriber number; separators (spaces, hyphens, dots, slashes, parentheses) are ignored, and the UK-style "(0)" after
/// a country code is dropped. A national number (no `+` or `00`) needs a default country calling code; its one leading
/// trunk `0` is then replaced by that code. E.164 allows at most 15 digits; fewer than 7 is not a reachable number.
public struct PhoneNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// `+` followed by 7–15 ASCII digits, the first not `0`.
    public let e164: String

    public static let maximumDigits = 15
    public static let minimumDigits = 7

    /// The digits without the plus: WhatsApp's `wa_id` and the form the Cloud API takes in `to`.
    public var waID: String { String(e164.dropFirst()) }

    public var description: String { e164 }

    /// Parses a phone number as people write it.
    ///
    /// - Parameter defaultCountryCallingCode: the calling code (`"44"` or `"+44"`) assumed for national numbers such
    ///   as `020 7946 0958`; without it such numbers are rejected as missing their country code.
    public init(parsing text: String, defaultCountryCallingCode: String? = nil) throws(PhoneNumberError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        var digits = ""
        var sawPlus = false
        var remaining = Substring(trimmed)
        while let character = remaining.first {
            remaining = remaining.dropFirst()
            if character == "(", remaining.hasPrefix("0)"), sawPlus || digits.hasPrefix("00") {
                remaining = remaining.dropFirst(2)  // "+44 (0)20…": the trunk zero written for national callers
            } else if let digit = Self.asciiDigit(character) {
                digits.append(digit)
            } else if character == "+" {
                guard !sawPlus, digits.isEmpty else { throw .misplacedPlus(trimmed) }
                sawPlus = true
            } else if Self.separators.contains(character) || character.isWhitespace {
                continue
            } else {
                throw .invalidCharacter(character, in: trimmed)
            }
        }
        guard !digits.isEmpty else { throw .noDigits(trimmed) }
        let international: String
        if sawPlus {
            international = digits
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else if let defaultCountryCallingCode {
            let code = try Self.callingCode(defaultCountryCallingCode)
            international = code + (digits.hasPrefix("0") ? String(digits.dropFirst()) : digits)
        } else {
            throw .missingCountryCode(trimmed)
        }
        try self.init(internationalDigits: international, original: trimmed)
    }

    /// Parses a WhatsApp id (`447946000000`): digits only, already in international form.
    public init(waID text: String) throws(PhoneNumberError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        if let bad = trimmed.first(where: { Self.asciiDigit($0) == nil }) { throw .invalidCharacter(bad, in: trimmed) }
        try self.init(internationalDigits: trimmed, original: trimmed)
    }

    /// The number, or `nil` when `text` is not one (see ``init(parsing:defaultCountryCallingCode:)``).
    public init?(_ text: String, defaultCountryCallingCode: String? = nil) {
        guard let parsed = try? PhoneNumber(parsing: text, defaultCountryCallingCode: defaultCountryCallingCode) else { return nil }
        self = parsed
    }

    private init(internationalDigits digits: String, original: String) throws(PhoneNumberError) {
        guard !digits.hasPrefix("0") else { throw .countryCodeStartsWithZero(original) }
        guard digits.count >= Self.minimumDigits else { throw .tooShort(original, digits: digits.count) }
        guard digits.count <= Self.maximumDigits else { throw .tooLong(original, digits: digits.count) }
        self.e164 = "+" + digits
    }

    public static func < (lhs: PhoneNumber, rhs: PhoneNumber) -> Bool { lhs.e164 < rhs.e164 }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try PhoneNumber(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }

    // MARK: - Helpers

    /// Characters people put between digits.
    static let separators: Set<Character> = ["-", ".", "/", "(", ")", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]

    /// The ASCII digit for an ASCII or full-width digit.
    static func asciiDigit(_ character: Character) -> Character? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
        switch scalar.value {
        case 0x30...0x39: return character
        case 0xFF10...0xFF19: return Character(Unicode.Scalar(UInt8(scalar.value - 0xFF10 + 0x30)))
        default: return nil
        }
    }

    /// A country calling code as 1–3 digits, not starting with `0`.
    static func callingCode(_ text: String) throws(PhoneNumberError) -> String {
        var code = text.trimmingCharacters(in: .whitespaces)
        if code.hasPrefix("+") { code.removeFirst() }
        guard (1...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }), !code.hasPrefix("0") else {
            throw .invalidDefaultCountryCallingCode(text)
        }
        return code
    }
}

/// Why a text is not a phone number, worded for the person who typed it.
public enum PhoneNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case noDigits(String)
    case invalidCharacter(Character, in: String)
    case misplacedPlus(String)
    case missingCountryCode(String)
    case countryCodeStartsWithZero(String)
    case tooShort(String, digits: Int)
    case tooLong(String, digits: Int)
    case invalidDefaultCountryCallingCode(String)

    public var description: String {
        switch self {
        case .empty:
            return "phone number is empty"
        case .noDigits(let text):
            return "\"\(text)\" has no digits"
        case .invalidCharacter(let character, let text):
            let kind = character.isLetter ? "a letter" : "the character"
            return "\"\(text)\" contains \(kind) \"\(character)\"; a phone number has only digits, an optional leading + and separators"
        case .misplacedPlus(let text):
            return "\"\(text)\" has a + that is not at the start"
        case .missingCountryCode(let text):
            return "\"\(text)\" has no country code; write it internationally (+44 20 7946 0958 or 0044 20 7946 0958)"
        case .countryCodeStartsWithZero(let text):
            return "\"\(text)\" has a country code starting with 0; no country code does"
        case .tooShort(let text, let digits):
            return "\"\(text)\" is too short (\(digits) digits with the country code; at least \(PhoneNumber.minimumDigits))"
        case .tooLong(let text, let digits):
            return "\"\(text)\" is too long (\(digits) digits with the country code; E.164 allows at most \(PhoneNumber.maximumDigits))"
        case .invalidDefaultCountryCallingCode(let text):
            return "default country calling code \"\(text)\" is not 1–3 digits (for example 44 or +44)"
        }
    }
}

import Foundation

/// The tag values Switchboard adds to Zendesk tickets, and the way back from a tag to what it names.
///
/// Tags are how agents and Zendesk views filter tickets ("all tickets about this ISBN", "all Larkspur Press tickets"), so they
/// must be the same every time for the same thing: lower-case ASCII, no spaces, one `_` between words.
/// - `isbn_9780306406157`: always the 13-digit form.
/// - `imprint_larkspur_press`: the name lower-cased with diacritics folded (`Éditions du Seuil` → `editions_du_seuil`; also
///   ß → ss, æ → ae, ø → o, œ → oe, ł → l, đ/ð → d, þ → th), every run of other characters → one `_`, trimmed, and the whole tag
///   capped at `maximumLength` characters. A name with no Latin letters or digits at all becomes `imprint_x` + 8 hex digits
///   of a stable hash of the name (FNV-1a), so different names still get different tags.
/// - `format_hardback`, `format_paperback`, `format_print`, `format_ebook`, `format_audio`, `format_other`.
public enum ZendeskTagName {
    /// Longest tag produced (Zendesk's own limit is far higher; long tags are unreadable in views).
    public static let maximumLength = 64

    public static func isbn(_ isbn: ISBN) -> String { "isbn_\(isbn.isbn13)" }

    /// The ISBN a tag `isbn_…` names, or `nil` for any other tag. Case-insensitive; the value may be the 13- or 10-digit form.
    public static func isbn(fromTag tag: String) -> ISBN? {
        let lowered = tag.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard lowered.hasPrefix("isbn_") else { return nil }
        let value = lowered.dropFirst("isbn_".count)
        guard value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "x") }) else { return nil }
        return ISBN(String(value))
    }

    public static func imprint(_ name: String) -> String {
        let prefix = "imprint_"
        var slug = Self.slug(name)
        if slug.isEmpty { return prefix + "x" + fnv1aHex(name) }
        let room = maximumLength - prefix.count
        if slug.count > room {
            slug = String(slug.prefix(room))
            while slug.hasSuffix("_") { slug.removeLast() }
        }
        return prefix + slug
    }

    public static func format(_ family: FormatFamily) -> String {
        switch family {
        case .hardback: "format_hardback"
        case .paperback: "format_paperback"
        case .print: "format_print"
        case .ebook: "format_ebook"
        case .audiobook: "format_audio"
        case .other: "format_other"
        }
    }

    /// The format family a `format_…` tag names, or `nil` for any other tag.
    public static func formatFamily(fromTag tag: String) -> FormatFamily? {
        let lowered = tag.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return FormatFamily.allCases.first { format($0) == lowered }
    }

    // MARK: - Helpers

    private static let letterFolds: [Character: String] = [
        "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    /// Lower-case ASCII letters and digits, single `_` between runs, no `_` at either end.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
        var result = ""
        var pendingSeparator = false
        for character in folded {
            let pieces = letterFolds[character] ?? String(character)
            for scalar in pieces.unicodeScalars {
                if scalar.isASCII, ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                    if pendingSeparator && !result.isEmpty { result.append("_") }
                    pendingSeparator = false
                    result.unicodeScalars.append(scalar)
                } else {
                    pendingSeparator = true
                }
            }
        }
        return result
    }

    /// 32-bit FNV-1a of the UTF-8 bytes, as 8 lower-case hex digits.
    static func fnv1aHex(_ text: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

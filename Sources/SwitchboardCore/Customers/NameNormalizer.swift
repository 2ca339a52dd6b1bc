import Foundation

/// Reduces company names and domains to comparable keys, so "The Larkspur Press, Ltd." and
/// "larkspur press" match, and `https://www.Larkspur.example/` and `larkspur.example` do too.
public enum NameNormalizer {
    /// Legal-form words dropped from the end of a name.
    static let legalSuffixes: Set<String> = [
        "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp", "plc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "co", "corp",
        "corporation", "company", "pty", "srl", "spa", "oy", "ab", "as", "kg", "kk", "ug",
    ]

    public static func companyKey(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "&", with: " and ")
            .replacingOccurrences(of: "+", with: " and ")
        var tokens = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        if tokens.first == "the", tokens.count > 1 { tokens.removeFirst() }
        while let last = tokens.last, legalSuffixes.contains(last), tokens.count > 1 { tokens.removeLast() }
        return tokens.joined(separator: " ")
    }

    /// A book title reduced for exact matching: case, diacritics, punctuation and a leading article ignored, so
    /// "The Salt Road: A Novel" and "salt road — a novel" are the same title.
    public static func titleKey(_ title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "&", with: " and ")
        var tokens = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        if let first = tokens.first, ["the", "a", "an"].contains(first), tokens.count > 1 { tokens.removeFirst() }
        return tokens.joined(separator: " ")
    }

    /// A bare lower-case host name from a domain, URL or email address; `nil` when there is none.
    public static func domain(_ text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let at = value.lastIndex(of: "@") { value = String(value[value.index(after: at)...]) }
        if let scheme = value.range(of: "://") { value = String(value[scheme.upperBound...]) }
        if let slash = value.firstIndex(of: "/") { value = String(value[..<slash]) }
        if let colon = value.firstIndex(of: ":") { value = String(value[..<colon]) }
        while value.hasSuffix(".") { value.removeLast() }
        if value.hasPrefix("www.") { value.removeFirst(4) }
        guard value.contains("."), value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return value
    }

    /// Domains of public mail providers, which say nothing about which company a person works for.
    public static let freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "hotmail.com", "hotmail.co.uk", "outlook.com", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
        "yandex.com", "zoho.com", "fastmail.com", "hey.com",
    ]
}

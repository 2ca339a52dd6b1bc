import Foundation

/// The language codes WhatsApp templates are registered under (`en`, `en_GB`, `pt_BR`).
///
/// Contact lists write them as `en-gb` or `EN_GB`; templates are looked up by exact code, so they are normalised once.
public enum WhatsAppLanguageCode {
    /// `ll` or `ll_CC` (2–3 lower-case letters, optionally `_` and a 2-letter upper-case region), or `nil` when `text`
    /// is not a language code.
    public static func normalised(_ text: String) -> String? {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: { $0 == "_" || $0 == "-" })
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isLetter } }),
              (2...3).contains(parts[0].count) else { return nil }
        var code = parts[0].lowercased()
        if parts.count == 2 {
            guard parts[1].count == 2 else { return nil }
            code += "_" + parts[1].uppercased()
        }
        return code
    }
}

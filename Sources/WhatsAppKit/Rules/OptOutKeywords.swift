import Foundation

/// Recognises an opt-out: a message that consists of nothing but a keyword such as STOP or UNSUBSCRIBE.
///
/// Matching is case-insensitive and whole-message, after trimming whitespace and trailing `.`/`!`, so "stop", " STOP! "
/// and "Unsubscribe." match but "please don't stop" does not. Template quick-reply buttons labelled with a keyword
/// (Meta's own example uses "Unsubscribe") count too.
public struct OptOutKeywords: Sendable, Hashable {
    public static let defaultKeywords = ["STOP", "UNSUBSCRIBE"]

    /// The keywords, normalised (upper-cased, trimmed).
    public let keywords: Set<String>

    /// The defaults plus `extra` (e.g. "STOPP", "ARRÊT"); pass `includeDefaults: false` to replace them.
    public init(extra: [String] = [], includeDefaults: Bool = true) {
        let words = (includeDefaults ? Self.defaultKeywords : []) + extra
        self.keywords = Set(words.map(Self.normalise).filter { !$0.isEmpty })
    }

    /// Whether `text` is exactly one of the keywords.
    public func matches(_ text: String) -> Bool {
        keywords.contains(Self.normalise(text))
    }

    /// Whether a message is an opt-out: its text, or the label or payload of a tapped template button.
    public func matches(_ message: WhatsAppInboundMessage) -> Bool {
        switch message.content {
        case .text(let body): return matches(body)
        case .button(let payload, let text): return [payload, text].contains { value in value.map { matches($0) } ?? false }
        default: return false
        }
    }

    static func normalise(_ text: String) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = trimmed.last, last == "." || last == "!" { trimmed.removeLast() }
        return trimmed.trimmingCharacters(in: .whitespacesAndNewlines).uppercased(with: Locale(identifier: "en_US_POSIX"))
    }
}

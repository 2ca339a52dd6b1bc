import Foundation

/// A message the client refused to send because it breaks a Cloud API limit (reference §1.7, §1.8).
///
/// Thrown before any request is made, with every problem found (not just the first), each naming the JSON field it
/// concerns, so the caller can fix the message instead of decoding Meta's 131009/100 answers.
public struct WhatsAppValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One broken rule.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Rule: Sendable, Hashable {
            /// Longer than `limit` characters.
            case tooLong(limit: Int, actual: Int)
            /// Fewer than `minimum` items.
            case tooFew(minimum: Int, actual: Int)
            /// More than `maximum` items.
            case tooMany(maximum: Int, actual: Int)
            /// The same value appears twice where values must be unique.
            case duplicate(String)
            /// Required but empty.
            case empty
            /// Leading or trailing whitespace where Meta forbids it.
            case surroundingWhitespace
            /// Not allowed for this kind of message.
            case notAllowed
            /// Not an HTTP(S) URL.
            case notHTTPURL
            /// Outside the allowed range.
            case outOfRange(String)
        }

        /// The JSON path of the offending field, e.g. `interactive.action.buttons[1].reply.title`.
        public var field: String
        public var rule: Rule

        public init(field: String, rule: Rule) {
            self.field = field
            self.rule = rule
        }

        public var description: String {
            switch rule {
            case .tooLong(let limit, let actual): return "\(field) is \(actual) characters long; at most \(limit) allowed"
            case .tooFew(let minimum, let actual): return "\(field) has \(actual) item\(actual == 1 ? "" : "s"); at least \(minimum) required"
            case .tooMany(let maximum, let actual): return "\(field) has \(actual) items; at most \(maximum) allowed"
            case .duplicate(let value): return "\(field) repeats \"\(value)\"; values must be unique"
            case .empty: return "\(field) is required and must not be empty"
            case .surroundingWhitespace: return "\(field) must not start or end with whitespace"
            case .notAllowed: return "\(field) is not allowed here"
            case .notHTTPURL: return "\(field) must be an http(s) URL"
            case .outOfRange(let allowed): return "\(field) must be \(allowed)"
            }
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        "message not sent: " + problems.map(\.description).joined(separator: "; ")
    }
}

/// Collects validation problems field by field.
struct ValidationCollector {
    var problems: [WhatsAppValidationError.Problem] = []

    mutating func add(_ field: String, _ rule: WhatsAppValidationError.Problem.Rule) {
        problems.append(.init(field: field, rule: rule))
    }

    /// Required text, at most `limit` characters.
    mutating func required(_ field: String, _ text: String, limit: Int) {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add(field, .empty) }
        optional(field, text, limit: limit)
    }

    /// Optional text, at most `limit` characters when present.
    mutating func optional(_ field: String, _ text: String?, limit: Int) {
        guard let text else { return }
        if text.count > limit { add(field, .tooLong(limit: limit, actual: text.count)) }
    }

    mutating func count(_ field: String, _ actual: Int, minimum: Int, maximum: Int) {
        if actual < minimum { add(field, .tooFew(minimum: minimum, actual: actual)) }
        if actual > maximum { add(field, .tooMany(maximum: maximum, actual: actual)) }
    }

    mutating func link(_ field: String, _ source: WhatsAppMediaSource) {
        switch source {
        case .id(let id):
            if id.trimmingCharacters(in: .whitespaces).isEmpty { add(field + ".id", .empty) }
        case .link(let link):
            let lowered = link.lowercased()
            if !(lowered.hasPrefix("https://") || lowered.hasPrefix("http://")) || link.count <= 8 { add(field + ".link", .notHTTPURL) }
        }
    }

    func finish() throws(WhatsAppValidationError) {
        if !problems.isEmpty { throw WhatsAppValidationError(problems: problems) }
    }
}

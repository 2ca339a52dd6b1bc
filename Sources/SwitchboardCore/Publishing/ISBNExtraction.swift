/// How sure `ISBNExtractor` is that a number in free text is meant as an ISBN.
///
/// It exists so that flows can act on a high-confidence ISBN straight away but only look a low-confidence one up first
/// (reference §10.2 steps 7–8). Ordered `low < medium < high`.
public enum ISBNConfidence: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// An unlabelled 10-digit number: about 1 in 11 random 10-digit numbers passes the ISBN-10 checksum.
    case low
    /// An unlabelled 13-digit number starting `978`/`979` with a valid check digit.
    case medium
    /// Preceded within a few characters by an `ISBN`, `EAN` or `GTIN` label.
    case high

    public static func < (lhs: ISBNConfidence, rhs: ISBNConfidence) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        }
    }
}

/// One ISBN found in free text, as `ISBNExtractor` reports it: the parsed value plus what a human would need to trust it.
public struct ISBNMatch: Sendable, Equatable {
    public var isbn: ISBN
    public var confidence: ISBNConfidence
    /// The candidate exactly as it appeared in the input (original dashes and spaces, no label).
    public var written: String
    /// True when the text held the ISBN-10 form, which was converted.
    public var wasISBN10: Bool
    /// True for `.low` confidence: act on this match only after a successful lookup (e.g. in Consonance).
    public var needsConfirmation: Bool { confidence == .low }

    public init(isbn: ISBN, confidence: ISBNConfidence, written: String, wasISBN10: Bool) {
        self.isbn = isbn
        self.confidence = confidence
        self.written = written
        self.wasISBN10 = wasISBN10
    }
}

/// A number that looked like an ISBN but was refused, so support staff can be told ("the check digit is wrong") instead of the
/// message being silently ignored.
public struct RejectedISBNCandidate: Sendable, Equatable {
    /// Why a candidate was refused.
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        /// A labelled candidate, or an unlabelled 13-digit `978`/`979` one, whose check digit is wrong.
        case badCheckDigit
        /// A 13-digit number starting `9790`: an ISMN (printed music), not an ISBN, whatever its check digit.
        case ismn
        /// An unlabelled 10-digit number with a valid ISBN-10 checksum that reads as a phone or order number
        /// (see `ISBNExtractor` for the rule).
        case phoneOrOrderNumber
    }

    /// The candidate exactly as it appeared in the input.
    public var written: String
    public var reason: Reason

    public init(written: String, reason: Reason) {
        self.written = written
        self.reason = reason
    }
}

/// Everything `ISBNExtractor` found in one text: the ISBNs to use and the near misses worth reporting.
public struct ISBNExtraction: Sendable, Equatable {
    /// Distinct ISBNs in order of first appearance, each once, with the highest confidence any occurrence earned.
    public var matches: [ISBNMatch]
    /// Refused candidates in order of appearance (identical written/reason pairs reported once).
    public var rejected: [RejectedISBNCandidate]

    public init(matches: [ISBNMatch] = [], rejected: [RejectedISBNCandidate] = []) {
        self.matches = matches
        self.rejected = rejected
    }

    /// The matched ISBNs, in order.
    public var isbns: [ISBN] { matches.map(\.isbn) }
}

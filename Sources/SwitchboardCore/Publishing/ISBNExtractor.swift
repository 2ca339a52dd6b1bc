import Foundation

/// Finds ISBNs in free text: emails, WhatsApp messages, ticket subjects, URLs.
///
/// Customers rarely type a clean ISBN. This extractor turns what they do type into `ISBN` values with a confidence, and
/// reports near misses, following reference §10.2:
/// 1. **Normalise** typographic dashes and spaces to `-` and ` ` (and full-width digits to ASCII).
/// 2. **Add-on runs first**: a `978`/`979` run of 15 or 18 digits is a barcode with a 2- or 5-digit price add-on; its first 13
///    digits are the candidate, and the whole run is masked.
/// 3. **ISBN-13 candidates** (`978`/`979` + 10 more digits, a single `-` or ` ` allowed between any two digits, the prefix
///    included) are checked, then masked, so the tail of `978-0-596-52068-7` is never re-read as the ISBN-10 `0-596-52068-7`.
/// 4. **ISBN-10 candidates** (nine digits + a digit or `X`, single separators allowed, no letter or digit either side) are
///    looked for in the masked text. A run glued by a hyphen to further digits (`978-1-911390` inside the truncated
///    `978-1-911390-22`) is a fragment, not a candidate. Candidates may overlap (`Qty 2 0 306 40615 2`,
///    `ISBN-10 3837 28 15 0 7`): a reading that starts with a label's `10`/`13` is never used, and of the others a reading
///    with a valid checksum wins over one without.
/// 5. Separators are stripped, `x` upper-cased, the checksum verified, `9790…` (ISMN) refused.
/// 6. ISBN-10s are converted to ISBN-13 and the results de-duplicated.
/// 7. Confidence: **high** when an `ISBN`/`EAN`/`GTIN` label (optionally `-10`, `-13`, `10`, `13`, `:`) ends a few characters
///    before the number; otherwise **medium** for a 13-digit number and **low** for a 10-digit one.
///
/// Rejections: a labelled candidate or any 13-digit `978`/`979` candidate with a wrong check digit → `.badCheckDigit`;
/// `9790…` → `.ismn`; an unlabelled 10-digit candidate with a *valid* checksum that reads as a phone or order number →
/// `.phoneOrOrderNumber` (the rule is documented on `ISBNContext`: `+` country codes, parenthesised groups, phone-style
/// grouping, and words such as tel, phone, call, order, invoice, ref, no., # shortly before it). Unlabelled 10-digit runs with
/// a wrong checksum are just numbers and are dropped without a report.
///
/// Decision: a 13-digit `978`/`979` number with a valid check digit is an ISBN (medium confidence) even after an order word
/// (`Order no. 9780596520687`): order numbers rarely start `978` and pass the EAN check, and the phone/order rule is only
/// needed for 10-digit numbers, where 1 in 11 random runs passes the checksum.
///
/// Not handled: an ISBN split across a line break or a quoted-email `>` marker.
public struct ISBNExtractor: Sendable {
    public init() {}

    /// Every distinct ISBN in `text`, in order of first appearance, plus the rejected near misses.
    public func extract(from text: String) -> ISBNExtraction {
        let original = text as NSString
        var units = ISBNTextNormaliser.normalisedUTF16(text)
        let normalised = NSString(characters: units, length: units.count)
        var found: [Found] = []
        var rejected: [(location: Int, candidate: RejectedISBNCandidate)] = []

        func written(_ range: NSRange) -> String { original.substring(with: range) }

        func mask(_ range: NSRange) {
            for offset in range.location..<(range.location + range.length) { units[offset] = Self.maskUnit }
        }

        func consider13(digits: String, range: NSRange, writtenRange: NSRange) {
            let labelled = ISBNContext.isLabelled(normalised, before: range)
            if digits.hasPrefix("9790") {
                rejected.append((range.location, .init(written: written(writtenRange), reason: .ismn)))
            } else if ISBN.isValidISBN13(digits) {
                let match = ISBNMatch(
                    isbn: ISBN(validatedISBN13: digits), confidence: labelled ? .high : .medium, written: written(writtenRange),
                    wasISBN10: false)
                found.append(Found(location: range.location, match: match))
            } else {
                rejected.append((range.location, .init(written: written(writtenRange), reason: .badCheckDigit)))
            }
        }

        // Step 2: barcode add-on runs (15 or 18 digits); the ISBN is the first 13.
        for result in Self.addOnRun.matches(in: normalised as String, range: NSRange(location: 0, length: normalised.length)) {
            let range = result.range
            let digits = normalised.substring(with: range)
            consider13(
                digits: String(digits.prefix(13)), range: range, writtenRange: NSRange(location: range.location, length: 13))
            mask(range)
        }

        // Step 3: ISBN-13 candidates in the text with add-on runs masked.
        let afterAddOns = NSString(characters: units, length: units.count)
        for result in Self.isbn13Candidate.matches(in: afterAddOns as String, range: NSRange(location: 0, length: afterAddOns.length)) {
            let range = result.range
            consider13(digits: Self.compact(normalised.substring(with: range)), range: range, writtenRange: range)
            mask(range)
        }

        // Step 4: ISBN-10 candidates in the text with every 13-digit candidate masked.
        let masked = NSString(characters: units, length: units.count)
        for candidate in Self.isbn10Candidates(in: masked, normalised: normalised) {
            let range = candidate.range
            let labelled = ISBNContext.isLabelled(normalised, before: range)
            guard let isbn13 = candidate.isbn13 else {
                if labelled { rejected.append((range.location, .init(written: written(range), reason: .badCheckDigit))) }
                continue
            }
            if !labelled && ISBNContext.looksLikePhoneOrOrderNumber(normalised, candidate: range, compact: candidate.compact) {
                rejected.append((range.location, .init(written: written(range), reason: .phoneOrOrderNumber)))
                continue
            }
            let match = ISBNMatch(
                isbn: ISBN(validatedISBN13: isbn13), confidence: labelled ? .high : .low, written: written(range), wasISBN10: true)
            found.append(Found(location: range.location, match: match))
        }

        return ISBNExtraction(matches: Self.deduplicated(found), rejected: Self.deduplicated(rejected))
    }

    // MARK: - Patterns (reference §10.2)

    /// Replaces matched candidates; a letter other than `X`, so nothing next to a masked run can pass the ISBN-10 look-arounds.
    static let maskUnit = UInt16(UInt8(ascii: "Z"))

    static let addOnRun = try! NSRegularExpression(pattern: #"(?<![0-9])97[89][0-9]{12}(?:[0-9]{3})?(?![0-9])"#)
    /// §10.2's pattern, except that a separator may also split the `978`/`979` prefix (`97-8…` is still an ISBN-13).
    static let isbn13Candidate = try! NSRegularExpression(pattern: #"(?<![0-9])9[ -]?7[ -]?[89](?:[ -]?[0-9]){10}(?![0-9])"#)
    /// §10.2's pattern inside a look-ahead, so that overlapping candidates are all reported; group 1 is the candidate.
    static let isbn10Candidate = try! NSRegularExpression(
        pattern: #"(?<![0-9A-Za-z])(?=([0-9](?:[ -]?[0-9]){8}[ -]?[0-9Xx])(?![0-9A-Za-z]))"#)
    /// The `10`/`13` of an `ISBN-10`, `ISBN 13`, `EAN13`… label (group 1).
    static let labelNumber = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z0-9])(?:ISBN|EAN|GTIN)[- ]?(1[03])(?![0-9])"#, options: [.caseInsensitive])

    // MARK: - ISBN-10 candidate selection

    private struct Candidate10 {
        var range: NSRange
        var compact: String
        var isbn13: String?
        var priority: Int
    }

    /// ISBN-10 candidates that do not overlap, chosen from all overlapping readings of the masked text.
    ///
    /// Digits around a number can form other 10-digit readings: `Qty 2 0 306 40615 2` holds `2 0 306 40615` and
    /// `0 306 40615 2`. Dropped outright: a reading glued by a hyphen to more digits (a fragment), and a reading that starts
    /// with the `10`/`13` of a label (`ISBN-10 3837 28 15 0 7` holds `10 3837 28 15`, which passes the checksum 1 time in 11;
    /// so `ISBN 13 208 5 5 2 4 5` is read as a label, not as the ISBN-10 `1320855245`). Among overlapping readings one with a
    /// valid checksum wins, then the earliest.
    private static func isbn10Candidates(in masked: NSString, normalised: NSString) -> [Candidate10] {
        let whole = NSRange(location: 0, length: masked.length)
        let labelNumberStarts = Set(labelNumber.matches(in: normalised as String, range: whole).map { $0.range(at: 1).location })
        var candidates: [Candidate10] = []
        for result in isbn10Candidate.matches(in: masked as String, range: whole) {
            let range = result.range(at: 1)
            guard !labelNumberStarts.contains(range.location), !ISBNContext.isHyphenatedFragment(normalised, candidate: range)
            else { continue }
            let compact = compact(normalised.substring(with: range))
            let isbn13 = ISBN.isbn13(fromISBN10: compact)
            let priority = isbn13 == nil ? 0 : 1
            candidates.append(Candidate10(range: range, compact: compact, isbn13: isbn13, priority: priority))
        }
        var chosen: [Candidate10] = []
        var claimed = IndexSet()
        for candidate in candidates.sorted(by: { ($0.priority, -$0.range.location) > ($1.priority, -$1.range.location) }) {
            let units = candidate.range.location..<(candidate.range.location + candidate.range.length)
            guard !claimed.intersects(integersIn: units) else { continue }
            claimed.insert(integersIn: units)
            chosen.append(candidate)
        }
        return chosen.sorted { $0.range.location < $1.range.location }
    }

    // MARK: - Helpers

    private struct Found {
        var location: Int
        var match: ISBNMatch
    }

    /// Digits and `X` only, upper-cased.
    static func compact(_ candidate: String) -> String {
        String(candidate.unicodeScalars.compactMap { scalar -> Character? in
            switch scalar {
            case "0"..."9": Character(scalar)
            case "x", "X": "X"
            default: nil
            }
        })
    }

    /// One match per ISBN, positioned at the ISBN's first appearance, carrying the best occurrence (highest confidence, the
    /// earliest among equals).
    private static func deduplicated(_ found: [Found]) -> [ISBNMatch] {
        var firstLocation: [ISBN: Int] = [:]
        var best: [ISBN: Found] = [:]
        for item in found.sorted(by: { $0.location < $1.location }) {
            let isbn = item.match.isbn
            if firstLocation[isbn] == nil { firstLocation[isbn] = item.location }
            if let current = best[isbn], current.match.confidence >= item.match.confidence { continue }
            best[isbn] = item
        }
        return best.values
            .sorted { firstLocation[$0.match.isbn, default: 0] < firstLocation[$1.match.isbn, default: 0] }
            .map(\.match)
    }

    private static func deduplicated(_ rejected: [(location: Int, candidate: RejectedISBNCandidate)]) -> [RejectedISBNCandidate] {
        var seen: [RejectedISBNCandidate] = []
        for item in rejected.sorted(by: { $0.location < $1.location }) where !seen.contains(item.candidate) {
            seen.append(item.candidate)
        }
        return seen
    }
}

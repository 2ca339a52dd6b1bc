import Foundation
import Testing

@testable import SwitchboardCore

/// Randomised checks of `ISBNExtractor` over every written form of reference §10.1.
///
/// Each test is reproducible: seeds are fixed, and every failure names the seed, the iteration and the exact text. To explore
/// other seeds, set `SWITCHBOARD_PROPERTY_SEED` (a number mixed into every seed) and optionally
/// `SWITCHBOARD_PROPERTY_ITERATIONS`; a failure message names the effective seed to put back in the test.
@Suite struct ISBNPropertyTests {
    static let iterations = ProcessInfo.processInfo.environment["SWITCHBOARD_PROPERTY_ITERATIONS"].flatMap(Int.init) ?? 2_500
    static let seedOffset = ProcessInfo.processInfo.environment["SWITCHBOARD_PROPERTY_SEED"].flatMap(UInt64.init) ?? 0
    let extractor = ISBNExtractor()

    /// §10.1 typographic separators: U+2010, U+2011, U+2012, U+2013, U+2014, U+2212, U+FE63, U+FF0D; U+00A0, U+2007, U+2009, U+202F.
    static let typographicSeparators: [String] = [
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{FE63}", "\u{FF0D}",
        "\u{00A0}", "\u{2007}", "\u{2009}", "\u{202F}",
    ]

    /// Words for surrounding sentences: no digits, no ISBN/EAN/GTIN label, no phone or order word.
    static let words = [
        "hello", "please", "could", "you", "check", "the", "book", "title", "copy", "we", "need", "about", "this", "edition",
        "thanks", "regards", "stock", "looking", "for", "have", "a", "question", "on", "is", "it", "available", "in", "store",
        "and", "from", "our", "shop", "Bonjour", "merci", "Grüße", "libro", "café", "señora", "😀",
    ]

    enum Kind: CaseIterable { case isbn13Under978, isbn13Under979, isbn10 }

    struct Sample {
        var compact: String  // digits (and X) as they will be written
        var expected13: String?
    }

    // MARK: - Generators

    static func digits(_ count: Int, using rng: inout SplitMix64) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    static func validSample(_ kind: Kind, using rng: inout SplitMix64) -> Sample {
        switch kind {
        case .isbn13Under978:
            let first12 = "978" + digits(9, using: &rng)
            let full = first12 + String(ISBN.checkDigit13(first12))
            return Sample(compact: full, expected13: full)
        case .isbn13Under979:
            let first12 = "979" + String(Int.random(in: 1...9, using: &rng)) + digits(8, using: &rng)
            let full = first12 + String(ISBN.checkDigit13(first12))
            return Sample(compact: full, expected13: full)
        case .isbn10:
            // A quarter of the ISBN-10s are forced to have an X check character (about 1 in 11 would otherwise).
            let wantX = Int.random(in: 0..<4, using: &rng) == 0
            var first9 = digits(9, using: &rng)
            while wantX && ISBN.checkDigit10(first9) != "X" { first9 = digits(9, using: &rng) }
            var check = String(ISBN.checkDigit10(first9))
            if check == "X" && Bool.random(using: &rng) { check = "x" }
            let expected = "978" + first9
            return Sample(compact: first9 + check, expected13: expected + String(ISBN.checkDigit13(expected)))
        }
    }

    static func invalidSample(_ kind: Kind, using rng: inout SplitMix64) -> Sample {
        switch kind {
        case .isbn13Under978, .isbn13Under979:
            let first12 = (kind == .isbn13Under978 ? "978" : "979") + digits(9, using: &rng)
            let right = Int(String(ISBN.checkDigit13(first12)))!
            let wrong = (right + Int.random(in: 1...9, using: &rng)) % 10
            return Sample(compact: first12 + String(wrong), expected13: nil)
        case .isbn10:
            let first9 = digits(9, using: &rng)
            let right = ISBN.checkDigit10(first9)
            let choices = Array("0123456789X").filter { $0 != right }
            return Sample(compact: first9 + String(choices.randomElement(using: &rng)!), expected13: nil)
        }
    }

    /// Random group lengths summing to `count`; an ISBN-10's check character always stands alone, as in real hyphenation.
    static func grouped(_ compact: String, separator: String, using rng: inout SplitMix64) -> String {
        var characters = Array(compact)
        var tail: [Character] = []
        if compact.count == 10 { tail = [characters.removeLast()] }
        var groups: [String] = []
        while !characters.isEmpty {
            let length = min(characters.count, Int.random(in: 1...5, using: &rng))
            groups.append(String(characters.prefix(length)))
            characters.removeFirst(length)
        }
        if !tail.isEmpty { groups.append(String(tail)) }
        return groups.joined(separator: separator)
    }

    struct Written {
        var text: String
        var labelled: Bool
    }

    /// The number in one of its written forms, then wrapped in a random context.
    static func write(_ sample: Sample, using rng: inout SplitMix64) -> Written {
        let body: String
        let separatorFree: Bool
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: body = sample.compact; separatorFree = true
        case 1: body = grouped(sample.compact, separator: "-", using: &rng); separatorFree = false
        case 2: body = grouped(sample.compact, separator: " ", using: &rng); separatorFree = false
        case 3:
            body = grouped(sample.compact, separator: typographicSeparators.randomElement(using: &rng)!, using: &rng)
            separatorFree = false
        default:
            // Mixed separators, one chosen per gap.
            let plain = grouped(sample.compact, separator: "|", using: &rng)
            body = plain.split(separator: "|").joined(separator: (["-", " "] + typographicSeparators).randomElement(using: &rng)!)
            separatorFree = false
        }

        var text = body
        var labelled = false
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: break
        case 1, 2:
            var label = ["ISBN ", "ISBN-13: ", "isbn:", "EAN ", "ISBN-10 ", "GTIN: ", "ISBN\u{00A0}", "(ISBN "].randomElement(using: &rng)!
            // "ISBN 13 208 5 5 2 4 5" reads as the label "ISBN 13" (documented on ISBNExtractor); such bodies get a colon.
            if label.hasSuffix(" ") || label.hasSuffix("\u{00A0}"), Self.startsWithLabelNumber(body) { label = "ISBN: " }
            text = label + text
            if text.hasPrefix("(") { text += ")" }
            labelled = true
        case 3: text = "(\(text))"
        case 4: text += [".", ",", ";", "!", "?", ")", "\"", "'"].randomElement(using: &rng)!
        case 5 where separatorFree || !body.contains(" "):
            if Bool.random(using: &rng) {
                text = "https://example.com/dp/\(text)"
            } else {
                text = "https://example.com/search?isbn=\(text)&page=2"
                labelled = true
            }
        case 6: text = "\"\(text)\""
        default: break
        }
        if Bool.random(using: &rng) {
            let before = (0..<Int.random(in: 0...6, using: &rng)).map { _ in words.randomElement(using: &rng)! }
            let after = (0..<Int.random(in: 0...6, using: &rng)).map { _ in words.randomElement(using: &rng)! }
            text = (before + [text] + after).joined(separator: " ") + (Bool.random(using: &rng) ? "." : "")
        }
        return Written(text: text, labelled: labelled)
    }

    /// True when `body` starts with `10` or `13` followed by a separator, e.g. `13 208 5 5 2 4 5`.
    static func startsWithLabelNumber(_ body: String) -> Bool {
        let characters = Array(body)
        guard characters.count > 2, characters[0] == "1", characters[1] == "0" || characters[1] == "3" else { return false }
        return !characters[2].isNumber
    }

    // MARK: - Properties

    /// (a) Every valid ISBN, in any written form and context, is found exactly once with the right ISBN-13 and confidence.
    @Test(arguments: Kind.allCases)
    func everyValidISBNIsFoundOnce(_ kind: Kind) {
        let seed: UInt64 = Self.seedOffset &+ 0x15B9_0001 &+ UInt64(Kind.allCases.firstIndex(of: kind)!)
        var rng = SplitMix64(seed: seed)
        var failures = 0
        for iteration in 0..<Self.iterations {
            let sample = Self.validSample(kind, using: &rng)
            let written = Self.write(sample, using: &rng)
            let result = extractor.extract(from: written.text)
            let expectedConfidence: ISBNConfidence = written.labelled ? .high : (kind == .isbn10 ? .low : .medium)
            let ok = result.matches.map(\.isbn.isbn13) == [sample.expected13!] && result.rejected.isEmpty
                && result.matches.first?.confidence == expectedConfidence && result.matches.first?.wasISBN10 == (kind == .isbn10)
            if !ok {
                failures += 1
                Issue.record(
                    Comment(rawValue: "seed \(seed) (SWITCHBOARD_PROPERTY_SEED=\(Self.seedOffset)) iteration \(iteration): \(written.text.debugDescription) expected \(sample.expected13!) "
                        + "(\(expectedConfidence)), got \(result)"))
                if failures >= 5 { return }
            }
        }
    }

    /// (b) A 10- or 13-digit number (978/979 for 13) with a wrong check digit is never matched in any form; a 13-digit or
    /// labelled one is reported as `.badCheckDigit` (`.ismn` for `9790…`), an unlabelled 10-digit one is not reported.
    @Test(arguments: Kind.allCases)
    func wrongCheckDigitsNeverMatch(_ kind: Kind) {
        let seed: UInt64 = Self.seedOffset &+ 0xBAD0_0001 &+ UInt64(Kind.allCases.firstIndex(of: kind)!)
        var rng = SplitMix64(seed: seed)
        var failures = 0
        for iteration in 0..<Self.iterations {
            let sample = Self.invalidSample(kind, using: &rng)
            let written = Self.write(sample, using: &rng)
            let result = extractor.extract(from: written.text)
            let expectedReasons: [RejectedISBNCandidate.Reason]
            if kind == .isbn10 {
                expectedReasons = written.labelled ? [.badCheckDigit] : []
            } else {
                expectedReasons = sample.compact.hasPrefix("9790") ? [.ismn] : [.badCheckDigit]
            }
            let ok = result.matches.isEmpty && result.rejected.map(\.reason) == expectedReasons
            if !ok {
                failures += 1
                Issue.record(
                    Comment(rawValue: "seed \(seed) (SWITCHBOARD_PROPERTY_SEED=\(Self.seedOffset)) iteration \(iteration): \(written.text.debugDescription) (\(sample.compact)) expected no match and "
                        + "\(expectedReasons), got \(result)"))
                if failures >= 5 { return }
            }
        }
    }

    /// `ISBN.init?` agrees with the extractor: any separator form of a valid ISBN parses; a wrong check digit never does.
    @Test func parserAcceptsEveryForm() {
        let seed: UInt64 = Self.seedOffset &+ 0x15B9_0100
        var rng = SplitMix64(seed: seed)
        for iteration in 0..<Self.iterations {
            let kind = Kind.allCases.randomElement(using: &rng)!
            let valid = Self.validSample(kind, using: &rng)
            let invalid = Self.invalidSample(kind, using: &rng)
            let separator = (["-", " "] + Self.typographicSeparators).randomElement(using: &rng)!
            let validText = Self.grouped(valid.compact, separator: separator, using: &rng)
            let invalidText = Self.grouped(invalid.compact, separator: separator, using: &rng)
            #expect(ISBN(validText)?.isbn13 == valid.expected13, "seed \(seed) (SWITCHBOARD_PROPERTY_SEED=\(Self.seedOffset)) iteration \(iteration): \(validText.debugDescription)")
            #expect(ISBN(invalidText) == nil, "seed \(seed) (SWITCHBOARD_PROPERTY_SEED=\(Self.seedOffset)) iteration \(iteration): \(invalidText.debugDescription)")
        }
    }

    /// (c) On random noise (digits, separators, letters, `+ ( ) # .`, emoji, combining marks, line breaks) the extractor never
    /// crashes, and every match is consistent: its `written` text occurs in the input and parses to the same ISBN, ISBNs are
    /// distinct, and `needsConfirmation` is exactly `.low`.
    @Test func noiseGivesConsistentResults() {
        let seed: UInt64 = Self.seedOffset &+ 0x0015_E000
        var rng = SplitMix64(seed: seed)
        let noise: [String] = [
            "-", " ", "X", "x", "+", "(", ")", "#", ".", ",", ":", "\n", "a", "Z", "é", "e\u{301}", "👍🏽", "🇬🇧", "\u{FF15}",
            "ISBN ", "EAN:", "isbn-10 ", "tel ", "order ", "978", "979", "9790", "+44 ",
        ] + Self.typographicSeparators
        var matchesSeen = 0
        var rejectionsSeen = 0
        for iteration in 0..<Self.iterations {
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                let pick = Int.random(in: 0..<4, using: &rng)
                if pick < 2 {
                    // A valid ISBN, or a digit run of 1–14 digits, with random single separators.
                    let run = pick == 0
                        ? Self.validSample(Kind.allCases.randomElement(using: &rng)!, using: &rng).compact
                        : Self.digits(Int.random(in: 1...14, using: &rng), using: &rng) + (Int.random(in: 0..<8, using: &rng) == 0 ? "X" : "")
                    text += run.map { String($0) + (Int.random(in: 0..<5, using: &rng) == 0 ? ["-", " ", "\u{2013}"].randomElement(using: &rng)! : "") }.joined()
                } else {
                    text += noise.randomElement(using: &rng)!
                }
            }
            let result = extractor.extract(from: text)
            matchesSeen += result.matches.count
            rejectionsSeen += result.rejected.count
            let context = "seed \(seed) (SWITCHBOARD_PROPERTY_SEED=\(Self.seedOffset)) iteration \(iteration): \(text.debugDescription) → \(result)"
            #expect(Set(result.matches.map(\.isbn)).count == result.matches.count, "\(context)")
            for match in result.matches {
                #expect(text.contains(match.written), "\(context)")
                #expect(ISBN(match.written) == match.isbn, "\(context)")
                #expect(match.needsConfirmation == (match.confidence == .low), "\(context)")
                #expect(match.wasISBN10 == (Self.compactCount(match.written) == 10), "\(context)")
                #expect(!match.wasISBN10 || match.confidence != .medium, "\(context)")
            }
            for rejection in result.rejected {
                #expect(text.contains(rejection.written), "\(context)")
            }
        }
        // The noise must actually exercise the extractor.
        #expect(matchesSeen > Self.iterations / 5 && rejectionsSeen > Self.iterations / 25, "\(matchesSeen) matches, \(rejectionsSeen) rejections")
    }

    static func compactCount(_ written: String) -> Int {
        written.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "X" || $0 == "x" || (0xFF10...0xFF19).contains($0.value) }.count
    }
}

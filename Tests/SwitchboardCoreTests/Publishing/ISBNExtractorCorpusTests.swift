import Testing

@testable import SwitchboardCore

/// One expected extraction: matched ISBN-13s with confidences, and rejections.
struct ExpectedExtraction: Sendable, CustomTestStringConvertible {
    var text: String
    var matches: [(isbn13: String, confidence: ISBNConfidence, wasISBN10: Bool)]
    var rejected: [(written: String, reason: RejectedISBNCandidate.Reason)] = []

    var testDescription: String { text.debugDescription }

    func check(_ result: ISBNExtraction, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(result.matches.map(\.isbn.isbn13) == matches.map(\.isbn13), "text: \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.matches.map(\.confidence) == matches.map(\.confidence), "text: \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.matches.map(\.wasISBN10) == matches.map(\.wasISBN10), "text: \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.matches.map(\.needsConfirmation) == matches.map { $0.confidence == .low }, sourceLocation: sourceLocation)
        #expect(result.rejected.map(\.written) == rejected.map(\.written), "text: \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(result.rejected.map(\.reason) == rejected.map(\.reason), "text: \(text.debugDescription)", sourceLocation: sourceLocation)
    }
}

@Suite struct ISBNExtractorCorpusTests {
    let extractor = ISBNExtractor()

    /// Reference §10.4, every row. Deviations from the table, both required by the brief:
    /// - `+44 7700 900124` is a phone number: no match, a `.phoneOrOrderNumber` rejection (the table keeps it as low).
    /// - Matches come in order of first appearance, so the last row lists the labelled ISBN-10 first (the table lists them in
    ///   pipeline order, 13-digit candidates first).
    static let referenceCorpus: [ExpectedExtraction] = [
        .init(text: "ISBN 978-0-596-52068-7", matches: [("9780596520687", .high, false)]),
        .init(text: "ISBN-13: 978 0 596 52068 7.", matches: [("9780596520687", .high, false)]),
        .init(text: "isbn:9780596520687", matches: [("9780596520687", .high, false)]),
        .init(text: "ISBN-10 0-596-52068-9", matches: [("9780596520687", .high, true)]),
        .init(text: "isbn 080442957x", matches: [("9780804429573", .high, true)]),
        .init(text: "978\u{2011}0\u{2011}596\u{2011}52068\u{2011}7", matches: [("9780596520687", .medium, false)]),
        .init(text: "(ISBN\u{00A0}978\u{2013}0\u{2013}306\u{2013}40615\u{2013}7)", matches: [("9780306406157", .high, false)]),
        .init(text: "https://www.amazon.co.uk/dp/0596520689", matches: [("9780596520687", .low, true)]),
        .init(text: "9780596520687 52999", matches: [("9780596520687", .medium, false)]),
        .init(text: "978059652068752999", matches: [("9780596520687", .medium, false)]),
        .init(text: "ISBN 978-0-596-52068-8", matches: [], rejected: [("978-0-596-52068-8", .badCheckDigit)]),
        .init(text: "Order 1234567890", matches: []),
        .init(text: "+44 7700 900124", matches: [], rejected: [("7700 900124", .phoneOrOrderNumber)]),
        .init(text: "score 9790123456785", matches: [], rejected: [("9790123456785", .ismn)]),
        .init(
            text: "ISBN 1-911390-22-8 and 978-1-911390-30-5",
            matches: [("9781911390220", .high, true), ("9781911390305", .medium, false)]),
    ]

    @Test(arguments: referenceCorpus)
    func referenceCorpusRow(_ expected: ExpectedExtraction) {
        expected.check(extractor.extract(from: expected.text))
    }

    /// Phone and order numbers are never matched (the stricter rule), labelled ISBNs always are.
    static let phoneAndOrderCases: [ExpectedExtraction] = [
        // Bad ISBN-10 checksum: just a number, nothing to report.
        .init(text: "Call me on +1 415 555 0132", matches: []),
        // Valid ISBN-10 checksums, each caught by a different part of the rule.
        .init(text: "Call me on +1 415 555 0105", matches: [], rejected: [("415 555 0105", .phoneOrOrderNumber)]),
        .init(text: "+44 (0)7700 900124", matches: [], rejected: [("7700 900124", .phoneOrOrderNumber)]),
        .init(text: "ring (0) 7700900124 today", matches: [], rejected: [("7700900124", .phoneOrOrderNumber)]),
        .init(text: "my number is 212-555-0105", matches: [], rejected: [("212-555-0105", .phoneOrOrderNumber)]),
        .init(text: "order #0596520689", matches: [], rejected: [("0596520689", .phoneOrOrderNumber)]),
        .init(text: "Tel: 0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        .init(text: "Order no. 0596520689 was late", matches: [], rejected: [("0596520689", .phoneOrOrderNumber)]),
        .init(text: "PO 0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        .init(text: "Invoice: 0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        .init(text: "Ref. 0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        .init(text: "Your reference: 0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        .init(text: "WhatsApp me at 0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        .init(text: "FAX 0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        .init(text: "mobile 0306 406152", matches: [], rejected: [("0306 406152", .phoneOrOrderNumber)]),
        .init(text: "+0306406152", matches: [], rejected: [("0306406152", .phoneOrOrderNumber)]),
        // Labelled ISBNs are never rejected as phone or order numbers.
        .init(text: "Order ISBN 0596520689", matches: [("9780596520687", .high, true)]),
        .init(text: "Tel re ISBN: 0306406152", matches: [("9780306406157", .high, true)]),
        // Decision: a valid 13-digit 978/979 number is an ISBN even after an order word (medium).
        .init(text: "Order no. 9780596520687", matches: [("9780596520687", .medium, false)]),
        .init(text: "order #9780596520687", matches: [("9780596520687", .medium, false)]),
        // X check character: no phone number has one, so the grouping rule does not apply; words still do.
        .init(text: "see 0804 42957X", matches: [("9780804429573", .low, true)]),
        .init(text: "order #080442957X", matches: [], rejected: [("080442957X", .phoneOrOrderNumber)]),
        // Words only count as whole words, on the same sentence.
        .init(text: "Thanks for your order! 0306406152 is the one", matches: [("9780306406157", .low, true)]),
        .init(text: "I'll tell you: 0306406152", matches: [("9780306406157", .low, true)]),
        .init(text: "reorders 0306406152", matches: [("9780306406157", .low, true)]),
        .init(text: "order\n0306406152", matches: [("9780306406157", .low, true)]),
    ]

    @Test(arguments: phoneAndOrderCases)
    func phoneAndOrderNumbers(_ expected: ExpectedExtraction) {
        expected.check(extractor.extract(from: expected.text))
    }

    static let otherCases: [ExpectedExtraction] = [
        .init(text: "", matches: []),
        .init(text: "no numbers here", matches: []),
        // Truncated ISBN-13 (12 digits) must not match, nor may a fragment of it be read as an ISBN-10.
        .init(text: "ISBN 978-1-911390-22", matches: []),
        .init(text: "ISBN 978-0-306-40615", matches: []),
        // Duplicates collapse to one match at the first position, with the best confidence.
        .init(
            text: "0306406152 or rather ISBN 978-0-306-40615-7, also 9780596520687",
            matches: [("9780306406157", .high, false), ("9780596520687", .medium, false)]),
        // Several formats listed by a customer.
        .init(
            text: "Hardback ISBN 9780306406157, ebook EAN: 9791091146135, audio 9788871184371.",
            matches: [("9780306406157", .high, false), ("9791091146135", .high, false), ("9788871184371", .medium, false)]),
        // Unlabelled 13-digit 978 with a bad check digit is reported; unlabelled random 10-digit runs are not.
        .init(text: "try 9780306406158 or 0306406153", matches: [], rejected: [("9780306406158", .badCheckDigit)]),
        .init(text: "ISBN-10: 0306406153", matches: [], rejected: [("0306406153", .badCheckDigit)]),
        // 2-digit add-on (15-digit run).
        .init(text: "barcode 978030640615712", matches: [("9780306406157", .medium, false)]),
        .init(text: "9790123456785 52999", matches: [], rejected: [("9790123456785", .ismn)]),
        // Labels
        .init(text: "ISBN13 9780596520687", matches: [("9780596520687", .high, false)]),
        .init(text: "GTIN-13: 9780596520687", matches: [("9780596520687", .high, false)]),
        .init(text: "ISBN number is 9780596520687", matches: [("9780596520687", .high, false)]),
        .init(text: "https://shop.example/search?isbn=0596520689", matches: [("9780596520687", .high, true)]),
        .init(text: "ISBN 1-911390-22-8 and 0306406152", matches: [("9781911390220", .high, true), ("9780306406157", .low, true)]),
        .init(text: "meaning 9780596520687", matches: [("9780596520687", .medium, false)]),
        // Typographic separators and full-width digits; `written` keeps the original characters.
        .init(text: "\u{FF10}\u{FF13}\u{FF10}\u{FF16}406152", matches: [("9780306406157", .low, true)]),
        // Not ISBNs: ISSN barcode, too long, letters glued on.
        .init(text: "9771234567003", matches: []),
        .init(text: "97803064061570000", matches: []),
        .init(text: "A0306406152 0306406152B", matches: []),
    ]

    @Test(arguments: otherCases)
    func otherExtractions(_ expected: ExpectedExtraction) {
        expected.check(extractor.extract(from: expected.text))
    }

    @Test func writtenKeepsOriginalCharacters() throws {
        let text = "Réf: « ISBN 978\u{2013}0\u{2013}306\u{2013}40615\u{2013}7 » 👍🏽 and 0\u{00A0}596\u{00A0}52068\u{00A0}9."
        let result = extractor.extract(from: text)
        #expect(result.matches.map(\.written) == ["978\u{2013}0\u{2013}306\u{2013}40615\u{2013}7", "0\u{00A0}596\u{00A0}52068\u{00A0}9"])
        #expect(result.isbns == [ISBN("9780306406157"), ISBN("9780596520687")].compactMap { $0 })
        #expect(result.matches.map(\.confidence) == [.high, .low])
    }
}

extension ISBNExtractorCorpusTests {
    /// Overlapping candidates and label numbers (found by the property tests).
    static let overlapCases: [ExpectedExtraction] = [
        .init(text: "ISBN-10 26-2-7-2-285-4-5", matches: [], rejected: [("26-2-7-2-285-4-5", .badCheckDigit)]),
        .init(text: "ISBN-10 0–85161–30–7–1", matches: [("9780851613079", .high, true)]),
        .init(text: "ISBN 10 0306406152", matches: [("9780306406157", .high, true)]),
        // "10 2058 0143" passes the ISBN-10 checksum, but its "10" belongs to the label.
        .init(text: "ISBN-10 2058 0143 7 8", matches: [], rejected: [("2058 0143 7 8", .badCheckDigit)]),
        .init(text: "ISBN-10 2058 0143", matches: []),
        // Decision: "ISBN 13 …" is the label ISBN-13, even if the rest would make an ISBN-10 starting 13.
        .init(text: "ISBN 13 208 5 5 2 4 5", matches: []),
        .init(text: "ISBN: 13 208 5 5 2 4 5", matches: [("9781320855242", .high, true)]),
        .init(text: "Qty 1 0-306-40615-2", matches: [("9780306406157", .low, true)]),
        .init(text: "Qty 2 0 306 40615 2", matches: [("9780306406157", .low, true)]),
        .init(text: "EAN 97-93-4-8926-830-6", matches: [("9793489268306", .high, false)]),
        .init(text: "9 7 8 0 3 0 6 4 0 6 1 5 7", matches: [("9780306406157", .medium, false)]),
    ]

    @Test(arguments: overlapCases)
    func overlappingCandidates(_ expected: ExpectedExtraction) {
        expected.check(extractor.extract(from: expected.text))
    }
}

extension ISBNExtractorCorpusTests {
    /// A long quoted email thread: every ISBN found once, offsets stay right after multi-unit characters, no quadratic blow-up.
    @Test func longText() {
        var lines: [String] = []
        for index in 0..<3_000 {
            lines.append("> Réponse n°\(index) 👍🏽 — see ISBN 978\u{2011}0\u{2011}306\u{2011}40615\u{2011}7, tel +44 7700 900124, order #0596520689")
        }
        lines.append("Final: 0-8044-2957-X and 979-10-91146-13-5.")
        let result = extractor.extract(from: lines.joined(separator: "\n"))
        #expect(result.matches.map(\.isbn.isbn13) == ["9780306406157", "9780804429573", "9791091146135"])
        #expect(result.matches.map(\.confidence) == [.high, .low, .medium])
        #expect(result.matches.map(\.written) == ["978\u{2011}0\u{2011}306\u{2011}40615\u{2011}7", "0-8044-2957-X", "979-10-91146-13-5"])
        #expect(result.rejected == [
            RejectedISBNCandidate(written: "7700 900124", reason: .phoneOrOrderNumber),
            RejectedISBNCandidate(written: "0596520689", reason: .phoneOrOrderNumber),
        ])
    }
}

import Foundation
import Testing

@testable import SwitchboardCore

@Suite struct ISBNTests {
    /// Reference §9.5, every row: input, expected ISBN-13 (nil = not an ISBN).
    static let vectors: [(String, String?)] = [
        ("9780306406157", "9780306406157"),
        ("0306406152", "9780306406157"),
        ("9780596520687", "9780596520687"),
        ("0596520689", "9780596520687"),
        ("080442957X", "9780804429573"),
        ("1911390228", "9781911390220"),
        ("9791091146135", "9791091146135"),
        ("9788871184371", "9788871184371"),
        ("9789999999991", "9789999999991"),  // valid checksum, group not in the 2017 range data: still parses
        ("9780596520688", nil),  // check should be 7
        ("059652068X", nil),  // check should be 9
        ("1234567890", nil),  // check should be X
        ("9790123456785", nil),  // ISMN
    ]

    @Test(arguments: vectors)
    func referenceVectors(_ input: String, _ expected: String?) {
        #expect(ISBN(input)?.isbn13 == expected, "input \(input)")
        #expect(ISBN(input)?.description == expected)
    }

    @Test(arguments: [
        ("978-0-306-40615-7", "9780306406157"),
        ("978 0 306 40615 7", "9780306406157"),
        ("0-306-40615-2", "9780306406157"),
        ("080442957x", "9780804429573"),
        ("0-8044-2957-X", "9780804429573"),
        ("978\u{2011}0\u{2011}596\u{2011}52068\u{2011}7", "9780596520687"),
        ("978\u{2013}0\u{2013}306\u{2013}40615\u{2013}7", "9780306406157"),
        ("978\u{00A0}0\u{2009}306\u{202F}40615\u{2007}7", "9780306406157"),
        ("978\u{2212}0\u{FE63}306\u{FF0D}40615\u{2014}7", "9780306406157"),
        ("\u{FF19}\u{FF17}\u{FF18}0306406157", "9780306406157"),
        ("  9780306406157\n", "9780306406157"),
        ("979-10-91146-13-5", "9791091146135"),
    ])
    func separatorsAndCase(_ input: String, _ expected: String) {
        #expect(ISBN(input)?.isbn13 == expected, "input \(input)")
    }

    @Test(arguments: [
        "", "   ", "ISBN 9780306406157", "-9780306406157", "9780306406157-", "978030640615", "97803064061570",
        "97803064061X7", "X306406152", "03064061X2", "9770306406156", "9771234567003", "1234567890123", "9790123456785",
        "978_0306406157", "No ISBN", "0306406152.", "٩٧٨٠٣٠٦٤٠٦١٥٧",
    ])
    func rejects(_ input: String) {
        #expect(ISBN(input) == nil, "input \(input)")
    }

    @Test func isbn10Form() {
        #expect(ISBN("9780306406157")?.isbn10 == "0306406152")
        #expect(ISBN("9780804429573")?.isbn10 == "080442957X")
        #expect(ISBN("9791091146135")?.isbn10 == nil)
        #expect(ISBN("0306406152") == ISBN("978-0-306-40615-7"))
    }

    @Test func checkDigits() {
        #expect(ISBN.checkDigit13("978030640615") == "7")
        #expect(ISBN.checkDigit13("979109114613") == "5")
        #expect(ISBN.checkDigit10("030640615") == "2")
        #expect(ISBN.checkDigit10("080442957") == "X")
        #expect(ISBN.checkDigit10("123456789") == "X")
        #expect(ISBN.isbn13(fromISBN10: "0306406152") == "9780306406157")
        #expect(ISBN.isbn13(fromISBN10: "080442957x") == "9780804429573")
        #expect(ISBN.isbn13(fromISBN10: "0-306-40615-2") == "9780306406157")
        #expect(ISBN.isbn13(fromISBN10: "0306406153") == nil)
        #expect(ISBN.isbn13(fromISBN10: "9780306406157") == nil)
    }

    @Test func validityPredicates() {
        #expect(ISBN.isValidISBN13("9780306406157"))
        #expect(!ISBN.isValidISBN13("9780306406158"))
        #expect(!ISBN.isValidISBN13("9790123456785"))  // ISMN
        #expect(!ISBN.isValidISBN13("978-0306406157"))  // digits only
        #expect(ISBN.isValidISBN10("080442957X"))
        #expect(ISBN.isValidISBN10("080442957x"))
        #expect(!ISBN.isValidISBN10("0-306-40615-2"))  // digits only
        #expect(!ISBN.isValidISBN10("X306406152"))
        #expect(!ISBN.isValidISBN10("1234567890"))
    }

    @Test func codableRoundTrip() throws {
        let isbn = try #require(ISBN("0-306-40615-2"))
        let data = try JSONEncoder().encode([isbn])
        #expect(String(decoding: data, as: UTF8.self) == #"["9780306406157"]"#)
        #expect(try JSONDecoder().decode([ISBN].self, from: data) == [isbn])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ISBN].self, from: Data(#"["9780306406158"]"#.utf8)) }
    }
}

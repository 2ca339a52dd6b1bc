/// Hands out unique, valid ISBNs for generated products, each imprint under its own registrant.
///
/// All numbers are `978-1-RRR-PPPPP-C`: English-language group 1, a three-digit registrant from the 100–399 block
/// (where group 1 really uses three-digit registrants, so the hyphenation is right), a five-digit publication
/// element, and the mod-10 check digit. Publication elements follow a fixed permutation, so consecutive products
/// do not get consecutive numbers.
struct ISBNAllocator: Sendable {
    struct ISBN: Sendable, Equatable {
        var isbn13: String
        var isbn10: String
        var withDashes: String
        var withSpaces: String
    }

    private var registrants: [Int]
    private var offsets: [Int]
    private var issued: [Int]

    init(imprintCount: Int, random: inout SplitMix64) {
        registrants = (0..<imprintCount).map { 100 + 30 * $0 + random.below(20) }
        offsets = (0..<imprintCount).map { _ in random.below(100_000) }
        issued = Array(repeating: 0, count: imprintCount)
    }

    /// The next ISBN of the imprint at `imprintIndex` (0-based).
    mutating func next(imprintIndex: Int) -> ISBN {
        let count = issued[imprintIndex]
        issued[imprintIndex] += 1
        let registrant = registrants[imprintIndex] + count / 100_000
        let publication = (count % 100_000 * 7_919 + offsets[imprintIndex]) % 100_000
        return ISBNAllocator.make(group: "1", registrant: String(registrant), publication: ISBNAllocator.pad(publication, 5))
    }

    static func make(group: String, registrant: String, publication: String) -> ISBN {
        let body9 = group + registrant + publication
        let body12 = "978" + body9
        let check13 = checkDigit13(body12)
        let check10 = checkCharacter10(body9)
        return ISBN(isbn13: body12 + check13, isbn10: body9 + check10,
                    withDashes: "978-\(group)-\(registrant)-\(publication)-\(check13)",
                    withSpaces: "978 \(group) \(registrant) \(publication) \(check13)")
    }

    /// Weights 1, 3, 1, 3 … over twelve digits; `(10 − sum mod 10) mod 10`.
    static func checkDigit13(_ twelveDigits: String) -> String {
        var sum = 0
        for (position, byte) in twelveDigits.utf8.enumerated() {
            sum += Int(byte - UInt8(ascii: "0")) * (position % 2 == 0 ? 1 : 3)
        }
        return String((10 - sum % 10) % 10)
    }

    /// Weights 10 … 2 over nine digits; `(11 − sum mod 11) mod 11`, `X` for 10.
    static func checkCharacter10(_ nineDigits: String) -> String {
        var sum = 0
        for (position, byte) in nineDigits.utf8.enumerated() {
            sum += Int(byte - UInt8(ascii: "0")) * (10 - position)
        }
        let check = (11 - sum % 11) % 11
        return check == 10 ? "X" : String(check)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        var text = String(value)
        while text.count < width { text = "0" + text }
        return text
    }
}

/// The generated part of the sandbox's data: every ticket, comment, audit, user and organization that exists before
/// any mutation, computed on demand as a pure function of `(seed, index)`.
///
/// Nothing here is stored, so a dataset of 100,000 tickets costs no memory until a record is asked for, and the
/// same seed always yields the same records.
struct BaseDataset: Sendable {
    let layout: DatasetLayout

    init(layout: DatasetLayout) {
        self.layout = layout
    }

    /// Index of a base ticket id, if it is one.
    func ticketIndex(_ id: Int64) -> Int? {
        id >= 1 && id <= Int64(layout.ticketCount) ? Int(id) : nil
    }

    /// `"1234567"` style decimal digits from the generator.
    static func digits(_ count: Int, from random: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<count { text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(random.below(10))))) }
        return text
    }

    /// A valid ISBN-13 (prefix 978 or 979) from nine random digits.
    static func isbn13(from random: inout SplitMix64) -> String {
        var digits = random.chance(0.85) ? [9, 7, 8] : [9, 7, 9]
        for _ in 0..<9 { digits.append(random.below(10)) }
        var sum = 0
        for (position, digit) in digits.enumerated() { sum += position % 2 == 0 ? digit : digit * 3 }
        digits.append((10 - sum % 10) % 10)
        return digits.map { String($0) }.joined()
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Lower-case ASCII letters and digits only (for e-mail local parts and domains).
    static func asciiSlug(_ text: String) -> String {
        var slug = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": slug.unicodeScalars.append(scalar)
            case "A"..."Z": slug.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            case "á", "à", "â", "ä", "Á": slug += "a"
            case "é", "è", "ê", "É": slug += "e"
            case "í", "ï": slug += "i"
            case "ó", "ö", "ô", "Ó": slug += "o"
            case "ú", "ü": slug += "u"
            default: break
            }
        }
        return slug
    }
}

import Foundation

/// Maps the look-alike characters that word processors and phones put into ISBNs onto ASCII, so the rest of the ISBN code only
/// has to know `0`–`9`, `-` and ` ` (reference §10.1 and step 1 of §10.2).
///
/// Every mapping replaces one UTF-16 code unit with one ASCII code unit, so a UTF-16 offset (an `NSRange`) in the normalised
/// text is the same offset in the original text. `ISBNExtractor` relies on this to report a candidate exactly as it was written.
enum ISBNTextNormaliser {
    /// U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2013 en dash, U+2014 em dash, U+2212 minus sign,
    /// U+FE63 small hyphen-minus, U+FF0D full-width hyphen-minus.
    static let dashes: Set<UInt16> = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xFE63, 0xFF0D]
    /// U+00A0 no-break space, U+2007 figure space, U+2009 thin space, U+202F narrow no-break space.
    static let spaces: Set<UInt16> = [0x00A0, 0x2007, 0x2009, 0x202F]

    static let hyphen: UInt16 = 0x2D
    static let space: UInt16 = 0x20

    /// The UTF-16 code units of `text` with dashes mapped to `-`, spaces to ` ` and full-width digits (U+FF10–U+FF19) to ASCII.
    static func normalisedUTF16(_ text: String) -> [UInt16] {
        text.utf16.map(normalise)
    }

    static func normalise(_ unit: UInt16) -> UInt16 {
        if dashes.contains(unit) { return hyphen }
        if spaces.contains(unit) { return space }
        if (0xFF10...0xFF19).contains(unit) { return unit - 0xFF10 + 0x30 }
        return unit
    }

    static func isDigit(_ unit: UInt16) -> Bool { (0x30...0x39).contains(unit) }
}

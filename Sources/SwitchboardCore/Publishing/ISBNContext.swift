import Foundation

/// The look-around rules `ISBNExtractor` applies to a candidate's neighbourhood: is it labelled as an ISBN, and does it look
/// like a phone or order number instead?
///
/// All functions take the *normalised* text (see `ISBNTextNormaliser`) as an `NSString` and the candidate's UTF-16 range, and
/// look at a bounded window before it, so the cost per candidate is constant.
///
/// **Phone and order number rule** (stricter than reference §10.4, which would keep `+44 7700 900124` as a low-confidence
/// ISBN). It applies only to *unlabelled 10-digit* candidates; a labelled candidate (`ISBN 0306406152`) is never rejected this
/// way, and 13-digit `978`/`979` candidates are never rejected this way either. A candidate is a phone or order number when:
/// 1. **a `+` country code** precedes it, ignoring spaces: `+44 7700 900124`, `+1 415 555 0105`, `+44 (0)7700 900124`, `+0306406152`;
/// 2. **a parenthesised digit group** precedes it: `(0) 7700 900124`, `(020) 0306406152`;
/// 3. **its grouping is a phone grouping**: it contains separators and its last group is longer than one character
///    (`7700 900124`, `212-555-0105`). A hyphenated ISBN-10 always ends with the check character on its own (`0-306-40615-2`);
/// 4. **a phone or order word** ends at most 12 characters before it on the same sentence (no digit, `.`, `!`, `?` or line
///    break in between), case-insensitive, as a whole word: tel, tel., telephone, phone, ph., mobile, mob., cell, call, fax,
///    whatsapp, sms, order, invoice, inv., ref, ref., reference, po, p.o., account, acct, no., nr., or a `#` — so
///    `Tel: 0306406152`, `order #0596520689`, `Order no. 0596520689`, `call me on 0306406152` are rejected.
/// Rules 1–3 are skipped when the check character is `X`, which no phone number has; rule 4 still applies.
/// The price of the rule: "I want to order 0596520689" is rejected too. A customer who writes "ISBN" is never affected.
enum ISBNContext {
    /// How far back (UTF-16 units) the label and phone/order patterns may reach. Every pattern below matches fewer units than
    /// this, so its look-behind always sees a real character rather than the window's edge.
    static let window = 64

    /// `ISBN`, `EAN` or `GTIN`, optionally `-10`/`-13`/` 13`/`13` and a plural `s`, then at most 8 filler tokens (punctuation,
    /// spaces, line breaks, or the words no / nr / number / is), then the candidate.
    static let labelPattern = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z0-9])(?:ISBN|EAN|GTIN)(?:[- ]?1[03])?s?(?:[^0-9A-Za-z]|(?<![A-Za-z])(?:no|nr|number|is)(?![A-Za-z])){0,8}\z"#,
        options: [.caseInsensitive]
    )

    /// Rule 4: a phone/order word, then at most 12 characters that are not digits, sentence ends or line breaks.
    static let phoneOrOrderWordPattern = try! NSRegularExpression(
        pattern: #"(?:(?<![A-Za-z0-9])(?:(?:tel|ph|mob|inv|ref|acct|p\.o)\.?|(?:no|nr)\.|telephone|phone|mobile|cell|call|fax|whatsapp|sms|order|invoice|reference|po|account)(?![A-Za-z])|#)[^0-9.!?\r\n]{0,12}\z"#,
        options: [.caseInsensitive]
    )

    /// Rule 1: `+`, an optional country code of up to four digits, an optional parenthesised trunk digit group, separators.
    static let countryCodePattern = try! NSRegularExpression(
        pattern: #"\+ ?[0-9]{0,4}(?:[ .-]{0,3}\([0-9]{1,5}\))?[ .-]{0,3}\z"#
    )

    /// Rule 2: a parenthesised group of one to five digits just before the candidate.
    static let parenthesisedGroupPattern = try! NSRegularExpression(
        pattern: #"\([0-9]{1,5}\)[ .-]{0,3}\z"#
    )

    /// True when an `ISBN`/`EAN`/`GTIN` label ends just before `range`.
    static func isLabelled(_ text: NSString, before range: NSRange) -> Bool {
        matches(labelPattern, in: text, before: range)
    }

    /// True when the unlabelled 10-digit candidate at `range` (compact form `compact`) is a phone or order number by rules 1–4.
    static func looksLikePhoneOrOrderNumber(_ text: NSString, candidate range: NSRange, compact: String) -> Bool {
        if matches(phoneOrOrderWordPattern, in: text, before: range) { return true }
        guard !compact.hasSuffix("X") else { return false }
        if matches(countryCodePattern, in: text, before: range) { return true }
        if matches(parenthesisedGroupPattern, in: text, before: range) { return true }
        return hasPhoneGrouping(text.substring(with: range))
    }

    /// Rule 3: separators present and the last group longer than one character.
    static func hasPhoneGrouping(_ written: String) -> Bool {
        let groups = written.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard groups.count > 1, let last = groups.last else { return false }
        return last.count > 1
    }

    /// True when the candidate at `range` is glued by a hyphen to more digits (`978-1-911390-22` holds the 10-digit run
    /// `978-1-911390`): it is a fragment of a longer number, not an ISBN-10.
    static func isHyphenatedFragment(_ text: NSString, candidate range: NSRange) -> Bool {
        let before = range.location
        if before >= 2, text.character(at: before - 1) == ISBNTextNormaliser.hyphen,
            ISBNTextNormaliser.isDigit(text.character(at: before - 2))
        {
            return true
        }
        let after = range.location + range.length
        if after + 1 < text.length, text.character(at: after) == ISBNTextNormaliser.hyphen {
            let next = text.character(at: after + 1)
            if ISBNTextNormaliser.isDigit(next) || next == 0x58 || next == 0x78 { return true }
        }
        return false
    }

    private static func matches(_ pattern: NSRegularExpression, in text: NSString, before range: NSRange) -> Bool {
        let start = max(0, range.location - window)
        let searchRange = NSRange(location: start, length: range.location - start)
        guard searchRange.length > 0 else { return false }
        let before = text.substring(with: searchRange)
        return pattern.firstMatch(in: before, options: [], range: NSRange(location: 0, length: (before as NSString).length)) != nil
    }
}

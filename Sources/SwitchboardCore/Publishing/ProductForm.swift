import Foundation

/// An ONIX 3.0 product form (code list 150), with the format family and display label Switchboard shows for it.
///
/// A struct wrapping the code rather than an enum: List 150 has 148 codes and grows every issue, and any of them must survive
/// a round trip untouched. Well-known codes have static constants (`.hardback` = `BB`). Only ONIX 3.0 codes are interpreted;
/// ONIX 2.1 List 7 codes must be mapped first (ConsonanceKit's `ONIX21ProductForm.onix30Code` does that). A 2.1-only code such
/// as `DG` is simply an unrecognised code here: family `.other`, label "Other format".
///
/// Families: `BB` hardback; `BC` paperback; every other `B…` book form print; `EA`–`ED` ebook; `A…` audio forms audiobook
/// (a book publisher's audio is an audiobook); everything else (`DA` digital on a physical carrier, `DB` CD-ROM, `LA`
/// licences, `P…` printed matter, `S…` packs, `V…` video, `ZZ`…) other.
public struct ProductForm: Sendable, Hashable, CustomStringConvertible {
    /// The code as given, trimmed and upper-cased.
    public let code: String

    public init(code: String) {
        self.code = code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    public static let undefined = ProductForm(code: "00")
    public static let audio = ProductForm(code: "AA")
    public static let audioCD = ProductForm(code: "AC")
    public static let downloadableAudio = ProductForm(code: "AJ")
    public static let book = ProductForm(code: "BA")
    public static let hardback = ProductForm(code: "BB")
    public static let paperback = ProductForm(code: "BC")
    public static let digital = ProductForm(code: "EA")
    public static let digitalDownload = ProductForm(code: "ED")

    public var family: FormatFamily {
        switch code {
        case "BB": return .hardback
        case "BC": return .paperback
        case "EA", "EB", "EC", "ED": return .ebook
        default: break
        }
        if code.count == 2, code.hasPrefix("B") { return .print }
        if code.count == 2, code.hasPrefix("A") { return .audiobook }
        return .other
    }

    /// A display label for the form alone: "Hardback", "Paperback", "Ebook", "Audio CD"… Unrecognised codes fall back to the
    /// family's label ("Print book", "Audiobook") or "Other format".
    public var label: String {
        if let known = Self.labels[code] { return known }
        return family == .other ? "Other format" : family.label
    }

    /// A display label refined by List 175 product form details: `ED` + `E101` → "EPUB ebook", `ED` + `E107` → "PDF ebook",
    /// `AJ` + `A103` → "MP3 audiobook download", `BC` + `B102` → "Trade paperback". Details that do not apply to the form's
    /// family are ignored; the first applicable detail wins.
    public func label(details: [String]) -> String {
        for detail in details.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased() }) {
            switch family {
            case .ebook:
                if let format = Self.ebookDetails[detail] { return "\(format) ebook" }
            case .audiobook:
                if let format = Self.audioDetails[detail] { return code == "AJ" || code == "AN" ? "\(format) audiobook download" : "\(format) audiobook" }
            case .paperback:
                if let kind = Self.paperbackDetails[detail] { return kind }
            default:
                break
            }
        }
        return label
    }

    public var description: String { "\(code) (\(label))" }

    private static let labels: [String: String] = [
        "00": "Undefined format",
        "AA": "Audiobook", "AC": "Audio CD", "AJ": "Audiobook download", "AN": "Audiobook (download and online)",
        "AO": "Audiobook (streamed)", "AZ": "Audiobook (other)",
        "BA": "Book", "BB": "Hardback", "BC": "Paperback", "BD": "Loose-leaf", "BE": "Spiral bound", "BF": "Pamphlet",
        "BG": "Leather / fine binding", "BH": "Board book", "BK": "Novelty book", "BZ": "Book (other format)",
        "DA": "Digital (on physical carrier)", "DB": "CD-ROM", "DI": "DVD-ROM",
        "EA": "Ebook", "EB": "Ebook (download and online)", "EC": "Ebook (online)", "ED": "Ebook",
        "LA": "Digital licence",
        "PC": "Calendar", "PD": "Cards", "PK": "Poster",
        "SA": "Multi-part pack", "SB": "Boxed set", "SC": "Slip-cased set",
        "VI": "DVD video", "VO": "Blu-ray",
        "ZZ": "Other merchandise",
    ]
    private static let ebookDetails: [String: String] = [
        "E101": "EPUB", "E105": "HTML", "E107": "PDF", "E108": "PDF/A", "E116": "Kindle",
    ]
    private static let audioDetails: [String: String] = ["A103": "MP3", "A104": "WAV", "A107": "AAC"]
    private static let paperbackDetails: [String: String] = [
        "B101": "Mass-market paperback", "B102": "Trade paperback", "B104": "A-format paperback", "B105": "B-format paperback",
        "B106": "Trade paperback",
    ]
}

extension ProductForm: RawRepresentable, Codable {
    /// Same as `init(code:)`; never fails.
    public init?(rawValue: String) { self.init(code: rawValue) }
    public var rawValue: String { code }
}

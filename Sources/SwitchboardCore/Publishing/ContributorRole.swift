import Foundation

/// An ONIX contributor role (code list 17): what a person did for a book, as a code plus our own words and a group.
///
/// Consonance gives `onixContributorRoleCode` per contribution; replies and console pages need "translator", and rules such
/// as "notify the creators" need the group. A struct wrapping the code, like `ProductForm`: List 17 has 122 codes and any of
/// them must survive untouched. The table of reference §6 has labels; any other code gets its group's generic label.
public struct ContributorRole: Sendable, Hashable, CustomStringConvertible {
    /// The family of a role, from the code's first letter.
    public enum Group: String, Sendable, Hashable, CaseIterable, Codable {
        /// `A…` authors, illustrators, writers of forewords…
        case creator
        /// `B…` editors, translators, adapters.
        case editing
        /// `C…` compilers, selectors.
        case compilation
        /// `D…` directors, producers.
        case direction
        /// `E…` narrators, readers, performers.
        case performance
        /// `F…` recording: photography, filming.
        case recording
        /// `Z…` and anything unrecognised.
        case other
    }

    /// The code as given, trimmed and upper-cased (`A01`).
    public let code: String

    public init(code: String) {
        self.code = code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    public static let author = ContributorRole(code: "A01")
    public static let illustrator = ContributorRole(code: "A12")
    public static let editor = ContributorRole(code: "B01")
    public static let translator = ContributorRole(code: "B06")
    public static let narrator = ContributorRole(code: "E03")
    public static let readBy = ContributorRole(code: "E07")

    public var group: Group {
        switch code.first {
        case "A": .creator
        case "B": .editing
        case "C": .compilation
        case "D": .direction
        case "E": .performance
        case "F": .recording
        default: .other
        }
    }

    /// A few lower-case words of our own ("author", "translator"); a code outside reference §6 reads as its group
    /// ("creator", "editor", "compiler", "director", "performer", "contributor").
    public var label: String {
        if let known = Self.labels[code] { return known }
        switch group {
        case .creator: return "creator"
        case .editing: return "editor"
        case .compilation: return "compiler"
        case .direction: return "director"
        case .performance: return "performer"
        case .recording: return "recording"
        case .other: return "contributor"
        }
    }

    public var description: String { "\(code) (\(label))" }

    private static let labels: [String: String] = [
        "A01": "author", "A02": "with", "A06": "composer", "A07": "artist", "A08": "photographer", "A09": "created by",
        "A12": "illustrator", "A13": "photographs by", "A14": "text by", "A15": "preface", "A19": "afterword", "A22": "epilogue",
        "A23": "foreword", "A24": "introduction", "A29": "introduction and notes", "A32": "contributions by", "A34": "index by",
        "A36": "cover design", "A38": "original author", "A99": "other creator",
        "B01": "editor", "B02": "revised by", "B03": "retold by", "B04": "abridged by", "B05": "adapted by", "B06": "translator",
        "B09": "series editor", "B10": "edited and translated by", "B11": "editor-in-chief", "B13": "volume editor",
        "B21": "general editor", "B99": "other adapter",
        "C01": "compiler", "C02": "selected by",
        "E03": "narrator", "E07": "read by",
        "Z01": "assisted by", "Z98": "various roles", "Z99": "other",
    ]
}

extension ContributorRole: RawRepresentable, Codable {
    /// Same as `init(code:)`; never fails.
    public init?(rawValue: String) { self.init(code: rawValue) }
    public var rawValue: String { code }
}

/// The handful of formats people mean when they say "the hardback" or "the ebook".
///
/// ONIX has 148 product forms; tickets, tags, reports and replies need six families. The raw values are stored (catalogue
/// `format` column) and must not change.
public enum FormatFamily: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case hardback
    case paperback
    /// A printed book whose binding is unspecified (`BA`), other (`BZ`) or special (loose-leaf, spiral, board book…).
    case print
    case ebook
    case audiobook
    case other

    /// "Hardback", "Paperback", "Print book", "Ebook", "Audiobook", "Other".
    public var label: String {
        switch self {
        case .hardback: "Hardback"
        case .paperback: "Paperback"
        case .print: "Print book"
        case .ebook: "Ebook"
        case .audiobook: "Audiobook"
        case .other: "Other"
        }
    }

    public var description: String { rawValue }
}

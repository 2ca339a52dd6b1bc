import Foundation

/// Which system fields one source may modify: the Ortto model.
///
/// The default is ``allFields`` ("Modify system fields"); a user may uncheck single fields (``except(_:)``), keep only a
/// few (``only(_:)``), or choose "don't modify any field" (``none``). A source that may not write a field still takes
/// part in identity matching: permissions decide what a source may *change*, not who a person is.
public enum FieldPermissions: Sendable, Equatable, Hashable, CustomStringConvertible {
    case allFields
    case none
    case only(Set<ProfileField>)
    case except(Set<ProfileField>)

    /// Whether a source with these permissions may write `field`.
    public func allows(_ field: ProfileField) -> Bool {
        switch self {
        case .allFields: return true
        case .none: return false
        case .only(let fields): return fields.contains(field)
        case .except(let fields): return !fields.contains(field)
        }
    }

    /// Every field these permissions allow, in ``ProfileField`` order.
    public var allowedFields: [ProfileField] { ProfileField.allCases.filter(allows) }

    /// The same permissions in their simplest form: `only` every field is `allFields`, `except` nothing too, and so on.
    public var simplified: FieldPermissions {
        switch self {
        case .only(let fields) where fields.isEmpty: return .none
        case .only(let fields) where fields.count == ProfileField.allCases.count: return .allFields
        case .except(let fields) where fields.isEmpty: return .allFields
        case .except(let fields) where fields.count == ProfileField.allCases.count: return .none
        default: return self
        }
    }

    /// `all`, `none`, `only` or `except`: how the permissions are stored and shown.
    public var mode: String {
        switch self {
        case .allFields: return "all"
        case .none: return "none"
        case .only: return "only"
        case .except: return "except"
        }
    }

    /// The fields `only` or `except` name, sorted; empty for `all` and `none`.
    public var listedFields: [ProfileField] {
        switch self {
        case .allFields, .none: return []
        case .only(let fields), .except(let fields): return fields.sorted()
        }
    }

    /// Rebuilds permissions from their ``mode`` and ``listedFields``.
    public init(mode: String, fields: [String]) throws(ProfileInputError) {
        var parsed: Set<ProfileField> = []
        for field in fields { parsed.insert(try ProfileField(parsing: field)) }
        switch mode.trimmingCharacters(in: .whitespaces).lowercased() {
        case "all", "all_fields": self = .allFields
        case "none": self = .none
        case "only", "allow": self = .only(parsed)
        case "except", "deny": self = .except(parsed)
        default: throw ProfileInputError(field: "mode", message: "\"\(mode)\" is not a permission mode (all, none, only, except)")
        }
        self = simplified
    }

    public var description: String {
        switch self {
        case .allFields: return "all fields"
        case .none: return "no fields"
        case .only(let fields): return "only " + fields.sorted().map(\.rawValue).joined(separator: ", ")
        case .except(let fields): return "all fields except " + fields.sorted().map(\.rawValue).joined(separator: ", ")
        }
    }
}

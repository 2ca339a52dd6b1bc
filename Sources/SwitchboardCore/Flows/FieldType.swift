import Foundation
import LooseJSON

/// The type of a field in an event or an action parameter, as far as lint can know it.
public indirect enum FieldType: Sendable, Hashable, CustomStringConvertible {
    case string
    case integer
    case number
    case boolean
    /// A string restricted to these values.
    case oneOf([String])
    case list(FieldType)
    case object([String: FieldType])
    /// A map from any key to values of one type (custom fields, payloads).
    case map(FieldType)
    /// Anything: a trigger webhook's free-form body, say.
    case any
    /// A value that may be missing or null.
    case optional(FieldType)

    public var description: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .number: return "number"
        case .boolean: return "boolean"
        case .oneOf(let values): return "one of " + values.joined(separator: ", ")
        case .list(let element): return "list of \(element)"
        case .object: return "object"
        case .map(let value): return "map of \(value)"
        case .any: return "any value"
        case .optional(let wrapped): return "\(wrapped) (optional)"
        }
    }

    /// The type without its optionality.
    public var unwrapped: FieldType {
        if case .optional(let wrapped) = self { return wrapped.unwrapped }
        return self
    }

    /// The type of `path` (dot-separated) inside this type, or nil when no such field can exist.
    public func lookup(_ path: [String]) -> FieldType? {
        guard let head = path.first else { return self }
        switch unwrapped {
        case .object(let fields):
            return fields[head]?.lookup(Array(path.dropFirst()))
        case .map(let value):
            return value.lookup(Array(path.dropFirst()))
        case .any:
            return .any
        case .list(let element):
            // Mustache allows `list.0`; lint allows numeric indexes.
            return Int(head) != nil ? element.lookup(Array(path.dropFirst())) : nil
        default:
            return nil
        }
    }

    /// Whether a value of type `source` can be used where `self` is expected (after template rendering, which
    /// can turn anything scalar into a string, and numeric strings into numbers).
    public func accepts(_ source: FieldType) -> Bool {
        let target = unwrapped
        let source = source.unwrapped
        if target == .any || source == .any { return true }
        switch (target, source) {
        case (.string, .string), (.string, .integer), (.string, .number), (.string, .boolean), (.string, .oneOf): return true
        case (.integer, .integer), (.number, .integer), (.number, .number): return true
        case (.boolean, .boolean): return true
        case (.oneOf(let allowed), .oneOf(let values)): return Set(values).isSubset(of: Set(allowed))
        case (.oneOf, .string): return true
        case (.list(let a), .list(let b)): return a.accepts(b)
        case (.map(let a), .map(let b)): return a.accepts(b)
        case (.map(let a), .object(let fields)): return fields.values.allSatisfy(a.accepts)
        case (.object, .object), (.object, .map): return true
        default: return false
        }
    }

    /// The type of a literal YAML/JSON value.
    public static func of(_ value: JSONValue) -> FieldType {
        switch value {
        case .null: return .optional(.any)
        case .bool: return .boolean
        case .number(let number): return number.rounded() == number ? .integer : .number
        case .string: return .string
        case .array(let items): return .list(items.first.map(FieldType.of) ?? .any)
        case .object(let fields): return .object(fields.mapValues(FieldType.of))
        }
    }
}

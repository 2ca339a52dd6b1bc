import Foundation
import LooseJSON

/// A structured test on an event's fields, as written under `when:` in a flow.
///
/// ```yaml
/// when:
///   - field: ticket.priority
///     in: [high, urgent]
///   - any:
///       - { field: ticket.tags, contains: vip }
///       - { field: ticket.subject, matches: "(?i)refund" }
/// ```
public indirect enum Condition: Sendable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(FieldTest)

    /// The fields the condition reads, e.g. `ticket.status` or `steps.title.found`.
    public var fields: [String] {
        switch self {
        case .all(let conditions), .any(let conditions): return conditions.flatMap(\.fields)
        case .not(let condition): return condition.fields
        case .test(let test): return [test.field]
        }
    }

    public func evaluate(_ context: JSONValue) -> Bool {
        switch self {
        case .all(let conditions): return conditions.allSatisfy { $0.evaluate(context) }
        case .any(let conditions): return conditions.contains { $0.evaluate(context) }
        case .not(let condition): return !condition.evaluate(context)
        case .test(let test): return test.evaluate(context)
        }
    }
}

/// One comparison of a field with a value.
public struct FieldTest: Sendable {
    public enum Operator: String, Sendable, CaseIterable {
        case equals, notEquals = "not_equals", in_ = "in", notIn = "not_in", contains, notContains = "not_contains"
        case matches, exists, gt, gte, lt, lte
    }

    public var field: String
    public var op: Operator
    public var value: JSONValue
    public var location: SourceLocation
    /// Compiled once at parse time for `matches`.
    let regex: NSRegularExpression?

    public init(field: String, op: Operator, value: JSONValue, location: SourceLocation) throws(FlowDiagnostic) {
        self.field = field
        self.op = op
        self.value = value
        self.location = location
        if op == .matches {
            guard let pattern = value.stringValue, let regex = try? NSRegularExpression(pattern: pattern) else {
                throw FlowDiagnostic(location, "\"matches\" needs a valid regular expression, got \(value.jsonText)")
            }
            self.regex = regex
        } else {
            self.regex = nil
        }
    }

    public func evaluate(_ context: JSONValue) -> Bool {
        let actual = context.value(at: field)
        switch op {
        case .exists:
            let present = actual != nil && actual != .null
            return value == .bool(false) ? !present : present
        case .equals: return Self.equal(actual, value)
        case .notEquals: return !Self.equal(actual, value)
        case .in_:
            guard case .array(let options) = value else { return false }
            return options.contains { Self.equal(actual, $0) }
        case .notIn:
            guard case .array(let options) = value else { return true }
            return !options.contains { Self.equal(actual, $0) }
        case .contains: return Self.contains(actual, value)
        case .notContains: return !Self.contains(actual, value)
        case .matches:
            guard let text = actual?.stringValue, let regex else { return false }
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        case .gt, .gte, .lt, .lte:
            return Self.compare(actual, value).map { order in
                switch op {
                case .gt: return order > 0
                case .gte: return order >= 0
                case .lt: return order < 0
                default: return order <= 0
                }
            } ?? false
        }
    }

    /// Equality that treats `42` and `"42"` alike (webhooks send ids as strings) and compares case-sensitively otherwise.
    static func equal(_ actual: JSONValue?, _ expected: JSONValue) -> Bool {
        guard let actual else { return expected == .null }
        if actual == expected { return true }
        switch (actual, expected) {
        case (.number(let a), .string(let b)), (.string(let b), .number(let a)): return Double(b) == a
        default: return false
        }
    }

    static func contains(_ actual: JSONValue?, _ expected: JSONValue) -> Bool {
        switch actual {
        case .array(let items)?: return items.contains { equal($0, expected) }
        case .string(let text)?: return expected.stringValue.map { text.contains($0) } ?? false
        default: return false
        }
    }

    /// Numbers compare as numbers; strings (ISO dates sort correctly) as strings.
    static func compare(_ actual: JSONValue?, _ expected: JSONValue) -> Int? {
        switch (actual, expected) {
        case (.number(let a)?, .number(let b)): return a < b ? -1 : a > b ? 1 : 0
        case (.string(let a)?, .number(let b)): return Double(a).map { $0 < b ? -1 : $0 > b ? 1 : 0 }
        case (.string(let a)?, .string(let b)): return a < b ? -1 : a > b ? 1 : 0
        default: return nil
        }
    }
}

extension JSONValue {
    /// The value at a dot-separated path (`ticket.requester_id`, `ticket.tags.0`), or nil.
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue = self
        for part in path.split(separator: ".") {
            switch current {
            case .object(let object):
                guard let next = object[String(part)] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(part), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}

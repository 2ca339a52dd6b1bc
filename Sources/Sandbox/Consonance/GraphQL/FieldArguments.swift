import GraphQL

/// Typed reads of a field's arguments (or of one input object inside them).
///
/// GraphQL distinguishes a missing argument from an explicit `null`; `has(_:)` tells them apart for mutations,
/// where `publicationDate: null` clears the date and leaving it out keeps it.
struct FieldArguments: Sendable {
    let map: Map

    init(_ map: Map) {
        self.map = map
    }

    /// The value, or `nil` when missing, `null` or undefined.
    subscript(name: String) -> Map? {
        guard let value = map.dictionary?[name] else { return nil }
        switch value {
        case .null, .undefined: return nil
        default: return value
        }
    }

    /// Whether the argument was sent, even as `null`.
    func has(_ name: String) -> Bool {
        guard let value = map.dictionary?[name] else { return false }
        if case .undefined = value { return false }
        return true
    }

    func object(_ name: String) -> FieldArguments? {
        self[name].map(FieldArguments.init)
    }

    func int(_ name: String) -> Int? { self[name]?.int }
    func double(_ name: String) -> Double? { self[name]?.double }
    func bool(_ name: String) -> Bool? { self[name]?.bool }
    func string(_ name: String) -> String? { self[name]?.string }

    /// A date validated by the `ISO8601Date` scalar.
    func date(_ name: String) -> SandboxDate? { string(name).flatMap(SandboxDate.init) }

    func strings(_ name: String) -> [String]? { self[name]?.array?.compactMap { $0.string } }
    func ints(_ name: String) -> [Int]? { self[name]?.array?.compactMap { $0.int } }

    /// A string with Rails' blank rule applied: empty or whitespace-only counts as not given.
    func present(_ name: String) -> String? {
        guard let text = string(name), !text.trimmingSpaces().isEmpty else { return nil }
        return text
    }

    /// A list with ransack's rule applied: an empty list counts as not given.
    func nonEmptyStrings(_ name: String) -> [String]? {
        guard let values = strings(name), !values.isEmpty else { return nil }
        return values
    }
}

import ConnectorKit
import Foundation

/// Builds a mutation's `input` object from optional values, leaving out the ones not given.
///
/// Consonance updates only the fields an input names, so an absent field means "leave unchanged".
struct InputFields {
    private(set) var values: [String: JSONValue] = [:]

    mutating func set(_ key: String, _ value: String?) {
        if let value { values[key] = .string(value) }
    }

    mutating func set(_ key: String, _ value: Int?) {
        if let value { values[key] = .number(Double(value)) }
    }

    mutating func set(_ key: String, _ value: Bool?) {
        if let value { values[key] = .bool(value) }
    }

    mutating func set(_ key: String, _ value: CalendarDate?) {
        if let value { values[key] = .string(value.description) }
    }

    /// A GraphQL `Float` from a `Decimal` (`24.99` is sent as `24.99`).
    mutating func set(_ key: String, _ value: Decimal?) {
        if let value, let number = Double(value.description) { values[key] = .number(number) }
    }

    /// An ONIX code as its GraphQL enum value (`"01"` → `"_01"`).
    mutating func set(code key: String, _ value: String?) {
        if let value { values[key] = .string(ONIXCode.enumValue(forCode: value)) }
    }
}

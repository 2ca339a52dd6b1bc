import ConnectorKit
import Foundation

/// Tolerant field readers used by every Consonance model.
///
/// A GraphQL answer only holds what was selected, and a tenant's data can be sparser than the schema promises,
/// so optional fields read as `nil` (or empty) when absent, null or of an unexpected type. Only a record's `id` is
/// required: a record without one fails to decode and is reported in its page's ``ConsonancePage/rejected`` list
/// rather than guessed at. Nested lists drop the elements that fail, keeping the rest.
extension KeyedDecodingContainer {
    func requiredID(_ key: Key) throws -> Int {
        if let value = try? decode(Int.self, forKey: key) { return value }
        if let text = try? decode(String.self, forKey: key), let value = Int(text) { return value }
        if contains(key) {
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: codingPath + [key], debugDescription: "id is not an integer"))
        }
        throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "id is required"))
    }

    func lenientInt(_ key: Key) -> Int? {
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Int(text) }
        return nil
    }

    func lenientString(_ key: Key) -> String? {
        if let value = try? decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(JSONValue.self, forKey: key) { return value.stringValue }
        return nil
    }

    func lenientBool(_ key: Key) -> Bool? {
        if let value = try? decodeIfPresent(Bool.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            switch text.lowercased() { case "true", "1": return true; case "false", "0": return false; default: return nil }
        }
        if let number = try? decodeIfPresent(Int.self, forKey: key) { return number != 0 }
        return nil
    }

    /// A GraphQL `Float` as an exact `Decimal`: `24.99` becomes `24.99`, not `24.989999…`.
    ///
    /// The shortest text that round-trips the `Double` is what the server printed, so it is parsed as a decimal.
    func lenientDecimal(_ key: Key) -> Decimal? {
        if let value = try? decodeIfPresent(Double.self, forKey: key) {
            guard value.isFinite else { return nil }
            return Decimal(string: String(value), locale: Locale(identifier: "en_US_POSIX"))
        }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            return Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX"))
        }
        return nil
    }

    /// An `ISO8601Date`; a timestamp is cut to its date part.
    func lenientCalendarDate(_ key: Key) -> CalendarDate? {
        lenientString(key).flatMap(CalendarDate.init(lenient:))
    }

    /// An ONIX code as ONIX writes it: `_04` → `04`, `BB` → `BB`.
    func lenientCode(_ key: Key) -> String? {
        lenientString(key).map(ONIXCode.code(fromEnumValue:))
    }

    func lenientStrings(_ key: Key) -> [String] {
        if let values = try? decodeIfPresent([String].self, forKey: key) { return values }
        if case .array(let values)? = try? decodeIfPresent(JSONValue.self, forKey: key) { return values.compactMap(\.stringValue) }
        return []
    }

    func lenientInts(_ key: Key) -> [Int] {
        if let values = try? decodeIfPresent([Int].self, forKey: key) { return values }
        if case .array(let values)? = try? decodeIfPresent(JSONValue.self, forKey: key) { return values.compactMap { $0.int64Value.map(Int.init) } }
        return []
    }

    func lenientJSON(_ key: Key) -> JSONValue? {
        (try? decodeIfPresent(JSONValue.self, forKey: key)) ?? nil
    }

    /// A nested object, or `nil` when absent, null or undecodable.
    func lenientObject<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// A nested list keeping the elements that decode; absent, null or not a list reads as empty.
    func lossyList<T: Decodable & Sendable>(_ type: T.Type, _ key: Key) -> [T] {
        guard let items = try? decodeIfPresent([Lossy<T>].self, forKey: key) else { return [] }
        return items.compactMap(\.value)
    }
}

/// Coding key that accepts any name, for models decoded field by field.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
    init(_ name: String) { self.stringValue = name }
}

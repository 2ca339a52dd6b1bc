import Foundation
import LooseJSON

/// Tolerant field readers shared by the API clients' models (ZendeskKit, ConsonanceKit).
///
/// What an API documents is not always what arrives: ids come as strings, booleans as `"1"`, a list may be null, an
/// element of a list may be malformed. Optional fields read as `nil` (or empty) when absent, null or of an unexpected
/// type; only a record's `id` is required, and a record without one fails to decode (the caller quarantines or reports
/// it) rather than being guessed at. Each client adds the readers specific to its API beside these.
extension KeyedDecodingContainer {
    /// A required integer id, also accepted as a string of digits.
    public func requiredID<T: FixedWidthInteger & Decodable>(_ key: Key) throws -> T {
        if let value = try? decode(T.self, forKey: key) { return value }
        if let text = try? decode(String.self, forKey: key), let value = T(text) { return value }
        if contains(key) {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: codingPath + [key], debugDescription: "id is not an integer"))
        }
        throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "id is required"))
    }

    /// An integer, also accepted as a string of digits.
    public func lenientInteger<T: FixedWidthInteger & Decodable>(_ key: Key, as type: T.Type = T.self) -> T? {
        if let value = try? decodeIfPresent(T.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return T(text) }
        return nil
    }

    /// A list of integers; elements that are not integers are dropped.
    public func lenientIntegers<T: FixedWidthInteger & Decodable>(_ key: Key, as type: T.Type = T.self) -> [T] {
        if let values = try? decodeIfPresent([T].self, forKey: key) { return values }
        if case .array(let values)? = try? decodeIfPresent(JSONValue.self, forKey: key) {
            return values.compactMap { $0.int64Value.flatMap { T(exactly: $0) } }
        }
        return []
    }

    public func lenientString(_ key: Key) -> String? {
        if let value = try? decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(JSONValue.self, forKey: key) { return value.stringValue }
        return nil
    }

    public func lenientBool(_ key: Key) -> Bool? {
        if let value = try? decodeIfPresent(Bool.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            switch text.lowercased() { case "true", "1": return true; case "false", "0": return false; default: return nil }
        }
        if let number = try? decodeIfPresent(Int.self, forKey: key) { return number != 0 }
        return nil
    }

    public func lenientStrings(_ key: Key) -> [String] {
        if let values = try? decodeIfPresent([String].self, forKey: key) { return values }
        if case .array(let values)? = try? decodeIfPresent(JSONValue.self, forKey: key) { return values.compactMap(\.stringValue) }
        return []
    }

    public func lenientJSON(_ key: Key) -> JSONValue? {
        (try? decodeIfPresent(JSONValue.self, forKey: key)) ?? nil
    }

    /// A nested object, or `nil` when absent, null or undecodable.
    public func lenientObject<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// A nested list keeping the elements that decode; absent, null or not a list reads as empty.
    public func lossyList<T: Decodable & Sendable>(_ type: T.Type, _ key: Key) -> [T] {
        guard let items = try? decodeIfPresent([Lossy<T>].self, forKey: key) else { return [] }
        return items.compactMap(\.value)
    }
}

/// A coding key that accepts any name, for models decoded field by field.
public struct AnyKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
    public init(_ name: String) { self.stringValue = name }
}

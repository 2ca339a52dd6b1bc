import ConnectorKit
import Foundation

/// Tolerant field readers used by every Zendesk model.
///
/// Zendesk's documented types are not always what arrives: ids inside webhooks are strings, custom field
/// values take any JSON type, timestamps come with or without fractions. Optional fields therefore read
/// as `nil` when absent, null or of an unexpected type; only a record's `id` is required, and a record
/// without one fails to decode (and is quarantined by the caller) rather than being guessed at.
extension KeyedDecodingContainer {
    func requiredID(_ key: Key) throws -> Int64 {
        if let value = try? decode(Int64.self, forKey: key) { return value }
        if let text = try? decode(String.self, forKey: key), let value = Int64(text) { return value }
        if contains(key) {
            throw DecodingError.typeMismatch(Int64.self, .init(codingPath: codingPath + [key], debugDescription: "id is not an integer"))
        }
        throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "id is required"))
    }

    func lenientInt64(_ key: Key) -> Int64? {
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Int64(text) }
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

    func lenientDate(_ key: Key) -> Date? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return LenientDate.parse(text) }
        if let seconds = try? decodeIfPresent(Int64.self, forKey: key) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        return nil
    }

    func lenientStrings(_ key: Key) -> [String] {
        if let values = try? decodeIfPresent([String].self, forKey: key) { return values }
        if case .array(let values)? = try? decodeIfPresent(JSONValue.self, forKey: key) { return values.compactMap(\.stringValue) }
        return []
    }

    func lenientInt64s(_ key: Key) -> [Int64] {
        if let values = try? decodeIfPresent([Int64].self, forKey: key) { return values }
        if case .array(let values)? = try? decodeIfPresent(JSONValue.self, forKey: key) { return values.compactMap(\.int64Value) }
        return []
    }

    func lenientJSON(_ key: Key) -> JSONValue? {
        (try? decodeIfPresent(JSONValue.self, forKey: key)) ?? nil
    }

    /// `via` is an object (`{"channel":"web",…}`) on most resources but a bare string on audit events.
    func lenientViaChannel(_ key: Key) -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        return lenientJSON(key)?["channel"]?.stringValue
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

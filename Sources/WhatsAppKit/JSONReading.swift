import ConnectorKit
import Foundation

/// Tolerant readers over LooseJSON's `JSONValue`, for the webhook and response models.
///
/// Webhook payloads are read field by field from an already-parsed `JSONValue` (rather than through `Decodable`)
/// so that an unknown or malformed item can be kept verbatim and reported, never lost: numbers may arrive as
/// strings and vice versa, optional fields of the wrong type read as absent, and lists that are missing read as empty.
extension JSONValue {
    /// A string, also accepted as a number; `nil` for anything else.
    func string(_ key: String) -> String? {
        switch self[key] {
        case .string(let value)?: return value
        case .number?: return self[key]?.stringValue
        default: return nil
        }
    }

    /// An integer, also accepted as a string of digits.
    func int(_ key: String) -> Int? {
        guard let value = self[key] else { return nil }
        switch value {
        case .number(let number): return number.rounded() == number ? Int(exactly: number) : nil
        case .string(let text): return Int(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    func double(_ key: String) -> Double? {
        switch self[key] {
        case .number(let value)?: return value
        case .string(let text)?: return Double(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A boolean, also accepted as `"true"`/`"false"`/`1`/`0`.
    func bool(_ key: String) -> Bool? {
        switch self[key] {
        case .bool(let value)?: return value
        case .string(let text)?:
            switch text.lowercased() { case "true", "1": return true; case "false", "0": return false; default: return nil }
        case .number(let number)?: return number != 0
        default: return nil
        }
    }

    /// A Unix timestamp in seconds (the Cloud API sends them as strings), or an ISO-8601 time.
    func unixDate(_ key: String) -> Date? {
        switch self[key] {
        case .number(let seconds)?: return seconds.isFinite ? Date(timeIntervalSince1970: seconds) : nil
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let seconds = Double(trimmed), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
            return LenientDate.parse(trimmed)
        default: return nil
        }
    }

    /// The elements of a list; absent, null or not a list reads as empty.
    func list(_ key: String) -> [JSONValue] {
        if case .array(let values)? = self[key] { return values }
        return []
    }

    /// The value under `key` when it is an object.
    func object(_ key: String) -> JSONValue? {
        if case .object? = self[key] { return self[key] }
        return nil
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}

/// Why one webhook item could not be read; becomes a ``WhatsAppSkippedItem``.
struct ItemProblem: Error {
    var reason: String
}

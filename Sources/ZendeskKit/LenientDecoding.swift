import ConnectorKit
import Foundation

/// Zendesk's own tolerant readers, beside the shared ones in ConnectorKit (`LenientFields`): ids are `Int64`,
/// timestamps come with or without fractions (or as epoch seconds), and `via` is an object or a bare string.
extension KeyedDecodingContainer {
    func lenientInt64(_ key: Key) -> Int64? { lenientInteger(key, as: Int64.self) }

    func lenientInt64s(_ key: Key) -> [Int64] { lenientIntegers(key, as: Int64.self) }

    func lenientDate(_ key: Key) -> Date? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return LenientDate.parse(text) }
        if let seconds = try? decodeIfPresent(Int64.self, forKey: key) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        return nil
    }

    /// `via` is an object (`{"channel":"web",…}`) on most resources but a bare string on audit events.
    func lenientViaChannel(_ key: Key) -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        return lenientJSON(key)?["channel"]?.stringValue
    }
}

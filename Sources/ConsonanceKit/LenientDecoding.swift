import ConnectorKit
import Foundation

/// Consonance's own tolerant readers, beside the shared ones in ConnectorKit (`LenientFields`).
///
/// A GraphQL answer only holds what was selected, and a tenant's data can be sparser than the schema promises. Ids
/// are `Int`; prices are GraphQL `Float`s read as exact decimals; dates are calendar days; ONIX codes arrive with the
/// API's leading underscore. A record without an id is reported in its page's ``ConsonancePage/rejected`` list.
extension KeyedDecodingContainer {
    func lenientInt(_ key: Key) -> Int? { lenientInteger(key, as: Int.self) }

    func lenientInts(_ key: Key) -> [Int] { lenientIntegers(key, as: Int.self) }

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
}

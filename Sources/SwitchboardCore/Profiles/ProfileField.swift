import Foundation

/// The system fields of a unified profile: the fixed list every source may write, and per-source permissions cover.
///
/// Ortto calls these the "system CDP fields": a source either modifies all of them (the default), none, or all but the
/// ones a user unchecked. Keeping the list fixed and documented means a permission can name every field it covers, and
/// an unknown field in a request is an error rather than a silently ignored key.
///
/// | field | meaning |
/// |---|---|
/// | `first_name`, `last_name` | given and family name |
/// | `name` | the full name as the source shows it |
/// | `email` | lower-cased, trimmed |
/// | `phone` | E.164 (`+447700900123`) |
/// | `organization` | company or publisher |
/// | `job_title` | role or job title |
/// | `locale` | language tag (`en-GB`) |
/// | `time_zone` | IANA or Zendesk time zone name |
/// | `external_id` | the id an integrator gave the person |
/// | `notes` | free text |
public enum ProfileField: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    case firstName = "first_name"
    case lastName = "last_name"
    case name
    case email
    case phone
    case organization
    case jobTitle = "job_title"
    case locale
    case timeZone = "time_zone"
    case externalID = "external_id"
    case notes

    public var description: String { rawValue }

    public static func < (lhs: ProfileField, rhs: ProfileField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The longest value a field keeps (notes excepted); longer values are refused.
    public static let maximumLength = 1_000
    public static let maximumNotesLength = 10_000

    /// Parses a field name as a user typed it (trimmed, case-insensitive; `role` is accepted for `job_title`,
    /// `timezone` for `time_zone`), with an error listing every field.
    public init(parsing text: String) throws(ProfileInputError) {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: "-", with: "_")
        switch name {
        case "role": self = .jobTitle
        case "timezone": self = .timeZone
        case "full_name": self = .name
        default:
            guard let field = ProfileField(rawValue: name) else {
                throw ProfileInputError(field: "field", message: "\"\(text)\" is not a profile field (fields: \(Self.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self = field
        }
    }

    /// Parses a comma-separated list of field names (`first_name,phone`); empty items are skipped.
    public static func parseList(_ text: String) throws(ProfileInputError) -> Set<ProfileField> {
        var fields: Set<ProfileField> = []
        for item in text.split(separator: ",") where !item.trimmingCharacters(in: .whitespaces).isEmpty {
            fields.insert(try ProfileField(parsing: String(item)))
        }
        return fields
    }

    /// The canonical form of `value` for this field: trimmed; emails lower-cased; phones in E.164. Throws when the
    /// value cannot be one (an email without `@`, a phone that is not a number, an over-long value); returns nil for
    /// an empty value, which an activity simply does not carry.
    public func normalize(_ value: String) throws(ProfileInputError) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= (self == .notes ? Self.maximumNotesLength : Self.maximumLength) else {
            throw ProfileInputError(field: rawValue, message: "is longer than \(self == .notes ? Self.maximumNotesLength : Self.maximumLength) characters")
        }
        switch self {
        case .email:
            guard let email = ProfileMatchKeys.email(trimmed) else { throw ProfileInputError(field: rawValue, message: "\"\(trimmed)\" is not an email address") }
            return email
        case .phone:
            do { return try PhoneNumber(parsing: trimmed).e164 } catch { throw ProfileInputError(field: rawValue, message: error.description) }
        default:
            return trimmed
        }
    }
}

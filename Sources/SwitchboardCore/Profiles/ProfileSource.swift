import Foundation

/// A system that knows people and feeds their details into unified profiles.
///
/// Permissions, provenance and identities are all keyed by source, so the name is what a user types in
/// `switchboard profiles permissions zendesk` and what the admin API shows. It is string-backed rather than an enum so
/// a new feeder (a CSV import, another helpdesk) only needs a new name: lower-case letters, digits, `_` and `-`.
public struct ProfileSource: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Zendesk users (from the mirror, or Zendesk user changes).
    public static let zendesk = ProfileSource(known: "zendesk")
    /// People who wrote to the WhatsApp number (their WhatsApp id and number).
    public static let whatsapp = ProfileSource(known: "whatsapp")
    /// Consonance contributors and people.
    public static let consonance = ProfileSource(known: "consonance")
    /// Switchboard's own contacts directory (`switchboard contacts`).
    public static let directory = ProfileSource(known: "directory")

    /// The sources Switchboard feeds itself; others are accepted when their name is well formed.
    public static let known: [ProfileSource] = [.zendesk, .whatsapp, .consonance, .directory]

    private init(known name: String) { rawValue = name }

    /// A source whose name is 1–40 lower-case ASCII letters, digits, `_` or `-`, starting with a letter.
    public init?(rawValue: String) {
        guard (1...40).contains(rawValue.count), rawValue.first.map({ $0.isASCII && $0.isLowercase }) == true,
              rawValue.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses a source name as a user typed it (trimmed, case-insensitive), with an error naming the known sources.
    public init(parsing text: String) throws(ProfileInputError) {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let source = ProfileSource(rawValue: name) else {
            throw ProfileInputError(field: "source", message: "\"\(text)\" is not a source name (known: \(Self.known.map(\.rawValue).joined(separator: ", ")); others are lower-case letters, digits, _ and -)")
        }
        self = source
    }

    public var description: String { rawValue }

    public static func < (lhs: ProfileSource, rhs: ProfileSource) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try ProfileSource(parsing: text) } catch { throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Why a profile input (a source, a field, a value, a permission) was refused, worded for the person who sent it.
public struct ProfileInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

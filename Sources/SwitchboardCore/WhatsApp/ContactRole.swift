import Foundation

/// What a person in the WhatsApp contacts directory does for the publisher.
///
/// Publishing flows address people by role ("the title's author, editor and production lead", "the printer",
/// "rights holders"), so every contact carries roles, in general and per title. The raw value is the stored form
/// (`production_lead`); ``init(parsing:)`` accepts what people type ("Production lead", "rights-holder").
public enum ContactRole: String, Sendable, Hashable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    case author
    case editor
    case productionLead = "production_lead"
    case designer
    case freelancer
    case printer
    case rightsHolder = "rights_holder"
    case agent
    case marketing
    case publicity
    case sales
    case finance
    case coordinator

    /// Parses a role written by a person: case, surrounding space and the separators between words (space, `-`, `_`)
    /// do not matter, so "Production lead", "production-lead" and "PRODUCTION_LEAD" are the same role.
    public init(parsing text: String) throws(ContactRoleError) {
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }
        let key = words.joined(separator: "_")
        if let role = ContactRole(rawValue: key) {
            self = role
            return
        }
        let compact = words.joined()
        if let role = ContactRole.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "_", with: "") == compact }) {
            self = role
            return
        }
        throw ContactRoleError(text: text)
    }

    /// Lower-case words for messages and pages ("production lead").
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    public var description: String { rawValue }

    /// Declaration order: the order roles are listed in.
    public static func < (lhs: ContactRole, rhs: ContactRole) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// A text that names no ``ContactRole``; the message lists the valid ones.
public struct ContactRoleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String

    public var description: String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let what = trimmed.isEmpty ? "an empty role" : "\"\(trimmed)\" is not a role"
        return "\(what); valid roles: \(ContactRole.allCases.map(\.label).joined(separator: ", "))"
    }
}

import Foundation

/// One person as one source knows them (Zendesk user 42, directory contact wac_…), with the keys that can join them
/// to the same person elsewhere. A profile is a set of identities.
public struct ProfileIdentity: Sendable, Hashable {
    public var source: ProfileSource
    /// The person's id in ``source``.
    public var sourceID: String
    /// Normalised (see ``ProfileMatchKeys``).
    public var email: String?
    public var phone: String?
    public var externalID: String?

    public init(source: ProfileSource, sourceID: String, email: String? = nil, phone: String? = nil, externalID: String? = nil) {
        self.source = source
        self.sourceID = sourceID
        self.email = email
        self.phone = phone
        self.externalID = externalID
    }

    public var key: IdentityKey { IdentityKey(source: source, sourceID: sourceID) }

    /// The match keys this identity carries, in rule order.
    public var matchKeys: [MatchKey] {
        var keys: [MatchKey] = []
        if let email { keys.append(MatchKey(rule: .email, value: email)) }
        if let phone { keys.append(MatchKey(rule: .phone, value: phone)) }
        if let externalID { keys.append(MatchKey(rule: .externalID, value: externalID)) }
        return keys
    }
}

/// An identity's address: source and the person's id there (`zendesk:42`).
public struct IdentityKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var source: ProfileSource
    public var sourceID: String

    public init(source: ProfileSource, sourceID: String) {
        self.source = source
        self.sourceID = sourceID
    }

    public var description: String { "\(source.rawValue):\(sourceID)" }

    public static func < (lhs: IdentityKey, rhs: IdentityKey) -> Bool {
        (lhs.source.rawValue, lhs.sourceID) < (rhs.source.rawValue, rhs.sourceID)
    }
}

/// The rules that join two identities into one profile.
public enum MatchRule: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The same email address, compared lower-cased and trimmed.
    case email
    /// The same phone number in E.164.
    case phone
    /// The same external id, compared exactly after trimming.
    case externalID = "external_id"

    public var description: String { rawValue }
}

/// One value a rule compares (`email = ada@example.com`).
public struct MatchKey: Sendable, Hashable {
    public var rule: MatchRule
    public var value: String

    public init(rule: MatchRule, value: String) {
        self.rule = rule
        self.value = value
    }
}

/// Why two identities are the same person: the rule, the value they share, and the two identities. Every join of a
/// profile has one, so a merge can always be explained.
public struct MergeReason: Sendable, Hashable, CustomStringConvertible {
    public var rule: MatchRule
    public var value: String
    /// The identity that joined.
    public var identity: IdentityKey
    /// The identity already in the profile that it matched.
    public var matched: IdentityKey

    public init(rule: MatchRule, value: String, identity: IdentityKey, matched: IdentityKey) {
        self.rule = rule
        self.value = value
        self.identity = identity
        self.matched = matched
    }

    public var description: String { "\(identity) joined \(matched): same \(rule.rawValue) \(value)" }
}

/// The normalisation of match keys, shared by matching and by the field values they come from.
public enum ProfileMatchKeys {
    /// Lower-cased and trimmed; nil unless it looks like an address (one `@` with text on both sides, no spaces).
    public static func email(_ text: String) -> String? {
        let email = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !email.contains(where: \.isWhitespace) else { return nil }
        return email
    }

    /// E.164, or nil when the text is not an international phone number.
    public static func phone(_ text: String) -> String? {
        PhoneNumber(text)?.e164
    }

    /// Trimmed; nil when empty.
    public static func externalID(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

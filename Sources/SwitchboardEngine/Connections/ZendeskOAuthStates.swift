import Crypto
import Foundation
import SwitchboardStore

/// The authorizations Switchboard has sent a browser off to Zendesk for, keyed by their random `state`.
///
/// A pending authorization lives in the database (sealed in the secrets table, under a name derived from a hash of
/// the state, so the state itself is never stored), so a callback that arrives after a restart, or at another node,
/// still finds it. It is good for ten minutes and for one callback: taking it deletes it in the same statement.
struct ZendeskOAuthStates: Sendable {
    /// What the callback needs to finish the flow.
    struct Pending: Codable, Sendable, Equatable {
        var connection: String
        var baseURL: String
        var redirectURI: String
        var createdAt: Int64

        enum CodingKeys: String, CodingKey {
            case connection
            case baseURL = "base_url"
            case redirectURI = "redirect_uri"
            case createdAt = "created_at"
        }
    }

    /// What looking a state up found.
    enum Lookup: Sendable, Equatable {
        case found(Pending)
        /// Never issued, already used, or purged.
        case unknown
        case expired
    }

    static let namePrefix = "oauth-state/zendesk/"
    static let lifetime: TimeInterval = 600

    let store: Store
    let secrets: SecretBox

    /// A new random state (256 bits, URL-safe) saved for `pending`; expired ones are cleared on the way.
    func create(_ pending: Pending, now: Date) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let state = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let payload = Array(try JSONEncoder().encode(pending))
        try await store.session { [secrets] session in
            try await session.deleteSecrets(prefix: Self.namePrefix, updatedBefore: now.addingTimeInterval(-Self.lifetime))
            try await session.saveSecret(payload, name: Self.name(state), box: secrets, now: now)
        }
        return state
    }

    /// Take `state` (at most once) and say whether it is still valid at `now`.
    func take(_ state: String, now: Date) async throws -> Lookup {
        guard !state.isEmpty, state.utf8.count <= 512 else { return .unknown }
        let taken = try await store.session { [secrets] in try await $0.takeSecret(name: Self.name(state), box: secrets) }
        guard let taken, let pending = try? JSONDecoder().decode(Pending.self, from: Data(taken.plaintext)) else { return .unknown }
        let age = now.timeIntervalSince1970 - TimeInterval(pending.createdAt)
        return age > Self.lifetime ? .expired : .found(pending)
    }

    static func name(_ state: String) -> String {
        namePrefix + SHA256.hash(data: Data(state.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

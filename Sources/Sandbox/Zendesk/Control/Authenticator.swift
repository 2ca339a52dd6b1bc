import Foundation

/// Who made an authenticated request.
struct AuthenticatedCaller: Sendable, Equatable {
    /// E-mail of the user the credentials belong to (the admin for OAuth tokens).
    var email: String
}

/// Checks `Authorization` headers the way Zendesk does: API tokens are scoped to the user who created them
/// (`Basic base64("{email}/token:{token}")`), OAuth access tokens arrive as `Bearer {token}`.
struct Authenticator: Sendable {
    private let tokensByEmail: [String: String]
    private let oauthTokens: Set<String>
    private let adminEmail: String
    /// Tokens issued by the sandbox's own `/oauth/tokens`.
    private let issued: OAuthGrants?

    init(credentials: [String: String], oauthTokens: Set<String>, adminEmail: String, issued: OAuthGrants? = nil) {
        var tokens: [String: String] = [:]
        for (email, token) in credentials { tokens[email.lowercased()] = token }
        tokensByEmail = tokens
        self.oauthTokens = oauthTokens
        self.adminEmail = adminEmail
        self.issued = issued
    }

    /// The caller, or `nil` when the header is missing, malformed or wrong.
    func authenticate(_ header: String?) -> AuthenticatedCaller? {
        guard let header else { return nil }
        if let token = Authenticator.value(of: header, scheme: "bearer") {
            let known = oauthTokens.contains(token) || issued?.use(token) == true
            return known ? AuthenticatedCaller(email: adminEmail) : nil
        }
        guard let encoded = Authenticator.value(of: header, scheme: "basic"),
              let data = Data(base64Encoded: encoded),
              let decoded = String(data: data, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":") else { return nil }
        let user = decoded[..<colon]
        let secret = String(decoded[decoded.index(after: colon)...])
        guard user.hasSuffix("/token") else { return nil }  // password logins are not enabled
        let email = String(user.dropLast("/token".count)).lowercased()
        guard let expected = tokensByEmail[email], Authenticator.constantTimeEqual(expected, secret) else { return nil }
        return AuthenticatedCaller(email: email)
    }

    private static func value(of header: String, scheme: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == scheme else { return nil }
        return String(parts[1]).trimmingSpaces()
    }

    private static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

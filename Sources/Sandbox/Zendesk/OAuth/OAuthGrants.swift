import Foundation

/// The authorization codes and access tokens the sandbox has issued, shared by the OAuth endpoints (which create and
/// redeem them) and the ``Authenticator`` (which accepts the tokens as `Bearer`).
///
/// A code is good for one exchange, for one client and redirect URI, and only for a short while (Zendesk: 120 s);
/// a token lives until the sandbox stops. Uses are counted so tests can see that a stored token really reached the API.
final class OAuthGrants: Sendable {
    /// One issued authorization code.
    struct Code: Sendable {
        var clientID: String
        var redirectURI: String
        var scope: [String]
        var expiresAt: Date
        var redeemed: Bool
    }

    /// One issued access token.
    struct Token: Sendable {
        var clientID: String
        var scope: [String]
        var issuedAt: Date
        var uses: Int
    }

    /// Why a code could not be redeemed; all of them are `invalid_grant` on the wire.
    enum RedeemFailure: Error, Equatable {
        case unknown, alreadyRedeemed, expired, wrongClient, redirectMismatch
    }

    private let state = Locked<(codes: [String: Code], tokens: [String: Token])>(([:], [:]))
    let clients: Locked<[OAuthClientRegistration]>
    let consent: Locked<OAuthConsent>
    let codeLifetime: Duration

    init(clients: [OAuthClientRegistration], consent: OAuthConsent, codeLifetime: Duration) {
        self.clients = Locked(clients)
        self.consent = Locked(consent)
        self.codeLifetime = codeLifetime
    }

    func client(_ identifier: String) -> OAuthClientRegistration? {
        clients.withLock { list in list.first { $0.identifier == identifier } }
    }

    /// A fresh code for a consented request.
    func issueCode(clientID: String, redirectURI: String, scope: [String], now: Date) -> String {
        let code = OAuthGrants.randomToken(bytes: 20)
        let expiresAt = now.addingTimeInterval(codeLifetime.secondsValue)
        state.withLock { $0.codes[code] = Code(clientID: clientID, redirectURI: redirectURI, scope: scope, expiresAt: expiresAt, redeemed: false) }
        return code
    }

    /// Redeem `code` once for `clientID` and `redirectURI`, returning the new access token and its scope.
    /// A failed attempt (wrong redirect URI, wrong client) leaves the code as it was; a redeemed code never works again.
    func redeem(code: String, clientID: String, redirectURI: String, now: Date) -> Result<(token: String, scope: [String]), RedeemFailure> {
        state.withLock { state in
            guard var grant = state.codes[code] else { return .failure(.unknown) }
            if grant.redeemed { return .failure(.alreadyRedeemed) }
            if now >= grant.expiresAt { return .failure(.expired) }
            if grant.clientID != clientID { return .failure(.wrongClient) }
            if grant.redirectURI != redirectURI { return .failure(.redirectMismatch) }
            grant.redeemed = true
            state.codes[code] = grant
            let token = OAuthGrants.randomToken(bytes: 32)
            state.tokens[token] = Token(clientID: clientID, scope: grant.scope, issuedAt: now, uses: 0)
            return .success((token, grant.scope))
        }
    }

    /// Whether `token` was issued here; counts the use when it was.
    func use(_ token: String) -> Bool {
        state.withLock { state in
            guard state.tokens[token] != nil else { return false }
            state.tokens[token]!.uses += 1
            return true
        }
    }

    func token(_ token: String) -> Token? {
        state.withLock { $0.tokens[token] }
    }

    var issuedTokenCount: Int { state.withLock { $0.tokens.count } }

    /// `bytes` random bytes as lower-case hex.
    static func randomToken(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var text = ""
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return text
    }
}

extension Duration {
    /// The duration in seconds, for `Date` arithmetic.
    var secondsValue: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

import Foundation

/// Runtime controls of the sandbox's OAuth endpoints, for tests and demos.
extension ZendeskSandbox {
    /// Replaces the registered OAuth clients (codes and tokens already issued stay valid).
    public func setOAuthClients(_ clients: [OAuthClientRegistration]) {
        services.oauth.clients.withLock { $0 = clients }
    }

    public var oauthClients: [OAuthClientRegistration] { services.oauth.clients.withLock { $0 } }

    /// What the sandbox's authorization page answers from now on (sandbox-only: Zendesk asks a person).
    public func setOAuthConsent(_ consent: OAuthConsent) {
        services.oauth.consent.withLock { $0 = consent }
    }

    /// How many API requests authenticated with `accessToken`, or `nil` if the sandbox never issued it through
    /// `/oauth/tokens` (tokens configured in ``ZendeskSandboxConfiguration/oauthTokens`` are not counted).
    public func oauthTokenUses(_ accessToken: String) -> Int? {
        services.oauth.token(accessToken)?.uses
    }

    /// The number of access tokens issued through `/oauth/tokens`.
    public var issuedOAuthTokenCount: Int { services.oauth.issuedTokenCount }
}

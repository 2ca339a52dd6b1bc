import Foundation

/// An OAuth client registered in the sandbox account, as an admin registers one in Zendesk (Admin Center → Apps and
/// integrations → APIs → Zendesk API → OAuth Clients).
///
/// It exists so the authorization-code flow can be exercised end to end without a real account: the sandbox refuses
/// unknown identifiers, redirect URIs that are not registered exactly, and token requests with the wrong secret, the
/// way Zendesk does.
public struct OAuthClientRegistration: Sendable, Equatable {
    /// Zendesk's "Unique identifier": the `client_id` of the flow.
    public var identifier: String
    /// The `client_secret` shown once when the client is saved.
    public var secret: String
    /// The redirect URLs the client may use, compared exactly (scheme, host, port, path and query).
    public var redirectURIs: [String]

    public init(identifier: String, secret: String, redirectURIs: [String]) {
        self.identifier = identifier
        self.secret = secret
        self.redirectURIs = redirectURIs
    }

    /// The client a fresh sandbox knows: identifier `switchboard`, secret `sandbox-oauth-secret`, and the callback of a
    /// `switchboard serve` on its default port.
    public static let sandboxDefault = OAuthClientRegistration(
        identifier: "switchboard", secret: "sandbox-oauth-secret",
        redirectURIs: ["http://127.0.0.1:8080/connect/zendesk/callback", "http://localhost:8080/connect/zendesk/callback"])
}

/// What the (imaginary) admin answers on the sandbox's authorization page. There is no browser in front of the
/// sandbox, so it answers at once; `.deny` lets tests and demos see Zendesk's "Deny" path. Sandbox-only.
public enum OAuthConsent: String, Sendable, Equatable {
    /// The admin clicks Allow: redirect with `code` and `state`.
    case allow
    /// The admin clicks Deny: redirect with `error=access_denied` and `state`.
    case deny
}

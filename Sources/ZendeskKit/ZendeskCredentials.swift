import Foundation

/// How Switchboard proves its identity to Zendesk.
///
/// API tokens are scoped to the user who created them, so the email must be that user's. The token never
/// appears in `description`, `debugDescription` or `dump` output, so credentials can be logged safely.
public enum ZendeskCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Authorization: Basic base64("{email}/token:{token}")`.
    case apiToken(email: String, token: String)
    /// `Authorization: Bearer {accessToken}` from Zendesk's OAuth flow.
    case oauth(accessToken: String)

    public var authorizationHeader: String {
        switch self {
        case .apiToken(let email, let token):
            return "Basic " + Data("\(email)/token:\(token)".utf8).base64EncodedString()
        case .oauth(let accessToken):
            return "Bearer \(accessToken)"
        }
    }

    /// Who is authenticating, without the secret.
    public var principal: String {
        switch self {
        case .apiToken(let email, _): return email
        case .oauth: return "OAuth access token"
        }
    }

    public var description: String {
        switch self {
        case .apiToken(let email, _): return "API token for \(email)"
        case .oauth: return "OAuth bearer token"
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["principal": principal]) }
}

import ConnectorKit
import Foundation

/// Zendesk's OAuth authorization-code flow, seen from the application: the address of the authorization page, and the
/// exchange of the returned code for an access token at `POST /oauth/tokens`.
///
/// It exists beside ``ZendeskClient`` because the flow happens before there are credentials, talks to `/oauth/…`
/// rather than `/api/v2/…`, and must not retry: a code is good for one exchange, so a retried request that reached
/// Zendesk the first time would only earn `invalid_grant`. The client secret, the code and the token never appear in
/// descriptions or errors.
public struct ZendeskOAuthClient: Sendable, CustomStringConvertible {
    /// `https://acme.zendesk.com` (or a sandbox), without a trailing slash.
    public let baseURL: String
    /// The OAuth client's unique identifier.
    public let clientID: String
    private let clientSecret: String
    private let transport: any HTTPTransport
    private let timeout: Duration

    public init(baseURL: String, clientID: String, clientSecret: String, transport: any HTTPTransport, timeout: Duration = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.transport = transport
        self.timeout = timeout
    }

    public var description: String { "Zendesk OAuth client \(clientID) at \(baseURL)" }

    /// The authorization page to send the user's browser to:
    /// `{baseURL}/oauth/authorizations/new?response_type=code&client_id=…&redirect_uri=…&scope=…&state=…`.
    public func authorizationURL(redirectURI: String, scope: String, state: String) -> String {
        let query = [("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", scope), ("state", state)]
        return baseURL + "/oauth/authorizations/new?" + query.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// Trade an authorization code for an access token (`grant_type=authorization_code`), once, without retries.
    public func exchange(code: String, redirectURI: String, scope: String) async throws -> ZendeskOAuthToken {
        let body: [String: String] = [
            "grant_type": "authorization_code", "code": code, "client_id": clientID, "client_secret": clientSecret,
            "redirect_uri": redirectURI, "scope": scope,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let request = OutboundRequest(method: .post, url: baseURL + "/oauth/tokens",
                                      headers: [("Content-Type", "application/json"), ("Accept", "application/json"), ("User-Agent", "Switchboard/1.0 (ZendeskKit)")],
                                      body: Array(try encoder.encode(body)), timeout: timeout)
        let response: InboundResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw ZendeskOAuthError.unreachable(detail: error.description)
        } catch {
            throw ZendeskOAuthError.unreachable(detail: String(describing: type(of: error)))
        }
        let json = try? JSONValue.parse(response.body)
        guard response.isSuccess else {
            if let code = json?["error"]?.stringValue {
                throw ZendeskOAuthError.rejected(status: response.status, error: code, description: json?["error_description"]?.stringValue)
            }
            throw ZendeskOAuthError.unexpected(status: response.status)
        }
        guard let accessToken = json?["access_token"]?.stringValue, !accessToken.isEmpty else {
            throw ZendeskOAuthError.unexpected(status: response.status)
        }
        let tokenType = json?["token_type"]?.stringValue ?? "bearer"
        guard tokenType.lowercased() == "bearer" else { throw ZendeskOAuthError.unsupportedTokenType(tokenType) }
        return ZendeskOAuthToken(accessToken: accessToken, scope: json?["scope"]?.stringValue,
                                 refreshToken: json?["refresh_token"]?.stringValue,
                                 expiresIn: json?["expires_in"]?.int64Value.map { Int($0) })
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

/// The answer of a successful exchange. The token is a secret: it is not part of `description`.
public struct ZendeskOAuthToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var accessToken: String
    /// The scopes granted, space-separated (`read write`).
    public var scope: String?
    /// Present for clients that opted into expiring tokens.
    public var refreshToken: String?
    /// Seconds until the access token expires, when it does.
    public var expiresIn: Int?

    public init(accessToken: String, scope: String?, refreshToken: String? = nil, expiresIn: Int? = nil) {
        self.accessToken = accessToken
        self.scope = scope
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
    }

    /// The credentials the API client sends with this token.
    public var credentials: ZendeskCredentials { .oauth(accessToken: accessToken) }

    public var description: String { "OAuth access token (scope: \(scope ?? "unknown"))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["scope": scope as Any, "expiresIn": expiresIn as Any]) }
}

/// Why an exchange failed, with Zendesk's OAuth error code when there was one — never the code, secret or token.
public enum ZendeskOAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zendesk answered with the OAuth error envelope (`invalid_grant`, `invalid_client`, …).
    case rejected(status: Int, error: String, description: String?)
    /// Zendesk answered something that is neither a token nor an OAuth error.
    case unexpected(status: Int)
    case unsupportedTokenType(String)
    case unreachable(detail: String)

    /// The OAuth error code, if Zendesk sent one.
    public var errorCode: String? {
        if case .rejected(_, let error, _) = self { return error }
        return nil
    }

    public var description: String {
        switch self {
        case .rejected(let status, let error, let description):
            let hint: String
            switch error {
            case "invalid_grant": hint = " The code was already used, has expired (codes last two minutes), or the redirect URL differs from the one authorized; start again."
            case "invalid_client": hint = " Check the OAuth client's unique identifier and secret."
            default: hint = ""
            }
            return "Zendesk refused the authorization code (\(status) \(error)\(description.map { ": \($0)" } ?? "")).\(hint)"
        case .unexpected(let status):
            return "Zendesk answered the token request with an unexpected \(status) response."
        case .unsupportedTokenType(let type):
            return "Zendesk issued a token of type \"\(type)\"; only bearer tokens are supported."
        case .unreachable(let detail):
            return "could not reach Zendesk's token endpoint: \(detail)"
        }
    }
}

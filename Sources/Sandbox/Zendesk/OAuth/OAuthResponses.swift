import Foundation
import Hummingbird

/// The answers of the sandbox's OAuth endpoints: the JSON error envelope of `/oauth/tokens`
/// (`{"error":"invalid_grant","error_description":"…"}`), the redirects of the authorization page, and the plain
/// error page shown when Zendesk cannot trust the redirect URI.
///
/// The descriptions are the fixed texts Zendesk's OAuth server answers with; nothing from the request is echoed,
/// so a code or secret never comes back in an error.
enum OAuthResponses {
    /// OAuth error codes with their standard descriptions.
    enum Failure: String, Sendable {
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case unsupportedResponseType = "unsupported_response_type"
        case invalidScope = "invalid_scope"
        case accessDenied = "access_denied"
        case invalidRedirectURI = "invalid_redirect_uri"

        var description: String {
            switch self {
            case .invalidRequest:
                return "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed."
            case .invalidClient:
                return "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."
            case .invalidGrant:
                return "The provided access grant is invalid, expired, or revoked (e.g. invalid assertion, expired authorization token, bad end-user password credentials, or mismatching authorization code and redirection URI)."
            case .unauthorizedClient:
                return "The client is not authorized to perform this request using this method."
            case .unsupportedGrantType:
                return "The authorization grant type is not supported by the authorization server."
            case .unsupportedResponseType:
                return "The authorization server does not support this response type."
            case .invalidScope:
                return "The requested scope is invalid, unknown, or malformed."
            case .accessDenied:
                return "The resource owner or authorization server denied the request."
            case .invalidRedirectURI:
                return "The requested redirect uri is malformed or doesn't match client redirect URI."
            }
        }

        /// `invalid_client` is 401 (with a `WWW-Authenticate` challenge); every other token error is 400.
        var status: HTTPResponse.Status { self == .invalidClient ? .unauthorized : .badRequest }
    }

    /// The token endpoint's error envelope.
    static func tokenError(_ failure: Failure) -> APIResponse {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.field("error", failure.rawValue)
        writer.field("error_description", failure.description)
        writer.endObject()
        var response = APIResponse.json(writer, status: failure.status)
        noStore(&response)
        if failure == .invalidClient { response.headers[.wwwAuthenticate] = #"Bearer realm="Zendesk", error="invalid_client""# }
        return response
    }

    /// A successful exchange: `{"access_token":…,"token_type":"bearer","scope":"read write"}`.
    static func token(_ token: String, scope: [String]) -> APIResponse {
        var writer = JSONWriter(capacity: 160)
        writer.beginObject()
        writer.field("access_token", token)
        writer.field("token_type", "bearer")
        writer.field("scope", scope.joined(separator: " "))
        writer.endObject()
        var response = APIResponse.json(writer)
        noStore(&response)
        return response
    }

    /// `302` to `redirectURI` with `parameters` appended to its query.
    static func redirect(to redirectURI: String, _ parameters: [(String, String)]) -> APIResponse {
        let query = parameters.map { "\($0.0)=\($0.1.queryEncoded())" }.joined(separator: "&")
        let separator = redirectURI.contains("?") ? "&" : "?"
        var response = APIResponse(status: .found, headers: [.location: redirectURI + separator + query])
        noStore(&response)
        return response
    }

    /// An error redirect (`error`, `error_description`, `state`), used once the redirect URI is known to be registered.
    static func redirect(to redirectURI: String, failure: Failure, state: String?) -> APIResponse {
        var parameters = [("error", failure.rawValue), ("error_description", failure.description)]
        if let state { parameters.append(("state", state)) }
        return redirect(to: redirectURI, parameters)
    }

    /// The page shown instead of a redirect when the client or its redirect URI cannot be trusted.
    static func errorPage(_ failure: Failure) -> APIResponse {
        let html = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Zendesk sandbox: OAuth error</title></head>
            <body><h1>An error has occurred</h1><p>\(failure.rawValue): \(failure.description)</p></body></html>
            """
        var response = APIResponse(status: .badRequest, headers: [.contentType: "text/html; charset=utf-8"], body: .init(string: html))
        noStore(&response)
        return response
    }

    private static func noStore(_ response: inout APIResponse) {
        response.headers[.cacheControl] = "no-store"
        response.headers[named: "Pragma"] = "no-cache"
    }
}

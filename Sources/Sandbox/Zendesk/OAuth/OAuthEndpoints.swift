import Foundation
import Hummingbird

/// Zendesk's OAuth authorization-code endpoints, served by the sandbox beside the API:
///
/// - `GET /oauth/authorizations/new` — the authorization page. With no browser in front of it, the sandbox answers
///   as the admin would (``OAuthConsent``): redirect to `redirect_uri?code=…&state=…`, or with `error=access_denied`.
///   An unknown client or a redirect URI that is not registered exactly gets a 400 page, never a redirect.
/// - `POST /oauth/tokens` — `grant_type=authorization_code`: trades a code (once, within its lifetime, for the client,
///   secret and redirect URI it was issued to) for an access token that the API then accepts as `Bearer`.
///   Form-encoded and JSON bodies are accepted, and the client may authenticate in the body or with HTTP Basic.
struct OAuthEndpoints: Sendable {
    static let maximumBodySize = 64 * 1024
    /// `read`, `write`, `impersonate`, and `resource:read|write` scopes Zendesk documents.
    static let resourceScopes: Set<String> = [
        "tickets", "users", "organizations", "hc", "apps", "triggers", "automations", "targets", "webhooks", "macros",
        "requests", "satisfaction_ratings", "dynamic_content", "any_channel", "web_widget", "zis", "auditlogs",
    ]

    let grants: OAuthGrants
    let clock: @Sendable () -> Date

    /// The response for an `/oauth/…` request, or `nil` when the path is not an OAuth endpoint.
    func respond(to request: Request) async throws -> APIResponse? {
        switch (request.method, request.uri.path) {
        case (.get, "/oauth/authorizations/new"):
            return authorize(QueryItems(request.uri.query))
        case (.post, "/oauth/tokens"):
            var request = request
            let body: [UInt8]
            do {
                body = Array(try await request.collectBody(upTo: OAuthEndpoints.maximumBodySize).readableBytesView)
            } catch {
                return OAuthResponses.tokenError(.invalidRequest)
            }
            return exchange(body: body, contentType: request.headers[.contentType], authorization: request.headers[.authorization])
        case (_, "/oauth/authorizations/new"), (_, "/oauth/tokens"):
            return APIResponse.text("Method Not Allowed", status: .methodNotAllowed)
        default:
            return nil
        }
    }

    // MARK: Authorization page

    func authorize(_ query: QueryItems) -> APIResponse {
        guard let clientID = query["client_id"], let client = grants.client(clientID) else {
            return OAuthResponses.errorPage(.invalidClient)
        }
        guard let redirectURI = query["redirect_uri"], client.redirectURIs.contains(redirectURI) else {
            return OAuthResponses.errorPage(.invalidRedirectURI)
        }
        let state = query["state"]
        guard let responseType = query["response_type"], !responseType.isEmpty else {
            return OAuthResponses.redirect(to: redirectURI, failure: .invalidRequest, state: state)
        }
        guard responseType == "code" else {
            return OAuthResponses.redirect(to: redirectURI, failure: .unsupportedResponseType, state: state)
        }
        guard let scope = OAuthEndpoints.scopes(query["scope"]) else {
            return OAuthResponses.redirect(to: redirectURI, failure: .invalidScope, state: state)
        }
        if grants.consent.withLock({ $0 }) == .deny {
            return OAuthResponses.redirect(to: redirectURI, failure: .accessDenied, state: state)
        }
        let code = grants.issueCode(clientID: clientID, redirectURI: redirectURI, scope: scope, now: clock())
        var parameters = [("code", code)]
        if let state { parameters.append(("state", state)) }
        return OAuthResponses.redirect(to: redirectURI, parameters)
    }

    /// The requested scopes, or `nil` when the list is missing, empty or names an unknown scope.
    static func scopes(_ text: String?) -> [String]? {
        guard let text else { return nil }
        let scopes = text.split(separator: " ").map(String.init)
        guard !scopes.isEmpty else { return nil }
        for scope in scopes {
            if ["read", "write", "impersonate"].contains(scope) { continue }
            let parts = scope.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, resourceScopes.contains(String(parts[0])), parts[1] == "read" || parts[1] == "write" else { return nil }
        }
        var unique: [String] = []
        for scope in scopes where !unique.contains(scope) { unique.append(scope) }
        return unique
    }

    // MARK: Token endpoint

    func exchange(body: [UInt8], contentType: String?, authorization: String?) -> APIResponse {
        guard let parameters = OAuthEndpoints.parameters(body: body, contentType: contentType) else {
            return OAuthResponses.tokenError(.invalidRequest)
        }
        guard let grantType = parameters["grant_type"], !grantType.isEmpty else { return OAuthResponses.tokenError(.invalidRequest) }
        guard grantType == "authorization_code" else { return OAuthResponses.tokenError(.unsupportedGrantType) }
        guard let (clientID, secret) = OAuthEndpoints.clientCredentials(parameters, authorization: authorization),
              let client = grants.client(clientID), OAuthEndpoints.constantTimeEqual(client.secret, secret) else {
            return OAuthResponses.tokenError(.invalidClient)
        }
        guard let code = parameters["code"], !code.isEmpty, let redirectURI = parameters["redirect_uri"], !redirectURI.isEmpty else {
            return OAuthResponses.tokenError(.invalidRequest)
        }
        var requested: [String]?
        if let scope = parameters["scope"], !scope.isEmpty {
            guard let scopes = OAuthEndpoints.scopes(scope) else { return OAuthResponses.tokenError(.invalidScope) }
            requested = scopes
        }
        switch grants.redeem(code: code, clientID: clientID, redirectURI: redirectURI, now: clock()) {
        case .failure:
            return OAuthResponses.tokenError(.invalidGrant)
        case .success(let (token, granted)):
            if let requested, !requested.allSatisfy(granted.contains) {
                // The code is spent either way; asking for more than was consented to is refused.
                return OAuthResponses.tokenError(.invalidScope)
            }
            return OAuthResponses.token(token, scope: granted)
        }
    }

    /// Body parameters from a JSON object (string, number or boolean members) or a form-encoded body.
    static func parameters(body: [UInt8], contentType: String?) -> [String: String]? {
        if contentType?.lowercased().contains("json") == true {
            guard case .object(let members)? = JSONValue.parse(body) else { return nil }
            var result: [String: String] = [:]
            for (name, value) in members {
                switch value {
                case .string(let text): result[name] = text
                case .int(let number): result[name] = String(number)
                case .bool(let flag): result[name] = String(flag)
                case .null: continue
                default: return nil
                }
            }
            return result
        }
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        let items = QueryItems(text)
        var result: [String: String] = [:]
        for name in ["grant_type", "code", "client_id", "client_secret", "redirect_uri", "scope"] { result[name] = items[name] }
        return result
    }

    /// `client_id`/`client_secret` from HTTP Basic (RFC 6749 §2.3.1) or the body; using both at once is refused.
    static func clientCredentials(_ parameters: [String: String], authorization: String?) -> (String, String)? {
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "basic", parameters["client_secret"] == nil,
                  let data = Data(base64Encoded: String(parts[1]).trimmingSpaces()),
                  let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") else { return nil }
            let id = QueryItems("v=" + decoded[..<colon])["v"] ?? ""
            let secret = QueryItems("v=" + decoded[decoded.index(after: colon)...])["v"] ?? ""
            if let bodyID = parameters["client_id"], bodyID != id { return nil }
            return (id, secret)
        }
        guard let id = parameters["client_id"], let secret = parameters["client_secret"], !id.isEmpty, !secret.isEmpty else { return nil }
        return (id, secret)
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

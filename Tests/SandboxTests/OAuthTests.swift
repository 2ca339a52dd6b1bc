import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Sandbox

/// The sandbox's OAuth authorization-code flow over real HTTP: the authorization page's redirects, the token
/// endpoint's single-use, short-lived codes and OAuth error envelope, and issued tokens accepted as `Bearer`.
@Suite struct OAuthTests {
    static let redirect = "http://127.0.0.1:9/connect/zendesk/callback"
    static let client = OAuthClientRegistration(identifier: "switchboard-test", secret: "s3cret-value", redirectURIs: [redirect])
    static let other = OAuthClientRegistration(identifier: "other-app", secret: "other-secret", redirectURIs: [redirect])

    static func with<T: Sendable>(_ body: (SandboxHarness, HTTPClient) async throws -> T) async throws -> T {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let result = try await SandboxHarness.with(configure: { $0.oauthClients = [client, other] }) { try await body($0, http) }
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    static func authorize(_ harness: SandboxHarness, _ http: HTTPClient, clientID: String = client.identifier, redirectURI: String = redirect,
                          responseType: String = "code", scope: String? = "read write", state: String? = "st-123") async throws -> HTTPResult {
        var query = "client_id=\(clientID.queryEncoded())&redirect_uri=\(redirectURI.queryEncoded())&response_type=\(responseType)"
        if let scope { query += "&scope=\(scope.queryEncoded())" }
        if let state { query += "&state=\(state.queryEncoded())" }
        return try await send(http, .GET, harness.baseURL + "/oauth/authorizations/new?" + query)
    }

    static func send(_ http: HTTPClient, _ method: HTTPMethod, _ url: String, body: String? = nil, contentType: String? = nil,
                     headers: [(String, String)] = []) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await http.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return HTTPResult(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView))
    }

    /// The query parameters of a redirect's `Location`.
    static func parameters(_ result: HTTPResult) -> [String: String] {
        guard let location = result.header("Location"), let components = URLComponents(string: location) else { return [:] }
        var values: [String: String] = [:]
        for item in components.queryItems ?? [] { values[item.name] = item.value }
        return values
    }

    static func code(_ harness: SandboxHarness, _ http: HTTPClient) async throws -> String {
        let result = try await authorize(harness, http)
        return try #require(parameters(result)["code"])
    }

    static func form(code: String, clientID: String = client.identifier, secret: String? = client.secret, redirectURI: String = redirect,
                     grantType: String = "authorization_code") -> String {
        var fields = [("grant_type", grantType), ("code", code), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", "read write")]
        if let secret { fields.append(("client_secret", secret)) }
        return fields.map { "\($0.0)=\($0.1.queryEncoded())" }.joined(separator: "&")
    }

    static func exchange(_ harness: SandboxHarness, _ http: HTTPClient, _ body: String) async throws -> HTTPResult {
        try await send(http, .POST, harness.baseURL + "/oauth/tokens", body: body, contentType: "application/x-www-form-urlencoded")
    }

    @Test func consent_redirects_with_code_and_state_and_the_token_works_as_bearer() async throws {
        try await Self.with { harness, http in
            let authorized = try await Self.authorize(harness, http)
            #expect(authorized.status == 302)
            let location = try #require(authorized.header("Location"))
            #expect(location.hasPrefix(Self.redirect + "?code="))
            let parameters = Self.parameters(authorized)
            #expect(parameters["state"] == "st-123")
            let code = try #require(parameters["code"])

            let exchanged = try await Self.exchange(harness, http, Self.form(code: code))
            #expect(exchanged.status == 200)
            #expect(exchanged.header("Cache-Control") == "no-store")
            #expect(exchanged.json.at("token_type").string == "bearer")
            #expect(exchanged.json.at("scope").string == "read write")
            let token = try #require(exchanged.json.at("access_token").string)
            #expect(token.count == 64)
            #expect(harness.sandbox.oauthTokenUses(token) == 0)

            let me = try await harness.get("/api/v2/users/me.json", auth: .bearer(token))
            #expect(me.status == 200)
            #expect(me.json.at("user", "role").string == "admin")
            #expect(harness.sandbox.oauthTokenUses(token) == 1)
        }
    }

    @Test func json_bodies_and_basic_client_authentication_are_accepted() async throws {
        try await Self.with { harness, http in
            let code = try await Self.code(harness, http)
            let json = #"{"grant_type":"authorization_code","code":"\#(code)","client_id":"switchboard-test","client_secret":"s3cret-value","redirect_uri":"\#(Self.redirect)","scope":"read"}"#
            let exchanged = try await Self.send(http, .POST, harness.baseURL + "/oauth/tokens", body: json, contentType: "application/json")
            #expect(exchanged.status == 200)
            #expect(exchanged.json.at("scope").string == "read write")  // the token carries what was consented to

            let second = try await Self.code(harness, http)
            let basic = "Basic " + Data("switchboard-test:s3cret-value".utf8).base64EncodedString()
            let viaBasic = try await Self.send(http, .POST, harness.baseURL + "/oauth/tokens", body: Self.form(code: second, secret: nil),
                                               contentType: "application/x-www-form-urlencoded", headers: [("Authorization", basic)])
            #expect(viaBasic.status == 200)
            #expect(viaBasic.json.at("access_token").string != nil)
            #expect(harness.sandbox.issuedOAuthTokenCount == 2)
        }
    }

    @Test func a_code_is_exchanged_once() async throws {
        try await Self.with { harness, http in
            let code = try await Self.code(harness, http)
            #expect(try await Self.exchange(harness, http, Self.form(code: code)).status == 200)
            let replayed = try await Self.exchange(harness, http, Self.form(code: code))
            #expect(replayed.status == 400)
            #expect(replayed.json.at("error").string == "invalid_grant")
            #expect(replayed.json.at("error_description").string?.hasPrefix("The provided access grant is invalid, expired, or revoked") == true)
            #expect(!replayed.text.contains(code))
            #expect(harness.sandbox.issuedOAuthTokenCount == 1)
        }
    }

    @Test func a_code_expires_after_120_seconds() async throws {
        try await Self.with { harness, http in
            let code = try await Self.code(harness, http)
            harness.clock.advance(seconds: 121)
            let late = try await Self.exchange(harness, http, Self.form(code: code))
            #expect(late.status == 400)
            #expect(late.json.at("error").string == "invalid_grant")
        }
    }

    @Test func the_code_must_match_client_secret_and_redirect_uri() async throws {
        try await Self.with { harness, http in
            let code = try await Self.code(harness, http)
            let wrongSecret = try await Self.exchange(harness, http, Self.form(code: code, secret: "guess"))
            #expect(wrongSecret.status == 401)
            #expect(wrongSecret.json.at("error").string == "invalid_client")
            #expect(!wrongSecret.text.contains("guess"))
            let noSecret = try await Self.exchange(harness, http, Self.form(code: code, secret: nil))
            #expect(noSecret.json.at("error").string == "invalid_client")
            let otherClient = try await Self.exchange(harness, http, Self.form(code: code, clientID: Self.other.identifier, secret: Self.other.secret))
            #expect(otherClient.status == 400)
            #expect(otherClient.json.at("error").string == "invalid_grant")
            let otherRedirect = try await Self.exchange(harness, http, Self.form(code: code, redirectURI: "http://127.0.0.1:9/elsewhere"))
            #expect(otherRedirect.json.at("error").string == "invalid_grant")
            // Failed attempts do not spend the code.
            #expect(try await Self.exchange(harness, http, Self.form(code: code)).status == 200)
        }
    }

    @Test func malformed_token_requests_get_the_oauth_envelope() async throws {
        try await Self.with { harness, http in
            let code = try await Self.code(harness, http)
            let refresh = try await Self.exchange(harness, http, Self.form(code: code, grantType: "password"))
            #expect(refresh.status == 400)
            #expect(refresh.json.at("error").string == "unsupported_grant_type")
            let noGrant = try await Self.exchange(harness, http, "code=\(code)")
            #expect(noGrant.json.at("error").string == "invalid_request")
            let badJSON = try await Self.send(http, .POST, harness.baseURL + "/oauth/tokens", body: "{not json", contentType: "application/json")
            #expect(badJSON.status == 400)
            #expect(badJSON.json.at("error").string == "invalid_request")
            let noCode = try await Self.exchange(harness, http, Self.form(code: ""))
            #expect(noCode.json.at("error").string == "invalid_request")
            let get = try await Self.send(http, .GET, harness.baseURL + "/oauth/tokens")
            #expect(get.status == 405)
        }
    }

    @Test func deny_and_invalid_requests_redirect_with_an_error() async throws {
        try await Self.with { harness, http in
            let badType = try await Self.authorize(harness, http, responseType: "token")
            #expect(badType.status == 302)
            #expect(Self.parameters(badType)["error"] == "unsupported_response_type")
            #expect(Self.parameters(badType)["state"] == "st-123")
            let badScope = try await Self.authorize(harness, http, scope: "read everything")
            #expect(Self.parameters(badScope)["error"] == "invalid_scope")
            let noScope = try await Self.authorize(harness, http, scope: nil)
            #expect(Self.parameters(noScope)["error"] == "invalid_scope")
            let noType = try await Self.authorize(harness, http, responseType: "")
            #expect(Self.parameters(noType)["error"] == "invalid_request")

            harness.sandbox.setOAuthConsent(.deny)
            let denied = try await Self.authorize(harness, http)
            #expect(denied.status == 302)
            #expect(denied.header("Location")?.hasPrefix(Self.redirect + "?error=access_denied") == true)
            #expect(Self.parameters(denied)["state"] == "st-123")
            #expect(Self.parameters(denied)["error_description"] == "The resource owner or authorization server denied the request.")
            #expect(Self.parameters(denied)["code"] == nil)
            harness.sandbox.setOAuthConsent(.allow)
            #expect(Self.parameters(try await Self.authorize(harness, http))["code"] != nil)
        }
    }

    @Test func an_unknown_client_or_unregistered_redirect_uri_never_redirects() async throws {
        try await Self.with { harness, http in
            let unknown = try await Self.authorize(harness, http, clientID: "nobody")
            #expect(unknown.status == 400)
            #expect(unknown.header("Location") == nil)
            #expect(unknown.text.contains("invalid_client"))
            let elsewhere = try await Self.authorize(harness, http, redirectURI: "https://attacker.example/cb")
            #expect(elsewhere.status == 400)
            #expect(elsewhere.header("Location") == nil)
            #expect(elsewhere.text.contains("invalid_redirect_uri"))
            // A registered URI with something appended is not the registered URI.
            let suffixed = try await Self.authorize(harness, http, redirectURI: Self.redirect + "/x")
            #expect(suffixed.status == 400)
            #expect(harness.sandbox.issuedOAuthTokenCount == 0)
        }
    }

    @Test func a_fresh_sandbox_has_the_documented_default_client() {
        let configuration = ZendeskSandboxConfiguration()
        #expect(configuration.oauthClients == [.sandboxDefault])
        #expect(configuration.oauthConsent == .allow)
        #expect(OAuthClientRegistration.sandboxDefault.redirectURIs.contains("http://127.0.0.1:8080/connect/zendesk/callback"))
    }
}

import AsyncHTTPClient
import ConnectorKit
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Sandbox
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import ZendeskKit

/// Connecting Zendesk through the OAuth authorization-code flow, end to end over real HTTP: a Switchboard node's
/// `/connect/zendesk` and callback, the Zendesk sandbox's authorization page and token endpoint, and the stored,
/// encrypted token then used as `Bearer` by the API client and the mirror sync.
@Suite struct ZendeskOAuthConnectTests {
    static let connection = "zd-oauth"
    static let adminToken = "oauth-admin-token"
    static let clientSecret = "e2e-client-secret-3f9a"

    @Test(arguments: TestDatabase.available)
    func the_browser_flow_stores_an_encrypted_token_that_syncs_and_actions_use(_ database: TestDatabase) async throws {
        try await OAuthHarness.with(database) { h in
            let (page, token, code) = try await h.connectThroughBrowser()
            #expect(page.status == 200)
            #expect(page.body.contains("Zendesk connected"))
            #expect(page.body.contains(Self.connection))
            #expect(page.headers["cache-control"] == "no-store")

            // The connection holds the OAuth token, sealed.
            let stored = try await ZendeskConnections(store: h.store, secrets: h.secrets).load(name: Self.connection)
            #expect(stored.credentials == .oauth(accessToken: token))
            #expect(stored.record.baseURL == h.sandboxURL)
            #expect(h.sandbox.oauthTokenUses(token) == 1)  // GET /users/me before storing
            let sealed = try #require(try await h.store.session { try await $0.sealedSecret(name: stored.record.secretName) })
            #expect(!sealed.contains(token))
            #expect(try await h.databaseText().contains(token) == false)
            #expect(try await h.databaseText().contains(Self.clientSecret) == false)

            // Actions' client and the mirror sync authenticate with Bearer.
            let client = try await ZendeskClientPool(store: h.store, secrets: h.secrets, transport: h.transport).client(for: Self.connection)
            #expect(client.configuration.credentials.authorizationHeader == "Bearer \(token)")
            let me = try await client.currentUser()
            #expect(me.role == "admin")
            #expect(h.sandbox.oauthTokenUses(token) == 2)
            let summary = try await ZendeskMirrorSync(
                store: h.store, configuration: ZendeskConfiguration(baseURL: stored.record.baseURL, credentials: stored.credentials, exportBudget: .unlimited),
                transport: h.transport, connection: Self.connection).run()
            #expect(summary.mirror.tickets == 5)
            #expect(h.sandbox.oauthTokenUses(token)! > 2)
            #expect(!h.sandbox.requestLog().contains { $0.authFailed })

            // The exchange happened once, server to server.
            #expect(h.sandbox.requestLog().filter { $0.path == "/oauth/tokens" }.map(\.status) == [200])
            h.expectNothingLeaked([token, code, Self.clientSecret])
        }
    }

    @Test(arguments: TestDatabase.available)
    func a_used_state_a_bogus_state_and_a_replayed_code_are_refused(_ database: TestDatabase) async throws {
        try await OAuthHarness.with(database) { h in
            let authorize = try await h.start()
            let callback = try #require(try await h.get(authorize).headers["location"])
            let first = try await h.get(callback)
            #expect(first.status == 200)
            let code = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "code" }?.value)
            let token = try #require(try await ZendeskConnections(store: h.store, secrets: h.secrets).load(name: Self.connection).credentials.oauthToken)

            // The same callback again: the state was spent.
            let again = try await h.get(callback)
            #expect(again.status == 400)
            #expect(again.body.contains("already used"))

            // A state that was never issued.
            let bogus = try await h.get(h.nodeURL + "/connect/zendesk/callback?code=whatever&state=not-a-real-state")
            #expect(bogus.status == 400)
            #expect(bogus.body.contains("unknown or was already used"))
            let none = try await h.get(h.nodeURL + "/connect/zendesk/callback?code=whatever")
            #expect(none.status == 400)

            // A fresh, valid state with the code that was already exchanged: Zendesk says invalid_grant.
            let second = try await h.start()
            let state = try #require(URLComponents(string: second)?.queryItems?.first { $0.name == "state" }?.value)
            let replay = try await h.get(h.nodeURL + "/connect/zendesk/callback?code=\(code)&state=\(state)")
            #expect(replay.status == 502)
            #expect(replay.body.contains("invalid_grant"))
            #expect(h.sandbox.requestLog().filter { $0.path == "/oauth/tokens" }.map(\.status) == [200, 400])
            // The connection still has the first token.
            #expect(try await ZendeskConnections(store: h.store, secrets: h.secrets).load(name: Self.connection).credentials == .oauth(accessToken: token))
            h.expectNothingLeaked([token, code, Self.clientSecret])
        }
    }

    @Test(arguments: TestDatabase.available)
    func denying_access_in_zendesk_stores_nothing_and_says_so(_ database: TestDatabase) async throws {
        try await OAuthHarness.with(database) { h in
            h.sandbox.setOAuthConsent(.deny)
            let authorize = try await h.start()
            let back = try await h.get(authorize)
            #expect(back.status == 302)
            let callback = try #require(back.headers["location"])
            #expect(callback.contains("error=access_denied"))
            let page = try await h.get(callback)
            #expect(page.status == 403)
            #expect(page.body.contains("Access was denied in Zendesk"))
            let stored = try await h.store.session { try await $0.connection(named: Self.connection) }
            #expect(stored == nil)
            #expect(h.sandbox.requestLog().filter { $0.path == "/oauth/tokens" }.isEmpty)
            h.expectNothingLeaked([Self.clientSecret])
        }
    }

    @Test(arguments: TestDatabase.available)
    func the_start_needs_the_admin_token_an_account_and_an_oauth_client(_ database: TestDatabase) async throws {
        try await OAuthHarness.with(database) { h in
            let base = h.nodeURL + "/connect/zendesk?connection=\(Self.connection)&base_url=\(h.sandboxURL)"
            #expect(try await h.get(base).status == 401)
            #expect(try await h.get(base + "&token=wrong").status == 401)
            let header = try await h.get(base, headers: [("Authorization", "Bearer \(Self.adminToken)")])
            #expect(header.status == 302)
            #expect(header.headers["referrer-policy"] == "no-referrer")
            let noAccount = try await h.get(h.nodeURL + "/connect/zendesk?connection=fresh&token=\(Self.adminToken)")
            #expect(noAccount.status == 400)
            #expect(noAccount.body.contains("subdomain"))
            let badName = try await h.get(h.nodeURL + "/connect/zendesk?connection=a%20b&base_url=\(h.sandboxURL)&token=\(Self.adminToken)")
            #expect(badName.status == 400)
            let unconfigured = try await h.get(h.nodeURL + "/connect/zendesk?connection=other&base_url=\(h.sandboxURL)&token=\(Self.adminToken)")
            #expect(unconfigured.status == 409)
            #expect(unconfigured.body.contains("--oauth-client-id"))
            // The authorization URL carries what Zendesk needs and no secret.
            let location = try #require(header.headers["location"])
            let items = Dictionary(uniqueKeysWithValues: (URLComponents(string: location)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(location.hasPrefix(h.sandboxURL + "/oauth/authorizations/new?"))
            #expect(items["response_type"] == "code")
            #expect(items["client_id"] == OAuthHarness.client.identifier)
            #expect(items["redirect_uri"] == h.nodeURL + "/connect/zendesk/callback")
            #expect(items["scope"] == "read write")
            #expect((items["state"] ?? "").count >= 40)
            #expect(!location.contains(Self.clientSecret))
        }
    }

    @Test(arguments: TestDatabase.available)
    func a_pending_authorization_survives_a_restart_and_expires_after_ten_minutes(_ database: TestDatabase) async throws {
        let location = database.freshLocation()
        let secrets = SecretBox(masterKey: try MasterKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "test"))
        try await withTransport(defaultTimeout: .seconds(30)) { transport in
            let clock = ManualTime(Date(timeIntervalSince1970: 1_750_000_000))
            var configuration = SandboxHarness.testConfiguration(tickets: 3)
            configuration.oauthClients = [OAuthClientRegistration(identifier: "durable", secret: "durable-secret", redirectURIs: ["http://node.invalid/connect/zendesk/callback"])]
            try await SandboxHarness.withSandbox(configuration) { sandbox, sandboxURL in
                let environment = [ZendeskOAuthApp.clientIDVariable: "durable", ZendeskOAuthApp.clientSecretVariable: "durable-secret"]
                func flow(_ store: Store) -> ZendeskOAuthConnect {
                    ZendeskOAuthConnect(connections: ZendeskConnections(store: store, secrets: secrets), transport: transport,
                                        redirectURI: "http://node.invalid/connect/zendesk/callback", environment: environment, now: { clock.now })
                }
                let first = try await Store.using(location) { store in try await flow(store).begin(connection: "durable", baseURL: sandboxURL) }
                let late = try await Store.using(location) { store in try await flow(store).begin(connection: "durable", baseURL: sandboxURL) }
                // "Restart": a new store on the same database completes what the first one began.
                try await Store.using(location) { store in
                    let http = NoRedirectHTTP()
                    defer { http.shutdown() }
                    let callback = try #require(try await http.get(first).headers["location"])
                    let items = URLComponents(string: callback)?.queryItems ?? []
                    let done = try await flow(store).complete(state: items.first { $0.name == "state" }?.value, code: items.first { $0.name == "code" }?.value,
                                                              error: nil, errorDescription: nil)
                    #expect(done.connection == "durable")
                    #expect(done.user.role == "admin")

                    clock.advance(601)
                    let lateState = URLComponents(string: late)?.queryItems?.first { $0.name == "state" }?.value
                    var messages: [String] = []
                    for _ in 0..<2 {
                        do {
                            _ = try await flow(store).complete(state: lateState, code: "x", error: nil, errorDescription: nil)
                            Issue.record("an expired authorization was accepted")
                        } catch let error as ZendeskOAuthConnectError {
                            messages.append(error.description)
                        }
                    }
                    #expect(messages.first?.contains("expired") == true)
                    #expect(messages.last?.contains("already used") == true)  // the first attempt spent it
                }
            }
        }
    }
}

extension ZendeskCredentials {
    var oauthToken: String? {
        if case .oauth(let token) = self { return token }
        return nil
    }
}

/// A time tests move by hand.
final class ManualTime: @unchecked Sendable {
    private var current: Date
    private let lock = NSLock()
    init(_ start: Date) { current = start }
    var now: Date { lock.lock(); defer { lock.unlock() }; return current }
    func advance(_ seconds: TimeInterval) { lock.lock(); current += seconds; lock.unlock() }
}

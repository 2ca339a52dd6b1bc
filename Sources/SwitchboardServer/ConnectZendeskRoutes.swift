import ConnectorKit
import Foundation
import Hummingbird
import Logging
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// `GET /connect/zendesk` and `GET /connect/zendesk/callback`: connecting a Zendesk account through Zendesk's OAuth
/// authorization-code flow, in a browser.
///
/// The start is for admins only. A browser cannot add an `Authorization` header to a link, so besides
/// `Authorization: Bearer <admin token>` it accepts the admin token as the `token` query parameter; the answer is a
/// redirect with `Referrer-Policy: no-referrer` and `Cache-Control: no-store`, so the token goes no further than this
/// node. The callback needs no admin token: the single-use `state` it must carry is the proof that an admin started
/// it here. Pages say what happened and never show the code, the client secret or the token.
struct ConnectZendeskRoutes: Sendable {
    let store: Store
    let secrets: SecretBox?
    let transport: any HTTPTransport
    let adminToken: String?
    let publicURL: String
    let logger: Logger
    var environment: [String: String] = ProcessInfo.processInfo.environment

    func register(on router: Router<BasicRequestContext>) {
        router.get("connect/zendesk") { request, _ in await start(request) }
        router.get("connect/zendesk/callback") { request, _ in await callback(request) }
    }

    private func flow(_ secrets: SecretBox) -> ZendeskOAuthConnect {
        ZendeskOAuthConnect(connections: ZendeskConnections(store: store, secrets: secrets), transport: transport,
                            redirectURI: ZendeskOAuthConnect.redirectURI(publicURL: publicURL), environment: environment)
    }

    func start(_ request: Request) async -> Response {
        guard let adminToken, !adminToken.isEmpty else {
            return ConnectZendeskPage.make(.unauthorized, title: "Admin access is disabled",
                                           message: "Start switchboard serve with --admin-token or SWITCHBOARD_ADMIN_TOKEN to connect accounts from a browser.")
        }
        let query = request.uri.queryParameters
        let presented = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            ?? query["token"].map(String.init) ?? ""
        guard AdminAuthMiddleware<BasicRequestContext>.equal(Array(presented.utf8), Array(adminToken.utf8)) else {
            return ConnectZendeskPage.make(.unauthorized, title: "Not allowed",
                                           message: "Missing or wrong admin token: open /connect/zendesk?connection=NAME&subdomain=SUBDOMAIN&token=ADMIN_TOKEN.")
        }
        guard let secrets else {
            return ConnectZendeskPage.make(.serviceUnavailable, title: "No master key",
                                           message: "This node has no master key, so it cannot store credentials. Set SWITCHBOARD_MASTER_KEY or a key file and restart.")
        }
        let connection = query["connection"].map(String.init) ?? "default"
        let baseURL: String
        do {
            baseURL = try await resolveBaseURL(connection: connection, subdomain: query["subdomain"].map(String.init),
                                               url: (query["base_url"] ?? query["url"]).map(String.init))
        } catch {
            return ConnectZendeskPage.make(.badRequest, title: "Which Zendesk account?", message: String(describing: error))
        }
        do {
            return ConnectZendeskPage.redirect(to: try await flow(secrets).begin(connection: connection, baseURL: baseURL))
        } catch let error as ZendeskOAuthConnectError {
            if case .notConfigured = error {
                return ConnectZendeskPage.make(.conflict, title: "No OAuth client configured", message: error.description)
            }
            return ConnectZendeskPage.make(.badRequest, title: "Cannot connect Zendesk", message: error.description)
        } catch {
            logger.error("Zendesk OAuth start failed", metadata: ["connection": "\(connection)", "error": "\(String(describing: type(of: error)))"])
            return ConnectZendeskPage.make(.internalServerError, title: "Cannot connect Zendesk", message: "An internal error occurred; see the node's log.")
        }
    }

    /// `subdomain` → `https://SUBDOMAIN.zendesk.com`, or an explicit `base_url`, or the connection's current account.
    private func resolveBaseURL(connection: String, subdomain: String?, url: String?) async throws -> String {
        switch (subdomain, url) {
        case (let subdomain?, nil): return try ZendeskConfiguration.baseURL(subdomain: subdomain)
        case (nil, let url?): return try ZendeskConfiguration.baseURL(url: url)
        case (nil, nil):
            if let existing = try await store.session({ try await $0.connection(named: connection) }), existing.kind == ZendeskConnections.kind {
                return existing.baseURL
            }
            throw ConnectZendeskParameterError("give subdomain=NAME (for NAME.zendesk.com) or base_url=URL")
        default: throw ConnectZendeskParameterError("give either subdomain or base_url, not both")
        }
    }

    func callback(_ request: Request) async -> Response {
        guard let secrets else {
            return ConnectZendeskPage.make(.serviceUnavailable, title: "No master key", message: "This node has no master key, so it cannot store credentials.")
        }
        let query = request.uri.queryParameters
        do {
            let done = try await flow(secrets).complete(state: query["state"].map(String.init), code: query["code"].map(String.init),
                                                        error: query["error"].map(String.init), errorDescription: query["error_description"].map(String.init))
            logger.info("Zendesk connected through OAuth", metadata: ["connection": "\(done.connection)", "zendesk": "\(done.baseURL)"])
            let who = [done.user.name, done.user.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            return ConnectZendeskPage.make(.ok, title: "Zendesk connected", message: """
                Connection "\(done.connection)" now reaches \(done.baseURL) as \(who.isEmpty ? "the authorizing admin" : who) \
                with an OAuth token (scope: \(done.scope ?? ZendeskOAuthConnect.scope)), stored encrypted. You can close this window.
                """)
        } catch let error as ZendeskOAuthConnectError {
            logger.warning("Zendesk OAuth callback refused", metadata: ["reason": "\(error.description)"])
            return ConnectZendeskPage.make(Self.status(error), title: Self.title(error), message: error.description)
        } catch {
            logger.error("Zendesk OAuth callback failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            return ConnectZendeskPage.make(.internalServerError, title: "Zendesk was not connected", message: "An internal error occurred; see the node's log.")
        }
    }

    static func status(_ error: ZendeskOAuthConnectError) -> HTTPResponse.Status {
        switch error {
        case .denied: return .forbidden
        case .exchangeFailed, .verificationFailed: return .badGateway
        case .notConfigured: return .conflict
        case .invalidConnectionName, .missingState, .unknownState, .expiredState, .missingCode: return .badRequest
        }
    }

    static func title(_ error: ZendeskOAuthConnectError) -> String {
        switch error {
        case .denied: return "Zendesk access denied"
        case .unknownState, .expiredState, .missingState: return "This link cannot be used"
        default: return "Zendesk was not connected"
        }
    }
}

/// A `/connect/zendesk` query that does not say which account to connect.
struct ConnectZendeskParameterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

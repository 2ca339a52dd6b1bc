import Foundation
import Testing
@testable import Sandbox

@Suite struct AuthenticationTests {
    private let exactBody = #"{"error":"Couldn't authenticate you"}"#

    @Test func api_token_authenticates_its_owner() async throws {
        try await SandboxHarness.with { harness in
            let result = try await harness.get("/api/v2/users/me.json")
            #expect(result.status == 200)
            #expect(result.json.at("user", "email").string == "admin@example.com")
            #expect(result.json.at("user", "role").string == "admin")
            #expect(result.json.at("user", "authenticity_token").string != nil)
        }
    }

    @Test func failures_return_zendesks_exact_401() async throws {
        try await SandboxHarness.with { harness in
            let attempts: [SandboxHarness.Auth] = [
                .basic(email: "someone.else@example.com", token: SandboxHarness.token),  // right token, wrong user
                .basic(email: SandboxHarness.email, token: "wrong-token"),
                .bearer("unknown-oauth-token"),
                .none,
            ]
            for auth in attempts {
                let result = try await harness.get("/api/v2/tickets/1.json", auth: auth)
                #expect(result.status == 401)
                #expect(result.text == exactBody)
                #expect(result.header("Content-Type") == "application/json; charset=utf-8")
            }
        }
    }

    @Test func password_style_basic_auth_is_refused() async throws {
        try await SandboxHarness.with { harness in
            let header = "Basic " + Array("admin@example.com:sandbox-token".utf8).base64()
            let result = try await harness.send(.GET, "/api/v2/users/me", auth: .none,
                                                headers: [("Authorization", header)])
            #expect(result.status == 401)
        }
    }

    @Test func bearer_tokens_authenticate_as_the_admin() async throws {
        try await SandboxHarness.with(configure: { $0.oauthTokens = ["oauth-123"] }) { harness in
            let result = try await harness.get("/api/v2/users/me", auth: .bearer("oauth-123"))
            #expect(result.status == 200)
            #expect(result.json.at("user", "id").int == 360_000_000_001)
        }
    }

    @Test func tokens_of_other_users_authenticate_those_users() async throws {
        let agentEmail = BaseDataset(layout: DatasetLayout(configuration: .init(seed: 7, ticketCount: 40))).userEmail(2)
        try await SandboxHarness.with(configure: {
            $0.credentials = ["admin@example.com": "sandbox-token", agentEmail: "agent-token"]
        }) { harness in
            let me = try await harness.get("/api/v2/users/me", auth: .basic(email: agentEmail, token: "agent-token"))
            #expect(me.json.at("user", "email").string == agentEmail)
            let crossed = try await harness.get("/api/v2/users/me", auth: .basic(email: agentEmail, token: "sandbox-token"))
            #expect(crossed.status == 401)
        }
    }

    @Test func failed_authentication_is_logged_and_consumes_no_budget() async throws {
        try await SandboxHarness.with(configure: { $0.rateLimits = try! RateLimitSpec(parsing: "account=5/60s") }) { harness in
            _ = try await harness.get("/api/v2/tickets/1", auth: .none)
            let ok = try await harness.get("/api/v2/tickets/1")
            #expect(ok.intHeader("x-rate-limit-remaining") == 4)
            let log = harness.sandbox.requestLog()
            #expect(log.map(\.authFailed) == [true, false])
        }
    }
}

extension Array where Element == UInt8 {
    func base64() -> String {
        Data(self).base64EncodedString()
    }
}

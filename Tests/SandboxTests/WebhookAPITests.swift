import Foundation
import Testing
@testable import Sandbox

@Suite struct WebhookAPITests {
    @Test func webhooks_are_created_listed_updated_and_deleted() async throws {
        try await SandboxHarness.with { harness in
            let body = #"{"webhook":{"name":"Orders","endpoint":"https://example.com/hook","http_method":"POST","request_format":"json","status":"active","subscriptions":["conditional_ticket_events"],"authentication":{"type":"basic_auth","add_position":"header","data":{"username":"flow","password":"s3cret"}}}}"#
            let created = try await harness.send(.POST, "/api/v2/webhooks", json: body)
            #expect(created.status == 201)
            let webhook = created.json.at("webhook")
            let id = try #require(webhook.at("id").string)
            #expect(matches(id, "[0-9A-HJKMNP-TV-Z]{26}"))
            #expect(webhook.at("subscriptions").array == [.string("conditional_ticket_events")])
            #expect(webhook.at("authentication", "data", "username").string == "flow")
            #expect(!created.text.contains("s3cret"))
            #expect(webhook.at("created_by").string == String(harness.sandbox.adminUserID))
            #expect(matches(webhook.at("created_at").string, #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z"#))

            let shown = try await harness.get("/api/v2/webhooks/\(id).json")
            #expect(shown.json.at("webhook", "name").string == "Orders")
            let patched = try await harness.send(.PATCH, "/api/v2/webhooks/\(id)", json: #"{"webhook":{"status":"inactive"}}"#)
            #expect(patched.status == 204)
            #expect(patched.body.isEmpty)
            #expect(try await harness.get("/api/v2/webhooks/\(id)").json.at("webhook", "status").string == "inactive")

            _ = try await harness.createWebhook(endpoint: "https://example.com/other", subscriptions: ["zen:event-type:ticket.created"],
                                                name: "Audit trail")
            let list = try await harness.get("/api/v2/webhooks?page[size]=1")
            #expect(list.json.at("webhooks").array.count == 1)
            #expect(list.json.at("meta", "has_more") == .bool(true))
            let filtered = try await harness.get("/api/v2/webhooks?filter[name_contains]=audit")
            #expect(filtered.json.at("webhooks").array.compactMap { $0.at("name").string } == ["Audit trail"])

            #expect(try await harness.send(.DELETE, "/api/v2/webhooks/\(id)").status == 204)
            #expect(try await harness.get("/api/v2/webhooks/\(id)").status == 404)
        }
    }

    @Test func signing_secrets_are_44_characters_of_base64_and_rotate() async throws {
        try await SandboxHarness.with { harness in
            let id = try await harness.createWebhook(endpoint: "https://example.com/hook",
                                                     subscriptions: ["conditional_ticket_events"])
            let shown = try await harness.get("/api/v2/webhooks/\(id)/signing_secret")
            #expect(shown.status == 200)
            #expect(shown.json.at("signing_secret", "algorithm").string == "SHA256")
            let secret = try #require(shown.json.at("signing_secret", "secret").string)
            #expect(secret.count == 44)
            #expect(Data(base64Encoded: secret)?.count == 32)
            #expect(harness.sandbox.webhookSecret(id: id) == secret)

            let rotated = try await harness.send(.POST, "/api/v2/webhooks/\(id)/signing_secret")
            #expect(rotated.status == 201)
            let fresh = try #require(rotated.json.at("signing_secret", "secret").string)
            #expect(fresh != secret && fresh.count == 44)
            #expect(harness.sandbox.webhookSecret(id: id) == fresh)
        }
    }

    @Test func invalid_webhooks_get_record_invalid() async throws {
        try await SandboxHarness.with { harness in
            let missing = try await harness.send(.POST, "/api/v2/webhooks", json: #"{"webhook":{"name":"x"}}"#)
            #expect(missing.status == 422)
            #expect(missing.json.at("error").string == "RecordInvalid")
            #expect(missing.json.at("details", "endpoint").array.first?.at("error").string == "BlankValue")
            #expect(missing.json.at("details", "subscriptions").array.first?.at("error").string == "BlankValue")

            let base = #""name":"x","endpoint":"https://example.com/h","http_method":"POST","request_format":"json","status":"active""#
            let mixed = try await harness.send(.POST, "/api/v2/webhooks", json: "{\"webhook\":{\(base),\"subscriptions\":[\"conditional_ticket_events\",\"zen:event-type:ticket.created\"]}}")
            #expect(mixed.json.at("details", "subscriptions").array.first?.at("error").string == "InvalidValue")
            let badURL = try await harness.send(.POST, "/api/v2/webhooks", json: #"{"webhook":{"name":"x","endpoint":"not a url","http_method":"POST","request_format":"json","status":"active","subscriptions":["conditional_ticket_events"]}}"#)
            #expect(badURL.json.at("details", "endpoint").array.first?.at("error").string == "InvalidValue")
            let eventsByGet = try await harness.send(.POST, "/api/v2/webhooks", json: #"{"webhook":{"name":"x","endpoint":"https://e.example/h","http_method":"GET","request_format":"json","status":"active","subscriptions":["zen:event-type:ticket.created"]}}"#)
            #expect(eventsByGet.status == 422)

            let id = try await harness.createWebhook(endpoint: "https://example.com/h", subscriptions: ["conditional_ticket_events"])
            let switched = try await harness.send(.PUT, "/api/v2/webhooks/\(id)", json: #"{"webhook":{"subscriptions":["zen:event-type:ticket.created"]}}"#)
            #expect(switched.status == 422)
            #expect(throws: ZendeskSandboxError.self) {
                try harness.sandbox.createWebhook(name: "bad", endpoint: "ftp://x", subscriptions: ["conditional_ticket_events"])
            }
        }
    }

    @Test func signatures_match_the_reference_test_vectors() {
        let secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="
        let body = Array(#"{"type":"zen:event-type:user.deleted","account_id":1}"#.utf8)
        #expect(WebhookSignature.sign(secret: secret, timestamp: "2021-03-25T05:09:27Z", body: body)
            == "kdEMMJHXVxsx5DlVk89rHoYnKzDtfO0P4+xMmgl0Xz8=")
        #expect(WebhookSignature.sign(secret: secret, timestamp: "2021-03-25T05:09:27Z", body: [])
            == "wCdBvXaHttn0wRVIYctzZ9O6O0bnqWakJMEKZ9VoRWw=")
        #expect(WebhookSignature.sign(secret: "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=",
                                      timestamp: "2021-07-25T10:00:00Z", body: Array(#"{"say": "hello"}"#.utf8))
            == "Rry/4TtIdFyawtXXp8QdI6tlAUUQ/5kL1OTp5qo/ZIk=")
    }

    @Test func retry_policy_follows_zendesk_rules() {
        let options = WebhookDeliveryOptions(retryDelays: [.milliseconds(10), .milliseconds(20)], retryAfterScale: 0.5)
        var policy = WebhookRetryPolicy()
        var decisions: [WebhookRetryPolicy.Decision] = []
        for _ in 0..<6 { decisions.append(policy.decide(.timeout, options: options)) }
        #expect(decisions == [.retry(after: .milliseconds(10)), .retry(after: .milliseconds(20)),
                              .retry(after: .milliseconds(20)), .retry(after: .milliseconds(20)),
                              .retry(after: .milliseconds(20)), .gaveUp])
        var conflicts = WebhookRetryPolicy()
        let conflictDecisions = (0..<4).map { _ in conflicts.decide(.response(status: 409, retryAfter: nil), options: options) }
        #expect(conflictDecisions.last == .gaveUp && conflictDecisions.dropLast().allSatisfy { $0 != .gaveUp })
        var throttled = WebhookRetryPolicy()
        #expect(throttled.decide(.response(status: 429, retryAfter: 2), options: options) == .retry(after: .seconds(1)))
        #expect(throttled.decide(.response(status: 503, retryAfter: 60), options: options) == .gaveUp)
        #expect(throttled.decide(.response(status: 503, retryAfter: nil), options: options) == .gaveUp)
        #expect(throttled.decide(.response(status: 500, retryAfter: 1), options: options) == .gaveUp)
        #expect(throttled.decide(.response(status: 204, retryAfter: nil), options: options) == .succeeded)
    }
}

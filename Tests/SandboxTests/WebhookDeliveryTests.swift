import Foundation
import Testing
@testable import Sandbox

@Suite struct WebhookDeliveryTests {
    @Test func ticket_events_arrive_signed_with_the_fixed_envelope() async throws {
        try await SandboxHarness.withReceiver { harness, receiver in
            let events = ["created", "comment_added", "status_changed"].map { "zen:event-type:ticket.\($0)" }
            let first = try await harness.createWebhook(endpoint: receiver.url, subscriptions: events)
            let second = try await harness.createWebhook(endpoint: receiver.url, subscriptions: [events[0]])
            let secrets = [first: try #require(harness.sandbox.webhookSecret(id: first)),
                           second: try #require(harness.sandbox.webhookSecret(id: second))]

            let created = try await harness.send(.POST, "/api/v2/tickets", json: #"{"ticket":{"subject":"Printer jam","comment":{"body":"Page 12 is torn."},"requester":{"name":"Ada Quill","email":"ada@quill.example"}}}"#)
            let ticketID = try #require(created.json.at("ticket", "id").int)
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(60)))
            let creations = receiver.received()
            #expect(creations.count == 2)
            #expect(Set(creations.compactMap { $0.header("X-Zendesk-Webhook-Id") }) == [first, second])
            #expect(Set(creations.compactMap { $0.json.at("id").string }).count == 1)  // one event, one id

            for request in creations {
                #expect(request.method == "POST")
                #expect(request.header("Content-Type") == "application/json; charset=utf-8")
                #expect(request.header("User-Agent") == "Zendesk Webhook")
                #expect(request.header("X-Zendesk-Account-Id") == String(request.json.at("account_id").int ?? -1))
                #expect(matches(request.header("X-Zendesk-Webhook-Invocation-Id"), "[0-9A-HJKMNP-TV-Z]{26}"))
                let timestamp = try #require(request.header("X-Zendesk-Webhook-Signature-Timestamp"))
                #expect(timestamp == "2025-06-01T00:00:00Z")
                let secret = try #require(secrets[request.header("X-Zendesk-Webhook-Id") ?? ""])
                #expect(request.header("X-Zendesk-Webhook-Signature")
                    == expectedSignature(secret: secret, timestamp: timestamp, body: request.body))

                let event = request.json
                #expect(event.at("type").string == "zen:event-type:ticket.created")
                #expect(matches(event.at("id").string, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                #expect(matches(event.at("time").string, #"2025-06-01T00:00:00\.\d{1,9}Z"#))
                #expect(event.at("zendesk_event_version").string == "2022-11-06")
                #expect(event.at("subject").string == "zen:ticket:\(ticketID)")
                #expect(event.at("event") == .object([:]))
                let detail = event.at("detail")
                #expect(detail.at("id") == .string(String(ticketID)))
                #expect(detail.at("assignee_id") == .string("0"))
                #expect(detail.at("requester_id").string.flatMap { Int64($0) } == created.json.at("ticket", "requester_id").int)
                #expect(detail.at("status").string?.lowercased() == "new")
                #expect(detail.at("subject").string == "Printer jam")
                #expect(detail.at("via", "channel").string == "web_service")
            }

            harness.clock.advance(seconds: 5)
            let updated = try await harness.send(.PUT, "/api/v2/tickets/\(ticketID)", json: #"{"ticket":{"status":"pending","comment":{"body":"Sent a new copy.","public":false}}}"#)
            #expect(updated.status == 200)
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(60)))
            let changes = receiver.received().dropFirst(2).map(\.json)
            #expect(Set(changes.compactMap { $0.at("type").string }) == Set(events.dropFirst()))
            let comment = try #require(changes.first { $0.at("type").string == events[1] }).at("event", "comment")
            #expect(comment.at("body").string == "Sent a new copy.")
            #expect(comment.at("is_public") == .bool(false))
            #expect(comment.at("id").string != nil)
            #expect(comment.at("author", "id") == .string(String(harness.sandbox.adminUserID)))
            #expect(comment.at("author", "is_staff") == .bool(true))
            #expect(comment.at("author", "name").string == "Sandbox Admin")
            let status = try #require(changes.first { $0.at("type").string == events[2] }).at("event")
            #expect(status.at("current").string?.lowercased() == "pending")
            #expect(status.at("previous").string?.lowercased() == "new")
            #expect(status.at("meta", "sequence", "total").int == 2)
        }
    }

    @Test func swift_api_changes_fire_events_too() async throws {
        try await SandboxHarness.withReceiver { harness, receiver in
            _ = try harness.sandbox.createWebhook(name: "tags", endpoint: receiver.url,
                                                  subscriptions: ["zen:event-type:ticket.tags_changed",
                                                                  "zen:event-type:ticket.soft_deleted"])
            let id = try harness.sandbox.createTicket(subject: "Tagged", body: "Body", tags: ["a"])
            try harness.sandbox.addTags(ticketID: id, ["b"])
            try harness.sandbox.deleteTicket(id: id)
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(60)))
            // Delivery order is not guaranteed (as in Zendesk), so look events up by type.
            let received = Dictionary(receiver.received().map { ($0.json.at("type").string ?? "", $0.json) },
                                      uniquingKeysWith: { first, _ in first })
            #expect(received.count == 2)
            let tags = try #require(received["zen:event-type:ticket.tags_changed"])
            #expect(tags.at("event", "current") == .array([.string("a"), .string("b")]))
            #expect(tags.at("event", "previous") == .array([.string("a")]))
            #expect(tags.at("event", "tags_added") == .array([.string("b")]))
            let deleted = try #require(received["zen:event-type:ticket.soft_deleted"])
            #expect(deleted.at("detail", "status").string?.lowercased() == "deleted")
        }
    }

    @Test func duplicates_follow_the_configured_probability() async throws {
        // A generous timeout: an attempt that times out on a loaded machine is retried, which is a third delivery
        // this test is not about.
        try await SandboxHarness.withReceiver(delivery: WebhookDeliveryOptions(
            duplicateProbability: 1, timeout: .seconds(30), retryDelays: [.milliseconds(20)])) { harness, receiver in
            _ = try harness.sandbox.createWebhook(name: "dup", endpoint: receiver.url,
                                                  subscriptions: ["zen:event-type:ticket.created"])
            try harness.sandbox.createTicket(subject: "Twice", body: "Body")
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(60)))
            let received = receiver.received()
            #expect(received.count == 2)
            #expect(received[0].body == received[1].body)
            #expect(received[0].header("X-Zendesk-Webhook-Invocation-Id") == received[1].header("X-Zendesk-Webhook-Invocation-Id"))
            #expect(harness.sandbox.webhookDeliveries().map(\.isDuplicate) == [false, true])

            harness.sandbox.setWebhookDelivery(.fastForTests)
            try harness.sandbox.createTicket(subject: "Once", body: "Body")
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(60)))
            #expect(receiver.received().count == 3)
        }
    }

    @Test func refused_connections_are_retried_until_the_receiver_is_up() async throws {
        let receiver = WebhookReceiver()
        let port = try await receiver.start()
        await receiver.stop()
        try await SandboxHarness.with(configure: {
            // A generous timeout: on a loaded machine a slow answer must not count as a failure and be delivered twice.
            $0.webhookDelivery = WebhookDeliveryOptions(duplicateProbability: 0, timeout: .seconds(30),
                                                        retryDelays: [.milliseconds(300)])
        }) { harness in
            _ = try harness.sandbox.createWebhook(name: "late", endpoint: receiver.url,
                                                  subscriptions: ["zen:event-type:ticket.created"])
            try harness.sandbox.createTicket(subject: "Early", body: "Body")
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(5)
            while harness.sandbox.webhookDeliveries().isEmpty && clock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(harness.sandbox.webhookDeliveries().first?.error != nil)
            try await receiver.start(port: port)
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(60)))
            await receiver.stop()
            let attempts = harness.sandbox.webhookDeliveries()
            #expect(attempts.count >= 2 && attempts.count <= 6)
            #expect(attempts.last?.statusCode == 200)
            #expect(attempts.dropLast().allSatisfy { $0.statusCode == nil && $0.error != nil })
            #expect(attempts.map(\.attempt) == Array(1...attempts.count))
            #expect(receiver.received().count == 1)
        }
    }

    @Test func timeouts_are_retried() async throws {
        try await SandboxHarness.withReceiver(delivery: WebhookDeliveryOptions(
            duplicateProbability: 0, timeout: .seconds(1), retryDelays: [.milliseconds(20)])) { harness, receiver in
            receiver.script([.init(delay: .seconds(3))])
            _ = try harness.sandbox.createWebhook(name: "slow", endpoint: receiver.url,
                                                  subscriptions: ["zen:event-type:ticket.created"])
            try harness.sandbox.createTicket(subject: "Slow", body: "Body")
            #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(30)))
            let attempts = harness.sandbox.webhookDeliveries()
            #expect(attempts.first?.error == "timeout")
            #expect(attempts.dropLast().allSatisfy { $0.error == "timeout" && $0.statusCode == nil })
            #expect(attempts.last?.statusCode == 200)
            #expect(receiver.received().count == attempts.count)
        }
    }

    @Test func status_codes_decide_retries() async throws {
        try await SandboxHarness.withReceiver { harness, receiver in
            let webhookID = try harness.sandbox.createWebhook(name: "codes", endpoint: receiver.url,
                                                              subscriptions: ["zen:event-type:ticket.created"]).id
            func deliver(_ replies: [WebhookReceiver.Reply]) async throws -> [Int?] {
                harness.sandbox.clearWebhookDeliveries()
                receiver.script(replies)
                try harness.sandbox.createTicket(subject: "Codes", body: "Body")
                #expect(await harness.sandbox.waitForDeliveries(timeout: .seconds(60)))
                return harness.sandbox.webhookDeliveries().map(\.statusCode)
            }
            #expect(try await deliver([.init(status: 503, headers: ["Retry-After": "2"])]) == [503, 200])
            #expect(try await deliver([.init(status: 429, headers: ["Retry-After": "1"]),
                                       .init(status: 429, headers: ["Retry-After": "1"])]) == [429, 429, 200])
            #expect(try await deliver([.init(status: 503, headers: ["Retry-After": "120"])]) == [503])
            #expect(try await deliver([.init(status: 503)]) == [503])
            #expect(try await deliver([.init(status: 400)]) == [400])
            #expect(try await deliver([.init(status: 500)]) == [500])
            #expect(try await deliver(Array(repeating: .init(status: 409), count: 5)) == [409, 409, 409, 409])

            let invocations = try await harness.get("/api/v2/webhooks/\(webhookID)/invocations")
            let newest = invocations.json.at("invocations").array.first
            #expect(newest?.at("status").string == "client error")
            #expect(newest?.at("status_code").int == 409)
            let invocationID = try #require(newest?.at("id").string)
            let attempts = try await harness.get("/api/v2/webhooks/\(webhookID)/invocations/\(invocationID)/attempts")
            #expect(attempts.json.at("attempts").array.count == 4)
            #expect(attempts.json.at("attempts").array.first?.at("request", "payload").string?.contains("ticket.created") == true)
        }
    }
}

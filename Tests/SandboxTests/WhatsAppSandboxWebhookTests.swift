import Foundation
import Testing
@testable import Sandbox

/// Webhooks: the handshake, the signature over the exact bytes, escaping, statuses, retries and duplicates.
@Suite struct WhatsAppSandboxWebhookTests {
    @Test func handshakeRunsOnceBeforeDeliveries() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.receive(from: "447700900123", .text("Hello"))
            harness.sandbox.receive(from: "447700900124", .text("Hello too"))
            #expect(await harness.sandbox.waitUntilIdle(timeout: .seconds(60)))
            let handshakes = harness.receiver.handshakes()
            #expect(handshakes.count == 1)
            let query = QueryItems(handshakes.first?.query)
            #expect(query["hub.mode"] == "subscribe")
            #expect(query["hub.verify_token"] == WhatsAppSandboxConfiguration.defaultVerifyToken)
            #expect(query["hub.challenge"]?.isEmpty == false)
            #expect(harness.sandbox.webhookVerification.state == .passed)
            #expect(harness.receiver.posts().count == 2)
        }
    }

    @Test func failedHandshakeStopsDelivery() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.receiver.expectVerifyToken("something-else")
            harness.sandbox.receive(from: "447700900123", .text("Hello"))
            #expect(await harness.sandbox.waitUntilIdle(timeout: .seconds(60)))
            #expect(harness.sandbox.webhookVerification.state == .failed)
            #expect(harness.receiver.posts().isEmpty)
            #expect(harness.sandbox.webhooks().first?.state == .notVerified)
            let state = try await harness.admin(.GET, "/webhook")
            #expect(state.json.at("verification").string == "failed")
        }
    }

    @Test func signatureIsHMACOverExactBytesAndNonASCIIIsEscaped() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.setContact("447700900123", name: "Zoë Ångström")
            harness.sandbox.receive(from: "447700900123", .text("Grüße — ready 📚"))
            #expect(await harness.sandbox.waitUntilIdle(timeout: .seconds(60)))
            let post = try #require(harness.receiver.posts().first)
            #expect(post.headers["x-hub-signature-256"] == WhatsAppSandboxHarness.expectedSignature(post.body))
            #expect(post.headers["x-hub-signature-256"] != WhatsAppSandboxHarness.expectedSignature(post.body, secret: "other"))
            #expect(post.body.allSatisfy { $0 < 0x80 })
            #expect(post.text.contains(#"Gr\u00fc\u00dfe \u2014 ready \ud83d\udcda"#))
            #expect(post.text.contains(#"Zo\u00eb \u00c5ngstr\u00f6m"#))
            #expect(post.json.at("object").string == "whatsapp_business_account")
            let entry = try #require(post.json.at("entry").array.first)
            #expect(entry.at("id").string == harness.sandbox.configuration.businessAccountID)
            #expect(entry.at("changes").array.first?.at("field").string == "messages")
            #expect(post.value.at("metadata", "phone_number_id").string == harness.phoneNumberID)
            #expect(post.value.at("contacts").array.first?.at("profile", "name").string == "Zoë Ångström")
            #expect(post.value.at("messages").array.first?.at("text", "body").string == "Grüße — ready 📚")
        }
    }

    @Test func freeFormOutsideWindowFailsAsynchronouslyWith131047() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let result = try await harness.sendText("Are you there?", to: "447700900123")
            #expect(result.status == 200)
            let wamid = try #require(result.json.at("messages").array.first?.at("id").string)
            #expect(await WhatsAppSandboxHarness.eventually { Set(harness.receiver.statuses(of: wamid)) == ["failed"] })
            let status = try #require(harness.receiver.posts().flatMap { $0.value.at("statuses").array }.first)
            #expect(status.at("errors").array.first?.at("code").int == 131047)
            #expect(status.at("recipient_id").string == "447700900123")
            #expect(harness.sandbox.serviceWindow(for: "447700900123").isOpen == false)
            // A template goes through, and an inbound message opens the window for free-form text.
            let template = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","to":"447700900123","type":"template","biz_opaque_callback_data":"req-42","template":{"name":"switchboard_notice","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Proofs are ready"}]}]}}"#)
            let templateID = try #require(template.json.at("messages").array.first?.at("id").string)
            #expect(await WhatsAppSandboxHarness.eventually { Set(harness.receiver.statuses(of: templateID)) == ["sent", "delivered", "read"] })
            let sent = try #require(harness.receiver.posts().flatMap { $0.value.at("statuses").array }.first { $0.at("id").string == templateID && $0.at("status").string == "sent" })
            #expect(sent.at("biz_opaque_callback_data").string == "req-42")
            #expect(sent.at("pricing", "category").string == "utility")
            #expect(sent.at("conversation", "id").string?.count == 32)
            #expect(harness.sandbox.serviceWindow(for: "447700900123").isOpen == false)
            harness.sandbox.receive(from: "447700900123", .text("Yes"))
            #expect(harness.sandbox.serviceWindow(for: "447700900123").isOpen)
            let reply = try await harness.sendText("Thanks!", to: "447700900123")
            let replyID = try #require(reply.json.at("messages").array.first?.at("id").string)
            #expect(await WhatsAppSandboxHarness.eventually { Set(harness.receiver.statuses(of: replyID)) == ["sent", "delivered", "read"] })
        }
    }

    @Test func retriesAfterReceiverErrors() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.receiver.script([500, 503])
            harness.sandbox.receive(from: "447700900123", .text("Hello"))
            #expect(await harness.sandbox.waitUntilIdle(timeout: .seconds(60)))
            let record = try #require(harness.sandbox.webhooks().first)
            #expect(record.attempts == 3)
            #expect(record.responseStatuses == [500, 503, 200])
            #expect(record.state == .delivered)
            let posts = harness.receiver.posts()
            #expect(posts.count == 3)
            #expect(Set(posts.map(\.body)).count == 1)
            let listed = try await harness.admin(.GET, "/webhooks")
            #expect(listed.json.at("data").array.first?.at("attempts").int == 3)
        }
    }

    @Test func duplicatesAreSentByteForByte() async throws {
        try await WhatsAppSandboxHarness.with(configure: { $0.webhookDelivery.duplicateProbability = 1 }) { harness in
            let message = harness.sandbox.receive(from: "447700900123", .text("Hello"))
            #expect(await harness.sandbox.waitUntilIdle(timeout: .seconds(60)))
            let copies = harness.receiver.posts().filter { $0.value.at("messages").array.first?.at("id").string == message.id }
            #expect(copies.count == 2)
            #expect(copies.first?.body == copies.last?.body)
            #expect(copies.first?.headers["x-hub-signature-256"] == copies.last?.headers["x-hub-signature-256"])
            #expect(harness.sandbox.webhooks().first?.duplicatesSent == 1)
        }
    }
}

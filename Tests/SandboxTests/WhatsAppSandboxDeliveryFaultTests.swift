import Foundation
@testable import Sandbox
import Testing

/// A delivery fault makes the sandbox accept a send (200 and a wamid, like any other) and then report it `failed` with
/// the injected code by status webhook — only for the chosen recipient, only as many times as asked — so clients can
/// prove what they do with a message that failed after it was accepted.
@Suite struct WhatsAppSandboxDeliveryFaultTests {
    @Test func anInjectedDeliveryFaultAcceptsTheSendThenReportsItFailedWithTheCode() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.receive(from: "447700900123", .text("Hello"))
            harness.sandbox.receive(from: "447700900124", .text("Hello"))
            harness.sandbox.injectDeliveryFault(WhatsAppDeliveryFault(code: 131000, details: "try again later", recipient: "+44 7700 900123"))
            #expect(harness.sandbox.pendingDeliveryFaults().map(\.recipient) == ["447700900123"])

            // Another recipient is not affected.
            let other = try await harness.sendText("Proofs are ready", to: "447700900124")
            #expect(other.status == 200)
            let otherID = try #require(other.json.at("messages").array.first?.at("id").string)

            let failing = try await harness.sendText("Proofs are ready", to: "447700900123")
            #expect(failing.status == 200)
            let failingID = try #require(failing.json.at("messages").array.first?.at("id").string)
            #expect(harness.sandbox.pendingDeliveryFaults().isEmpty)

            // The fault is used up: the next message to the same person is delivered.
            let next = try await harness.sendText("And the cover", to: "447700900123")
            let nextID = try #require(next.json.at("messages").array.first?.at("id").string)

            #expect(await WhatsAppSandboxHarness.eventually { harness.receiver.statuses(of: failingID) == ["failed"] })
            #expect(await WhatsAppSandboxHarness.eventually { Set(harness.receiver.statuses(of: otherID)) == ["sent", "delivered", "read"] })
            #expect(await WhatsAppSandboxHarness.eventually { Set(harness.receiver.statuses(of: nextID)) == ["sent", "delivered", "read"] })
            let status = try #require(harness.receiver.posts().flatMap { $0.value.at("statuses").array }.first { $0.at("id").string == failingID })
            let error = try #require(status.at("errors").array.first)
            #expect(error.at("code").int == 131000)
            #expect(error.at("error_data", "details").string == "try again later")
            #expect(harness.sandbox.sentMessage(failingID)?.statuses.map(\.errorCode) == [131000])
        }
    }

    @Test func aDeliveryFaultForAnyoneCountsDownAndCanBeCleared() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            harness.sandbox.injectDeliveryFault(WhatsAppDeliveryFault(count: 2, code: 131049))
            let template = #"{"messaging_product":"whatsapp","to":"447700900125","type":"template","template":{"name":"switchboard_notice","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Hi"}]}]}}"#
            let first = try await harness.sendMessage(template)
            #expect(first.status == 200)
            #expect(harness.sandbox.pendingDeliveryFaults().first?.count == 1)
            harness.sandbox.clearDeliveryFaults()
            let second = try await harness.sendMessage(template)
            let firstID = try #require(first.json.at("messages").array.first?.at("id").string)
            let secondID = try #require(second.json.at("messages").array.first?.at("id").string)
            #expect(await WhatsAppSandboxHarness.eventually { harness.receiver.statuses(of: firstID) == ["failed"] })
            #expect(await WhatsAppSandboxHarness.eventually { Set(harness.receiver.statuses(of: secondID)) == ["sent", "delivered", "read"] })
        }
    }

    @Test func deliveryFaultsAreManagedOverTheAdminEndpoints() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let added = try await harness.admin(.POST, "/delivery-faults", #"{"code": 131026, "count": 2, "wa_id": "+44 7700 900126"}"#)
            #expect(added.status == 201)
            let listed = try await harness.admin(.GET, "/delivery-faults")
            let fault = try #require(listed.json.at("data").array.first)
            #expect(fault.at("code").int == 131026 && fault.at("count").int == 2 && fault.at("wa_id").string == "447700900126")
            #expect(harness.sandbox.pendingDeliveryFaults() == [WhatsAppDeliveryFault(count: 2, code: 131026, recipient: "447700900126")])
            #expect(try await harness.admin(.POST, "/delivery-faults", #"{"count": 1}"#).status == 400)
            #expect(try await harness.admin(.DELETE, "/delivery-faults").status == 204)
            #expect(harness.sandbox.pendingDeliveryFaults().isEmpty)
        }
    }
}

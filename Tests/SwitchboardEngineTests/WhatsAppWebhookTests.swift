import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The WhatsApp inbound side over real HTTP: the sandbox's signed webhooks reach the node, are recorded once per
/// `wamid`, open the conversation window, start `whatsapp` flows once, opt contacts out on STOP, and move outbound
/// messages through their delivery states.
@Suite struct WhatsAppWebhookTests {
    static let waID = "447700900123"

    static let inboxFlow = """
        name: inbox
        trigger:
          whatsapp: { events: [message.received] }
        actions:
          - action: core.log
            with: { message: "{{contact.name}}|{{message.type}}|{{message.text}}|{{reply.id}}|{{reply.correlation}}" }
        """

    static let answersFlow = """
        name: answers
        trigger:
          whatsapp: { events: [reply.received] }
        actions:
          - action: core.log
            with: { message: "{{reply.id}} {{reply.title}} {{reply.correlation}} {{contact.id}} {{message.from}}" }
        """

    static let optOutFlow = """
        name: opt-outs
        trigger:
          whatsapp: { events: [contact.opted_out] }
        actions:
          - action: core.log
            with: { message: "{{contact.id}} opted out with {{message.text}}" }
        """

    static let failuresFlow = """
        name: failures
        trigger:
          whatsapp: { events: [message.failed] }
        actions:
          - action: core.log
            with: { message: "{{message.id}} {{status}} {{error.code}} {{correlation}}" }
        """

    static func addContact(_ store: Store, optedIn: Bool = false) async throws -> MessagingContact {
        try await store.session { session in
            let now = Int64(Date().timeIntervalSince1970) - 3600
            let contact = try await session.upsertContact(ContactDetails(name: "Ada Author", phone: try PhoneNumber(waID: waID), roles: [.author]), now: now).contact
            if optedIn { _ = try await session.optInContact(id: contact.id, at: now) }
            return try await session.contact(id: contact.id) ?? contact
        }
    }

    @Test(arguments: TestDatabase.available)
    func inboundTextAndReplyAreRecordedOnceAndStartFlowsOnceDespiteDuplicateDeliveries(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.inboxFlow, Self.answersFlow], duplicates: 1) { harness in
            let contact = try await Self.addContact(harness.store)
            let asked = try await harness.store.session { session in
                try await session.recordOutboundMessage(MessageRecord(
                    wamid: "wamid.question-1", connection: "whatsapp", contactID: contact.id, waID: Self.waID, direction: .outbound, kind: "interactive",
                    body: "May we license the audio rights?", replyOptions: ["approve", "decline"], correlation: "rights_review:rvw_42",
                    createdAt: Int64(Date().timeIntervalSince1970) - 60)).message
            }
            harness.sandbox.receive(from: Self.waID, .text("Hello from Ada"))
            harness.sandbox.receive(from: Self.waID, .buttonReply(id: "approve", title: "Approve"), replyingTo: "wamid.question-1")
            try await harness.settle()

            #expect(harness.sandbox.webhooks().allSatisfy { $0.state == .delivered && $0.duplicatesSent >= 1 }, "every webhook was delivered twice or more")
            let inbound = try await harness.inbound()
            #expect(inbound.count == 2)
            #expect(Set(inbound.map(\.kind)) == ["text", "interactive"])
            #expect(inbound.allSatisfy { $0.contactID == contact.id && $0.connection == "whatsapp" })
            let reply = try #require(inbound.first { $0.kind == "interactive" })
            #expect(reply.replyID == "approve" && reply.contextWamid == "wamid.question-1")

            let window = try await harness.store.session { try await $0.conversationWindow(contactID: contact.id) }
            #expect(window?.isOpen(at: Int64(Date().timeIntervalSince1970)) == true)
            let stored = try await harness.store.session { try await $0.contact(id: contact.id) }
            #expect(stored?.waID == Self.waID)

            let inbox = try await harness.logged("inbox")
            #expect(inbox.sorted() == ["Ada Author|interactive|Approve|approve|rights_review:rvw_42", "Ada Author|text|Hello from Ada||"])
            #expect(try await harness.logged("answers") == ["approve Approve rights_review:rvw_42 \(contact.id) \(Self.waID)"])
            #expect(try await harness.events("message.received").count == 2)
            #expect(try await harness.events("reply.received").map(\.externalID) == [reply.wamid! + ":reply"])
            _ = asked
        }
    }

    @Test(arguments: TestDatabase.available)
    func aForgedOrMissingSignatureIsRefusedAndStoresNothing(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.inboxFlow]) { harness in
            let body = Self.inboundBody(wamid: "wamid.forged-1", phoneNumberID: harness.sandbox.configuration.phoneNumberID, text: "hi")
            let forged = try await harness.post(body, secret: "not-the-app-secret")
            #expect(forged.status == 401)
            let missing = try await harness.post(body, signature: "")
            #expect(missing.status == 401)
            let tampered = try await harness.post(body.replacingOccurrences(of: "hi", with: "ho"),
                                                  signature: WhatsAppHarness.signature(body, secret: harness.appSecret))
            #expect(tampered.status == 401)
            #expect(try await harness.inbound().isEmpty)
            #expect(try await harness.events().isEmpty)

            let malformed = try await harness.post("{\"entry\": [")
            #expect(malformed.status == 400)
            #expect(malformed.body.contains("not JSON"))

            let accepted = try await harness.post(body)
            #expect(accepted.status == 200)
            let again = try await harness.post(body)
            #expect(again.status == 200 && again.body.contains("\"duplicates\":1"))
            #expect(try await harness.inbound().map(\.wamid) == ["wamid.forged-1"])
            #expect(try await harness.events("message.received").count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSubscriptionHandshakeEchoesTheChallengeOnlyForTheVerifyToken(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database) { harness in
            let token = harness.sandbox.configuration.verifyToken
            let ok = try await TestHTTP.request("GET", harness.webhookURL + "?hub.mode=subscribe&hub.verify_token=\(token)&hub.challenge=1158201444")
            #expect(ok.status == 200 && ok.body == "1158201444")
            let wrong = try await TestHTTP.request("GET", harness.webhookURL + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")
            #expect(wrong.status == 403 && !wrong.body.contains("1158201444"))
            let unknown = try await TestHTTP.request("GET", harness.nodeURL + "/webhooks/whatsapp/nobody?hub.mode=subscribe&hub.verify_token=\(token)&hub.challenge=1")
            #expect(unknown.status == 404)
            #expect(await harness.sandbox.verifyWebhook())
        }
    }

    @Test(arguments: TestDatabase.available)
    func stopOptsTheContactOutAndStartsNoMessageFlow(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.inboxFlow, Self.optOutFlow]) { harness in
            let contact = try await Self.addContact(harness.store, optedIn: true)
            #expect(contact.consent.optedIn)
            harness.sandbox.receive(from: Self.waID, .text(" stop! "))
            try await harness.settle()
            let after = try #require(try await harness.store.session { try await $0.contact(id: contact.id) })
            #expect(after.consent.isOptedOut)
            #expect(after.consent.optOutReason?.contains("stop") == true)
            #expect(try await harness.logged("opt-outs") == ["\(contact.id) opted out with  stop! "])
            #expect(try await harness.logged("inbox").isEmpty)
            #expect(try await harness.events("message.received").isEmpty)
            #expect(try await harness.inbound().count == 1, "the STOP message itself is kept in the history")
        }
    }

    @Test(arguments: TestDatabase.available)
    func statusWebhooksMoveOutboundMessagesForwardAndReportFailures(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.failuresFlow]) { harness in
            let contact = try await Self.addContact(harness.store)
            harness.sandbox.receive(from: Self.waID, .text("hi"))  // opens the window, so free-form text is delivered
            try await harness.settle()
            let delivered = try await harness.send(to: Self.waID, contactID: contact.id, text: "Your proofs are ready", correlation: "task:tsk_1")
            #expect(try await harness.eventually { try await harness.store.session { try await $0.whatsAppMessage(id: delivered) }?.status == .read })
            try await harness.settle()
            let sentWamid = try #require(try await harness.store.session { try await $0.whatsAppMessage(id: delivered) }?.wamid)
            let statuses = try await harness.events("message.status").filter { $0.context["message"]?["id"]?.stringValue == sentWamid }
            #expect(Set(statuses.compactMap { $0.context["status"]?.stringValue }) == ["sent", "delivered", "read"])

            let stranger = "15550001111"
            let failed = try await harness.send(to: stranger, contactID: nil, text: "Out of the blue", correlation: "task:tsk_2")
            #expect(try await harness.eventually { try await harness.store.session { try await $0.whatsAppMessage(id: failed) }?.status == .failed })
            try await harness.settle()
            let record = try #require(try await harness.store.session { try await $0.whatsAppMessage(id: failed) })
            #expect(record.error?.code == 131047)
            let wamid = try #require(record.wamid)
            #expect(try await harness.logged("failures") == ["\(wamid) failed 131047 task:tsk_2"])
        }
    }

    static func inboundBody(wamid: String, phoneNumberID: String, text: String) -> String {
        """
        {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
        "metadata":{"display_phone_number":"15550000000","phone_number_id":"\(phoneNumberID)"},"contacts":[{"profile":{"name":"Ada"},"wa_id":"\(waID)"}],\
        "messages":[{"from":"\(waID)","id":"\(wamid)","timestamp":"\(Int(Date().timeIntervalSince1970))","type":"text","text":{"body":"\(text)"}}]}}]}]}
        """
    }
}

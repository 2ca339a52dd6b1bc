import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import WhatsAppKit

/// A send whose answer never came back (the process died between WhatsApp accepting the message and Switchboard
/// recording its wamid) is settled by the status webhook: it carries Switchboard's message id back in
/// `biz_opaque_callback_data`, so the record gets its wamid and the retried step reports the message as already
/// sent instead of sending it twice or stopping for a person to check.
@Suite struct SendReconciliationTests {
    static let flow = """
        name: notice
        trigger:
          whatsapp: { events: [contact.opted_out] }
        actions:
          - action: core.log
            with: { message: "unused" }
        """

    @Test(arguments: TestDatabase.available)
    func aStatusCarryingOurMessageIDSettlesASendWhoseAnswerWasLost(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.flow]) { harness in
            let now = Int64(Date().timeIntervalSince1970)
            let contact = try await harness.store.session { session in
                let contact = try await session.upsertContact(ContactDetails(name: "Ada Author", phone: try PhoneNumber(waID: "447700900501"), roles: [.author]), now: now).contact
                return try await session.optInContact(id: contact.id, at: now) ?? contact
            }
            // Recorded before sending, as the send actions do, under a step's idempotency key…
            let record = MessageRecord(connection: WhatsAppHarness.connection, contactID: contact.id, waID: "447700900501", direction: .outbound, kind: "template",
                                       templateName: "switchboard_notice", body: "Hello", correlation: "task:1", idempotencyKey: "sb:run-1:0", createdAt: now)
            _ = try await harness.store.session { try await $0.recordOutboundMessage(record) }
            // …accepted by WhatsApp, and then the process died: the wamid was never attached.
            let client = try await WhatsAppClientPool(store: harness.store, secrets: harness.secrets, transport: harness.transport).client(for: WhatsAppHarness.connection)
            let result = try await client.send(WhatsAppOutboundMessage(to: "447700900501", content: .template(WhatsAppKit.WhatsAppTemplate(name: "switchboard_notice", languageCode: "en_US",
                                                                                                                              bodyParameters: [.text("Hello")])),
                                                                       callbackData: record.id))
            let settled = try await harness.eventually {
                try await harness.store.session { try await $0.whatsAppMessage(id: record.id) }?.wamid == result.messageID
            }
            #expect(settled, "the status webhook attached the wamid to the record it named")
            let stored = try #require(try await harness.store.session { try await $0.whatsAppMessage(idempotencyKey: "sb:run-1:0") })
            #expect(stored.wamid == result.messageID)
            #expect([.sent, .delivered, .read].contains(stored.status))
            #expect(harness.sandbox.sentMessages(to: "447700900501").count == 1)
        }
    }
}

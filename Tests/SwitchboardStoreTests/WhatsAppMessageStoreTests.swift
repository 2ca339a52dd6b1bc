import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite struct WhatsAppMessageStoreTests {
    static func contact(_ store: Store, phone: String = "+44 20 7946 0958") async throws -> MessagingContact {
        try await store.session { try await $0.upsertContact(ContactDetails(name: "Ada", phone: PhoneNumber(phone)!, roles: [.rightsHolder]), now: 1).contact }
    }

    static func approvalRequest(to contact: MessagingContact, run: String = "run_1", step: String = "ask", at time: Int64 = 10) -> MessageRecord {
        MessageRecord(connection: "wa", contactID: contact.id, waID: contact.recipientID, direction: .outbound, kind: "interactive",
                        body: "May we license the German translation?", payload: ["type": "button"], replyOptions: ["approve:rvw_42", "decline:rvw_42"],
                        correlation: "rights_review:rvw_42", runID: run, stepKey: step, createdAt: time)
    }

    @Test(arguments: TestDatabase.available)
    func outboundIsRecordedOncePerIdempotencyKey(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let ada = try await Self.contact(store)
            let first = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada)) }
            #expect(first.created)
            #expect(first.message.idempotencyKey == "run_1:ask")
            #expect(first.message.status == .queued)
            // The step runs again after a crash: the earlier record comes back, nothing new is written.
            let retry = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada, at: 99)) }
            #expect(!retry.created)
            #expect(retry.message == first.message)
            #expect(try await store.session { try await $0.whatsAppMessages(MessageRecordFilter(direction: .outbound)) }.count == 1)
            let other = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada, step: "remind", at: 20)) }
            #expect(other.created)

            let sent = try await store.session { try await $0.attachWamid(messageID: first.message.id, wamid: "wamid.A", waID: "442079460958", at: 11) }
            #expect(sent?.wamid == "wamid.A")
            #expect(try await store.session { try await $0.whatsAppMessage(idempotencyKey: "run_1:ask") }?.wamid == "wamid.A")
            #expect(try await store.session { try await $0.whatsAppMessage(wamid: "wamid.A") }?.replyOptions == ["approve:rvw_42", "decline:rvw_42"])
            #expect(try await store.session { try await $0.whatsAppMessage(wamid: "wamid.A") }?.payload == ["type": "button"])
            #expect(try await store.session { try await $0.whatsAppMessages(correlation: "rights_review:rvw_42") }.map(\.id) == [first.message.id, other.message.id])
            #expect(try await store.session { try await $0.latestOutboundMessage(contactID: ada.id) }?.id == other.message.id)
            #expect(try await store.session { try await $0.latestOutboundMessage(contactID: ada.id, offeringReplyID: "approve:rvw_42") }?.id == other.message.id)
            #expect(try await store.session { try await $0.latestOutboundMessage(contactID: ada.id, offeringReplyID: "approve:rvw_9") } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func statusEventsAreMonotonicAndIdempotent(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let ada = try await Self.contact(store)
            let message = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada)) }.message
            try await store.session { _ = try await $0.attachWamid(messageID: message.id, wamid: "wamid.A", at: 11) }

            let sent = try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.A", status: "sent", at: 12), receivedAt: 12) }
            guard case .applied(let afterSent) = sent else { Issue.record("sent: \(sent)"); return }
            #expect(afterSent.status == .sent && afterSent.statusAt == 12)
            let read = try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.A", status: "read", at: 14), receivedAt: 14) }
            guard case .applied(let afterRead) = read else { Issue.record("read: \(read)"); return }
            #expect(afterRead.status == .read)
            // delivered arrives late: kept in the history, the message stays read.
            let late = try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.A", status: "delivered", at: 13), receivedAt: 15) }
            guard case .stale(let stillRead) = late else { Issue.record("delivered: \(late)"); return }
            #expect(stillRead.status == .read && stillRead.statusAt == 14)
            // A redelivered webhook is recognised and ignored.
            #expect(try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.A", status: "read", at: 14), receivedAt: 16) } == .duplicate)
            // failed cannot follow read.
            let failedLate = try await store.session {
                try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.A", status: "failed", at: 17, error: MessageDeliveryError(code: 131026)), receivedAt: 17)
            }
            guard case .stale(let notFailed) = failedLate else { Issue.record("failed: \(failedLate)"); return }
            #expect(notFailed.status == .read && notFailed.error == nil)
            #expect(try await store.session { try await $0.statusEvents(wamid: "wamid.A") }.map(\.status) == ["sent", "delivered", "read", "failed"])
            #expect(try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.A", status: "deleted", at: 18), receivedAt: 18) }
                    == .unrecognisedStatus)
        }
    }

    @Test(arguments: TestDatabase.available)
    func failureIsRecordedWithItsErrorAndIsTerminal(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let ada = try await Self.contact(store)
            let message = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada)) }.message
            try await store.session { _ = try await $0.attachWamid(messageID: message.id, wamid: "wamid.F", at: 11) }
            _ = try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.F", status: "sent", at: 12), receivedAt: 12) }
            let error = MessageDeliveryError(code: 131047, title: "Re-engagement message", details: "More than 24 hours have passed")
            let failed = try await store.session {
                try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.F", status: "failed", at: 13, error: error, raw: "{}"), receivedAt: 13)
            }
            guard case .applied(let afterFailure) = failed else { Issue.record("failed: \(failed)"); return }
            #expect(afterFailure.status == .failed)
            #expect(afterFailure.error == error)
            let delivered = try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.F", status: "delivered", at: 14), receivedAt: 14) }
            guard case .stale(let stillFailed) = delivered else { Issue.record("delivered: \(delivered)"); return }
            #expect(stillFailed.status == .failed && stillFailed.error?.code == 131047)
            #expect(try await store.session { try await $0.statusEvents(wamid: "wamid.F") }.first { $0.status == "failed" }?.error == error)
            #expect(try await store.session { try await $0.whatsAppMessages(MessageRecordFilter(status: .failed)) }.map(\.id) == [message.id])

            // A synchronous Graph error fails a message that never got a wamid.
            let refused = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada, step: "other")) }.message
            let afterRefusal = try await store.session { try await $0.recordSendFailure(messageID: refused.id, error: MessageDeliveryError(code: 131056), at: 20) }
            #expect(afterRefusal?.status == .failed && afterRefusal?.error?.code == 131056)
        }
    }

    @Test(arguments: TestDatabase.available)
    func statusesBeforeTheWamidIsAttachedAreAppliedOnAttach(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let ada = try await Self.contact(store)
            let message = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada)) }.message
            #expect(try await store.session { try await $0.applyStatusEvent(MessageStatusEvent(wamid: "wamid.E", status: "delivered", at: 12), receivedAt: 12) }
                    == .unknownMessage)
            let attached = try await store.session { try await $0.attachWamid(messageID: message.id, wamid: "wamid.E", at: 13) }
            #expect(attached?.status == .delivered && attached?.statusAt == 12)
        }
    }

    @Test(arguments: TestDatabase.available)
    func inboundIsDeduplicatedOnWamidAndOpensTheWindow(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let ada = try await Self.contact(store)
            let request = try await store.session { try await $0.recordOutboundMessage(Self.approvalRequest(to: ada)) }.message
            try await store.session { _ = try await $0.attachWamid(messageID: request.id, wamid: "wamid.OUT", at: 11) }

            let reply = MessageRecord(wamid: "wamid.IN", connection: "wa", waID: "442079460958", direction: .inbound, kind: "interactive", body: "Approve",
                                        replyID: "approve:rvw_42", contextWamid: "wamid.OUT", createdAt: 1_000)
            let first = try await store.session { try await $0.recordInboundMessage(reply) }
            #expect(first.created)
            #expect(first.message.contactID == ada.id)  // matched by WhatsApp id
            #expect(first.message.status == .delivered)
            let again = try await store.session { try await $0.recordInboundMessage(reply) }
            #expect(!again.created)
            #expect(again.message.id == first.message.id)
            #expect(try await store.session { try await $0.whatsAppMessages(MessageRecordFilter(direction: .inbound)) }.count == 1)
            #expect(try await store.session { try await $0.conversationWindow(contactID: ada.id) }?.lastInboundAt == 1_000)
            #expect(try await store.session { try await $0.outboundMessage(answeredBy: first.message) }?.id == request.id)

            // A quick reply without context is matched to the latest message offering that reply id.
            let noContext = MessageRecord(wamid: "wamid.IN2", connection: "wa", waID: "442079460958", direction: .inbound, kind: "button",
                                            replyID: "decline:rvw_42", createdAt: 1_100)
            let second = try await store.session { try await $0.recordInboundMessage(noContext) }.message
            #expect(try await store.session { try await $0.outboundMessage(answeredBy: second) }?.id == request.id)
            // A context naming a message that did not offer the tapped id answers nothing.
            var mismatchedReply = noContext
            mismatchedReply.contextWamid = "wamid.OUT"
            mismatchedReply.replyID = "approve:rvw_9"
            let mismatched = mismatchedReply
            #expect(try await store.session { try await $0.outboundMessage(answeredBy: mismatched) } == nil)

            // A stranger's message is kept (no contact) and opens a window for their number.
            let stranger = MessageRecord(wamid: "wamid.S", connection: "wa", waID: "16505551234", direction: .inbound, kind: "text", body: "Hi", createdAt: 2_000)
            #expect(try await store.session { try await $0.recordInboundMessage(stranger) }.message.contactID == nil)
            #expect(try await store.session { try await $0.conversationWindow(waID: "16505551234") }.isOpen(at: 2_100))

            var withoutWamid = stranger
            withoutWamid.wamid = nil
            let missing = withoutWamid
            await #expect(throws: WhatsAppStoreError.missingWamid) { try await store.session { try await $0.recordInboundMessage(missing) } }
        }
    }
}

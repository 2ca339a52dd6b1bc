import Testing

@testable import SwitchboardCore

@Suite struct WhatsAppDeliveryStateTests {
    @Test func movesOnlyForward() {
        #expect(MessageDeliveryState.queued.applying(.sent) == .sent)
        #expect(MessageDeliveryState.sent.applying(.read) == .read)  // delivered may be skipped
        #expect(MessageDeliveryState.read.applying(.delivered) == .read)
        #expect(MessageDeliveryState.delivered.applying(.sent) == .delivered)
        #expect(MessageDeliveryState.delivered.applying(.delivered) == .delivered)  // idempotent
        #expect(!MessageDeliveryState.read.canAdvance(to: .read))
    }

    @Test func failedIsTerminalAndNeverFollowsRead() {
        #expect(MessageDeliveryState.sent.applying(.failed) == .failed)
        #expect(MessageDeliveryState.delivered.applying(.failed) == .failed)
        #expect(MessageDeliveryState.read.applying(.failed) == .read)
        for state in MessageDeliveryState.allCases { #expect(MessageDeliveryState.failed.applying(state) == .failed) }
        #expect(MessageDeliveryState.failed.isFinal && MessageDeliveryState.read.isFinal && !MessageDeliveryState.sent.isFinal)
    }

    @Test func applicationIsOrderIndependent() {
        // Any order of the same reports ends in the same state.
        let reports: [MessageDeliveryState] = [.sent, .delivered, .read]
        var orders: [[MessageDeliveryState]] = [[]]
        for _ in reports.indices {
            orders = orders.flatMap { order in reports.filter { !order.contains($0) }.map { order + [$0] } }
        }
        for order in orders {
            let final = (order + order).reduce(MessageDeliveryState.queued) { $0.applying($1) }
            #expect(final == .read, "\(order)")
        }
    }

    @Test func webhookStatuses() {
        #expect(MessageDeliveryState(webhookStatus: "played") == .read)
        #expect(MessageDeliveryState(webhookStatus: " DELIVERED ") == .delivered)
        #expect(MessageDeliveryState(webhookStatus: "failed") == .failed)
        #expect(MessageDeliveryState(webhookStatus: "deleted") == nil)
    }

    @Test func conversationWindowWithMargin() {
        let window = ConversationWindow(lastInboundAt: 1_000)
        let closesAt: Int64 = 1_000 + 86_400
        #expect(window.closesAt == closesAt)
        #expect(window.isOpen(at: 1_000))
        #expect(window.isOpen(at: 1_000 + 86_400 - 601))
        #expect(!window.isOpen(at: 1_000 + 86_400 - 600))  // inside the ten-minute margin
        #expect(window.isOpen(at: 1_000 + 86_400 - 1, margin: 0))
        #expect(!window.isOpen(at: 1_000 + 86_400, margin: 0))
        #expect(!ConversationWindow(lastInboundAt: nil).isOpen(at: 0))
        #expect(window.recordingInbound(at: 500).lastInboundAt == 1_000)  // an older message does not move it back
        #expect(window.recordingInbound(at: 2_000).lastInboundAt == 2_000)
    }

    @Test func consentDecisions() {
        let unknown = ContactConsent()
        #expect(unknown.decision(for: .notification, windowOpen: true) == .notOptedIn)
        #expect(unknown.decision(for: .reply, windowOpen: true) == .allowed)
        #expect(unknown.decision(for: .reply, windowOpen: false) == .notOptedIn)
        let optedIn = unknown.optingIn(at: 10)
        #expect(optedIn.decision(for: .notification, windowOpen: false) == .allowed)
        let optedOut = optedIn.optingOut(at: 20, reason: "replied STOP")
        #expect(optedOut.isOptedOut)
        #expect(optedOut.decision(for: .reply, windowOpen: true) == .optedOut(reason: "replied STOP"))
        #expect(optedOut.optingIn(at: 15) == optedOut)  // a stale opt-in does not undo a later opt-out
        #expect(optedOut.optingIn(at: 30).decision(for: .notification, windowOpen: false) == .allowed)
        #expect(optedIn.optingOut(at: 5, reason: nil) == optedIn)  // a stale opt-out does not undo a later opt-in
    }

    @Test func templateStatuses() {
        #expect(TemplateStatus(parsing: "APPROVED") == .approved)
        #expect(TemplateStatus(parsing: "in_appeal") == .pending)
        #expect(TemplateStatus(parsing: "PAUSED")?.isSendable == false)
        #expect(TemplateStatus(parsing: "whatever") == nil)
    }
}

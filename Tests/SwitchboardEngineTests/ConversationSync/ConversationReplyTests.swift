import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The way back (issue 6 A.11): agents' public replies in Zendesk on a WhatsApp conversation's ticket, and advisors'
/// replies through the admin API, reach the contact on WhatsApp — once, within the 24-hour window or as the channel's
/// reply_template — and nothing Switchboard wrote itself, no internal note, no customer message is ever echoed.
@Suite("Conversation replies to WhatsApp")
struct ConversationReplyTests {
    typealias H = ConversationReplyHarness

    @Test("an agent's public reply reaches the contact once (webhooks delivered twice, a mirror event too); notes, customer messages and Switchboard's comments never do",
          arguments: TestDatabase.available)
    func agentReplyReachesWhatsAppOnce(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.admin("PUT", "/api/conversation-channels/whatsapp", ["mode": "advisor_reply"])
            let waID = "447700900321"
            h.whatsapp.receive(from: waID, .text("Hello, where is my order?"))
            var conversation = try await h.conversation(waID: waID)
            let id = try #require(conversation["id"] as? String)

            // An advisor's reply through the API goes out on WhatsApp (and to the ticket through the sync).
            try await h.admin("POST", "/api/conversations/\(id)/replies", ["text": "Checking now.", "advisor": "Sam"])
            let customer = try await h.createUser(name: "Reader", email: "reader-reply@example.com")
            try await h.admin("POST", "/api/conversations/\(id)/associate", ["user_id": customer])
            try await h.settle()
            #expect(h.sent(to: waID).map(\.body) == ["Checking now."])
            conversation = try await h.admin("GET", "/api/conversations/\(id)")
            let ticketID = try h.ticketID(conversation)
            // The transcript and the context note reached the ticket (each raised comment_added, twice): nothing was echoed.
            var comments = try await h.comments(ticketID)
            #expect(comments.count == 2)

            // The agent answers in Zendesk; an internal note is added too.
            let agent = try await h.createUser(name: "Agent Kim", email: "kim@example.com", role: "agent")
            let reply = try await h.comment(ticketID, "Your order ships tomorrow.", public: true, author: agent)
            try await h.comment(ticketID, "Internal: warehouse says Tuesday", public: false, author: agent)
            try await h.settle()
            var sent = h.sent(to: waID)
            #expect(sent.map(\.body) == ["Checking now.", "Your order ships tomorrow."])
            #expect(sent.last?.type == "text")

            // The same comment reported again (as the mirror would) sends nothing more.
            let runtime = FlowRuntime(store: h.store, flows: h.flows)
            let ticket = try await h.zendeskCall("GET", "/api/v2/tickets/\(ticketID).json")["ticket"] as? [String: Any] ?? [:]
            _ = try await runtime.ingest(Event(source: "zendesk.mirror", type: "comment.added", externalID: "default:comment:\(reply)", connection: "default", context: .object([
                "ticket": .object(["id": .number(Double(ticketID)), "external_id": .string(ticket["external_id"] as? String ?? ""), "requester_id": .number(Double(customer))]),
                "comment": .object(["id": .number(Double(reply)), "ticket_id": .number(Double(ticketID)), "body": "Your order ships tomorrow.", "public": true,
                                    "author_id": .number(Double(agent))]),
            ])))
            runtime.signal?.notify()
            try await h.settle()
            #expect(h.sent(to: waID).count == 2)
            let mirrorOutputs = try await h.outputs("conversation-sync-replies-mirror")
            #expect(mirrorOutputs.map { $0["status"]?.stringValue } == ["ignored"])
            #expect(mirrorOutputs.first?["reason"]?.stringValue == "comment \(reply) was handled already")

            // The contact writes again and the advisor answers through the API: both reach the ticket (raising
            // comment_added), neither comes back to the contact as an echo.
            h.whatsapp.receive(from: waID, .text("Thanks!"))
            _ = try await h.eventually { try await h.comments(ticketID).contains { $0.body.hasSuffix("Thanks!") } }
            try await h.admin("POST", "/api/conversations/\(id)/replies", ["text": "You're welcome.", "advisor": "Sam"])
            try await h.settle()
            sent = h.sent(to: waID)
            #expect(sent.map(\.body) == ["Checking now.", "Your order ships tomorrow.", "You're welcome."])

            // The ticket holds the agent's reply once: recorded on the conversation, never synchronised back.
            comments = try await h.comments(ticketID)
            #expect(comments.filter { $0.body.contains("Your order ships tomorrow.") }.count == 1)
            #expect(comments.filter { $0.body.contains("You're welcome.") }.count == 1)
            #expect(comments.filter { $0.body.hasPrefix("Not sent") }.isEmpty)
            let messages = try await h.store.session { try await $0.conversationMessages(conversationID: id) }
            let recorded = try #require(messages.first { $0.text == "Your order ships tomorrow." })
            #expect(recorded.author == .advisor)
            #expect(recorded.syncedAs == "zendesk")
            #expect(recorded.ticketID == ticketID)
            #expect(recorded.pendingMarker == nil)
            #expect(!messages.contains { $0.text.contains("Internal: warehouse") })

            // Every webhook was delivered twice; only the agent's public comment was sent.
            let outputs = try await h.outputs("conversation-sync-replies")
            #expect(outputs.filter { $0["status"]?.stringValue == "sent" }.count == 1)
            #expect(h.zendesk.webhookDeliveries().count >= 2 * (comments.count - 1))  // the first comment came with the ticket
            let outbound = try await h.store.session { try await $0.whatsAppMessages(MessageRecordFilter(direction: .outbound)) }
            #expect(outbound.count == 3)
            #expect(outbound.allSatisfy { $0.correlation == "conversation:\(id)" })
        }
    }

    @Test("outside the 24-hour window: an internal note says why without a reply_template; the approved template is sent with one; no free-form text either way",
          arguments: TestDatabase.available)
    func outsideTheWindow(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.admin("PUT", "/api/conversation-channels/whatsapp", ["mode": "advisor_reply"])
            let waID = "447700900654"
            try await h.receiveOld(from: waID, text: "Is the audiobook out?", age: 25 * 3600)
            let conversation = try await h.conversation(waID: waID)
            let id = try #require(conversation["id"] as? String)
            try await h.admin("POST", "/api/conversations/\(id)/replies", ["text": "Let me check.", "advisor": "Sam"])
            let customer = try await h.createUser(name: "Old Reader", email: "old-reader@example.com")
            try await h.admin("POST", "/api/conversations/\(id)/associate", ["user_id": customer])
            try await h.settle()
            #expect(h.sent(to: waID).isEmpty)
            let advisorOutputs = try await h.outputs("conversation-sync-advisor-replies")
            #expect(advisorOutputs.map { $0["status"]?.stringValue } == ["not_sent"])
            #expect(advisorOutputs.first?["reason"]?.stringValue?.contains("the 24-hour window is closed") == true)
            let ticketID = try h.ticketID(try await h.admin("GET", "/api/conversations/\(id)"))
            let agent = try await h.createUser(name: "Agent Lee", email: "lee@example.com", role: "agent")

            // No reply_template: nothing is sent, and the ticket says why.
            try await h.comment(ticketID, "It is out next week.", public: true, author: agent)
            try await h.settle()
            #expect(h.sent(to: waID).isEmpty)
            var comments = try await h.comments(ticketID)
            let note = try #require(comments.last)
            #expect(!note.isPublic)
            #expect(note.body.hasPrefix("Not sent to the contact on WhatsApp: the 24-hour window is closed (the contact last wrote at "))
            #expect(note.body.hasSuffix(") and channel whatsapp has no reply_template configured."))

            // With an approved reply_template (and the contact opted in), the next reply goes as that template.
            try await h.admin("PUT", "/api/conversation-channels/whatsapp", ["reply_template": "switchboard_notice", "reply_template_language": "en_US"])
            try await h.optIn(waID: waID, name: "Old Reader")
            try await h.comment(ticketID, "Pre-orders are open\nnow.", public: true, author: agent)
            try await h.settle()
            let sent = h.sent(to: waID)
            #expect(sent.count == 1)
            #expect(sent.first?.type == "template")
            #expect(sent.first?.templateName == "switchboard_notice")
            #expect(sent.first?.templateParameters == ["Pre-orders are open now."])
            comments = try await h.comments(ticketID)
            #expect(comments.last?.isPublic == false)
            #expect(comments.last?.body == "Sent to the contact on WhatsApp as the approved template \"switchboard_notice\": their 24-hour window is closed, so free-form text is not allowed.")
            #expect(comments.filter { $0.body.hasPrefix("Not sent") }.count == 1)
            let outputs = try await h.outputs("conversation-sync-replies")
            #expect(outputs.map { $0["status"]?.stringValue } == ["not_sent", "sent"])
            #expect(outputs.last?["template"]?.stringValue == "switchboard_notice")
        }
    }
}

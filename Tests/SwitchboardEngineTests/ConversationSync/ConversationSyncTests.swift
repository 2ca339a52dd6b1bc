import Foundation
import Sandbox
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Conversations → Zendesk tickets (issue 6 part A) end to end: signed deliveries and admin calls over HTTP to a
/// node, tickets read back from the Zendesk sandbox's API, exact state asserted.
@Suite("Conversation sync end to end")
struct ConversationSyncTests {
    typealias H = ConversationSyncHarness
    typealias Comment = H.Comment

    @Test("mode 1: waits unassociated, waits on bot-only replies, syncs after a human reply; then messages, tags and close follow", arguments: TestDatabase.available)
    func modeOne(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("instagram", ["mode": "advisor_reply"])
            try await h.send("instagram", conversation: "ig-1", id: "m1", text: "Is the sequel out yet?", tags: ["books"])
            try await h.send("instagram", conversation: "ig-1", id: "m2", author: "advisor", text: "Next month!", name: nil)
            try await h.settle()
            var conversation = try await h.conversation("instagram", "ig-1")
            #expect(h.sync(conversation).state == "waiting")
            #expect(h.sync(conversation).reason == "waiting for the contact to be associated with a Zendesk customer")
            #expect(h.ticketIDs(conversation).isEmpty)

            // Associated, but only a bot has answered (another conversation of the same contact).
            try await h.send("instagram", conversation: "ig-bot", id: "b1", text: "Opening hours?")
            try await h.send("instagram", conversation: "ig-bot", id: "b2", author: "bot", text: "We open at 9.")
            try await h.settle()
            let user = try await h.createUser(name: "Ada Reader", email: "ada@example.com")
            let bot = try await h.conversation("instagram", "ig-bot")
            try await h.admin("POST", "/api/conversations/\(bot["id"] as! String)/associate", ["user_id": user])
            try await h.settle()
            let botAfter = try await h.conversation("instagram", "ig-bot")
            #expect(h.sync(botAfter).state == "waiting")
            #expect(h.sync(botAfter).reason == "waiting for a human advisor reply (bot replies do not count)")
            #expect(h.ticketIDs(botAfter).isEmpty)

            // ig-1 had a human reply: association (of the same contact) synced it.
            conversation = try await h.conversation("instagram", "ig-1")
            #expect(h.sync(conversation) == ("synced", nil))
            let ticketID = try #require(h.ticketIDs(conversation).first)
            let ticket = try await h.ticket(ticketID)
            #expect(ticket["subject"] as? String == "Instagram conversation with Ada Reader (@publisher)")
            #expect((ticket["requester_id"] as? NSNumber)?.int64Value == user)
            #expect(ticket["tags"] as? [String] == ["books"])
            #expect(ticket["status"] as? String == "new")
            var comments = try await h.comments(ticketID)
            #expect(comments.map(\.body) == ["Ada Reader: Is the sequel out yet?\n\nAdvisor: Next month!", h.contextComment(conversation, lastSequence: 2, network: "instagram")])
            #expect(comments.map(\.isPublic) == [true, false])

            // Updates without anyone's action: a new message, a tag change, closing.
            try await h.send("instagram", conversation: "ig-1", id: "m3", text: "Great, thanks")
            try await h.settle()
            comments = try await h.comments(ticketID)
            #expect(comments.count == 3)
            #expect(comments.last == Comment(body: "Ada Reader: Great, thanks", isPublic: true, authorID: user))
            try await h.admin("PUT", "/api/conversations/\(conversation["id"] as! String)/tags", ["tags": ["sequel", "vip"]])
            try await h.settle()
            #expect(try await h.ticket(ticketID)["tags"] as? [String] == ["sequel", "vip"])
            try await h.admin("POST", "/api/conversations/\(conversation["id"] as! String)/close")
            try await h.settle()
            #expect(try await h.ticket(ticketID)["status"] as? String == "closed")
            #expect(try await h.comments(ticketID).count == 3)
            // The lookup the reply-from-Zendesk path uses.
            let found = try await h.admin("GET", "/api/conversation-tickets/\(ticketID)")
            #expect(found["channel"] as? String == "instagram")
            #expect((found["contact"] as? [String: Any])?["handle"] as? String == "@reader")
        }
    }

    @Test("mode 2: routed to the team → ticket; the customer is created from the email field with mapped user fields", arguments: TestDatabase.available)
    func modeTwo(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("webchat", ["mode": "team_routing", "team": "support", "email_field": "data.email", "user_fields": ["loyalty_id": "data.loyalty"]])
            try await h.send("webchat", conversation: "wc-1", id: "w1", text: "My order is late", handle: "visitor-7", name: "Grace",
                             data: ["email": "grace@example.com", "loyalty": "L-42"])
            try await h.settle()
            var conversation = try await h.conversation("webchat", "wc-1")
            #expect(h.sync(conversation) == ("waiting", "waiting for the conversation to be routed to team support"))
            try await h.admin("POST", "/api/conversations/\(conversation["id"] as! String)/route", ["team": "support"])
            try await h.settle()
            conversation = try await h.conversation("webchat", "wc-1")
            #expect(h.sync(conversation) == ("synced", nil))
            let ticketID = try #require(h.ticketIDs(conversation).first)
            let requester = try #require((try await h.ticket(ticketID)["requester_id"] as? NSNumber)?.int64Value)
            let user = try await h.zendeskCall("GET", "/api/v2/users/\(requester).json")["user"] as? [String: Any]
            #expect(user?["email"] as? String == "grace@example.com")
            #expect(user?["name"] as? String == "Grace")
            #expect((user?["user_fields"] as? [String: Any])?["loyalty_id"] as? String == "L-42")
            #expect(try await h.comments(ticketID).map(\.body) == ["Grace: My order is late", h.contextComment(conversation, lastSequence: 1, network: "webchat")])
            // Continue after creation (default on): the next message lands on the same ticket.
            try await h.send("webchat", conversation: "wc-1", id: "w2", text: "Order 1234", handle: "visitor-7", name: "Grace")
            try await h.settle()
            #expect(try await h.comments(ticketID).last?.body == "Grace: Order 1234")
            #expect(try await h.conversationTicketCount() == 1)
        }
    }

    @Test("mode 2 with the switch off: each new message opens a ticket; an advisor reply touches none", arguments: TestDatabase.available)
    func modeTwoSwitchOff(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("facebook", ["mode": "team_routing", "team": "support", "email_field": "contact.email", "continue_after_ticket_creation": false])
            try await h.send("facebook", conversation: "fb-1", id: "f1", text: "First question", email: "lin@example.com", team: "support")
            try await h.settle()
            try await h.send("facebook", conversation: "fb-1", id: "f2", text: "Second question", email: "lin@example.com")
            try await h.settle()
            let conversation = try await h.conversation("facebook", "fb-1")
            let tickets = h.ticketIDs(conversation)
            #expect(tickets.count == 2)
            let first = try await h.comments(tickets[0])
            let second = try await h.comments(tickets[1])
            #expect(first.map(\.body).first == "Ada Reader: First question")
            #expect(second.map(\.body).first == "Ada Reader: Second question")
            try await h.admin("POST", "/api/conversations/\(conversation["id"] as! String)/replies", ["text": "We are on it", "advisor": "Sam"])
            try await h.admin("PUT", "/api/conversations/\(conversation["id"] as! String)/tags", ["tags": ["late"]])
            try await h.settle()
            #expect(try await h.comments(tickets[0]) == first)
            #expect(try await h.comments(tickets[1]) == second)
            #expect(try await h.ticket(tickets[1])["tags"] as? [String] == [])
            #expect(h.ticketIDs(try await h.conversation("facebook", "fb-1")).count == 2)
        }
    }

    @Test("retroactivity syncs earlier human-answered conversations except closed tickets; disassociation keeps the ticket updated", arguments: TestDatabase.available)
    func retroactivityAndDisassociation(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("instagram", [:])
            let user = try await h.createUser(name: "Ada Reader", email: "ada2@example.com")
            // A: synced, then closed (its ticket closed).
            try await h.send("instagram", conversation: "a", id: "a1", text: "Question A")
            try await h.send("instagram", conversation: "a", id: "a2", author: "advisor", text: "Answer A")
            let a = try await h.conversation("instagram", "a")
            try await h.admin("POST", "/api/conversations/\(a["id"] as! String)/associate", ["user_id": user])
            try await h.settle()
            let ticketA = try #require(h.ticketIDs(try await h.conversation("instagram", "a")).first)
            try await h.admin("POST", "/api/conversations/\(a["id"] as! String)/close")
            try await h.settle()
            #expect(try await h.ticket(ticketA)["status"] as? String == "closed")
            // Disassociate; B is answered meanwhile and waits; A's tags change (its ticket is closed: untouched).
            try await h.admin("POST", "/api/conversations/\(a["id"] as! String)/disassociate")
            try await h.send("instagram", conversation: "b", id: "b1", text: "Question B")
            try await h.send("instagram", conversation: "b", id: "b2", author: "advisor", text: "Answer B")
            try await h.admin("PUT", "/api/conversations/\(a["id"] as! String)/tags", ["tags": ["late"]])
            try await h.settle()
            #expect(h.sync(try await h.conversation("instagram", "b")).state == "waiting")
            let commentsA = try await h.comments(ticketA)
            // Associating again syncs B retroactively; A's closed ticket stays as it was.
            try await h.admin("POST", "/api/conversations/\(a["id"] as! String)/associate", ["user_id": user])
            try await h.settle()
            let b = try await h.conversation("instagram", "b")
            let ticketB = try #require(h.ticketIDs(b).first)
            #expect(try await h.comments(ticketB).first?.body == "Ada Reader: Question B\n\nAdvisor: Answer B")
            #expect(try await h.comments(ticketA) == commentsA)
            #expect(try await h.ticket(ticketA)["tags"] as? [String] == [])
            // Disassociated, B's ticket keeps being updated.
            try await h.admin("POST", "/api/conversations/\(b["id"] as! String)/disassociate")
            try await h.send("instagram", conversation: "b", id: "b3", text: "One more thing")
            try await h.settle()
            #expect(try await h.comments(ticketB).last == Comment(body: "Ada Reader: One more thing", isPublic: true, authorID: user))
            #expect(h.sync(try await h.conversation("instagram", "b")) == ("synced", nil))
        }
    }

    @Test("a suspended customer and a channel forbidding content are not synced, and the reason is visible", arguments: TestDatabase.available)
    func suspendedAndForbidden(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("instagram", [:])
            try await h.channel("x", ["mode": "advisor_reply"])
            let user = try await h.createUser(name: "Ada Reader", email: "ada3@example.com")
            _ = try await h.zendeskCall("PUT", "/api/v2/users/\(user).json", ["user": ["suspended": true]])
            try await h.send("instagram", conversation: "s", id: "s1", text: "Hello")
            try await h.send("instagram", conversation: "s", id: "s2", author: "advisor", text: "Hi")
            let s = try await h.conversation("instagram", "s")
            try await h.admin("POST", "/api/conversations/\(s["id"] as! String)/associate", ["user_id": user])
            try await h.settle()
            #expect(h.sync(try await h.conversation("instagram", "s")) == ("blocked", "customer \(user) is suspended in Zendesk"))
            try await h.send("x", conversation: "t", id: "t1", text: "Tweet", handle: "@ada")
            try await h.send("x", conversation: "t", id: "t2", author: "advisor", text: "Reply", handle: "@ada")
            let t = try await h.conversation("x", "t")
            let other = try await h.createUser(name: "Ada X", email: "adax@example.com")
            try await h.admin("POST", "/api/conversations/\(t["id"] as! String)/associate", ["user_id": other])
            try await h.settle()
            #expect(h.sync(try await h.conversation("x", "t")) == ("blocked", "channel x forbids sending content to third parties (X forbids it without a direct contract)"))
            #expect(try await h.conversationTicketCount() == 0)
            // With a direct contract, X conversations sync.
            try await h.channel("x", ["direct_contract": true])
            try await h.settle()
            #expect(h.sync(try await h.conversation("x", "t")) == ("synced", nil))
            #expect(try await h.conversationTicketCount() == 1)
        }
    }

    @Test("the inbound API: forged or stale signatures get 401 and store nothing; a malformed body 400; a redelivery one message", arguments: TestDatabase.available)
    func signedInbound(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("instagram", [:])
            let forged = try await h.send("instagram", conversation: "f", id: "x1", text: "hi", signature: "sha256=" + String(repeating: "ab", count: 32))
            #expect(forged.status == 401)
            let stale = try await h.send("instagram", conversation: "f", id: "x1", text: "hi", timestamp: Int64(Date().timeIntervalSince1970) - 600)
            #expect(stale.status == 401)
            let unsigned = try await TestHTTP.request("POST", h.nodeURL + "/api/conversations/instagram/messages", body: Array("{}".utf8))
            #expect(unsigned.status == 401)
            #expect((try await h.admin("GET", "/api/conversations")["conversations"] as? [Any])?.count == 0)
            let malformed = try await h.sendRaw("instagram", body: Array(#"{"conversation_id": "f", "account": "@p", "contact": {"handle": "@a"}, "message": {"id": "m", "author": "robot", "text": "x"}}"#.utf8))
            #expect(malformed.status == 400)
            #expect(malformed.body.contains("message.author must be customer, advisor or bot"))
            let first = try await h.send("instagram", conversation: "f", id: "x1", text: "hi")
            let again = try await h.send("instagram", conversation: "f", id: "x1", text: "hi")
            #expect(first.status == 202)
            #expect(again.status == 200)
            #expect(again.body.contains("duplicate"))
            let conversation = try await h.conversation("instagram", "f")
            #expect((conversation["messages"] as? [Any])?.count == 1)
        }
    }

    @Test("while Zendesk answers 429s and 500s, every message ends on the ticket, in order, none twice", arguments: TestDatabase.available)
    func faultsBar(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("instagram", [:])
            let user = try await h.createUser(name: "Ada Reader", email: "ada4@example.com")
            try await h.send("instagram", conversation: "bar", id: "m0", text: "message 0")
            try await h.send("instagram", conversation: "bar", id: "m1", author: "advisor", text: "message 1")
            let conversation = try await h.conversation("instagram", "bar")
            try await h.admin("POST", "/api/conversations/\(conversation["id"] as! String)/associate", ["user_id": user])
            try await h.settle()
            h.zendesk.setFaults(FaultMix(internalServerError: 0.25, tooManyRequests: 0.25), scope: .path(prefix: "/api/v2/tickets"))
            let count = 24
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 2..<count {
                    try await h.send("instagram", conversation: "bar", id: "m\(index)", text: "message \(index)")
                    if index % 3 == 0 { try await Task.sleep(for: .milliseconds(30)) }
                }
                try await group.waitForAll()
            }
            try await h.settle(timeout: .seconds(120))
            h.zendesk.setFaults(.none)
            let ticketID = try #require(h.ticketIDs(try await h.conversation("instagram", "bar")).first)
            let bodies = try await h.comments(ticketID).map(\.body)
            let expected = ["Ada Reader: message 0\n\nAdvisor: message 1", h.contextComment(conversation, lastSequence: 2, network: "instagram")]
                + (2..<count).map { "Ada Reader: message \($0)" }
            #expect(bodies == expected)
            #expect(h.zendesk.requestLog().contains { $0.status == 429 })
            #expect(h.zendesk.requestLog().contains { $0.status == 500 })
        }
    }
}

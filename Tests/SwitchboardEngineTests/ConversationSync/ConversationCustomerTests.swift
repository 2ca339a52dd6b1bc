import Foundation
import SwitchboardTestSupport
import Testing

/// Customers for conversations (issue 6, rule A.3): an advisor searches Zendesk's customers from a conversation, sees
/// them with their custom fields, creates one with mapped `user_fields`, and the association syncs the conversation.
@Suite struct ConversationCustomerTests {
    typealias H = ConversationSyncHarness

    @Test("search shows Zendesk customers with their fields; create makes one with user_fields, associates it and syncs", arguments: TestDatabase.available)
    func searchShowAndCreate(database: TestDatabase) async throws {
        try await H.with(database) { h in
            try await h.channel("facebook", ["mode": "advisor_reply", "user_fields": ["member_since": "data.since"]])
            try await h.send("facebook", conversation: "fb-1", id: "f1", text: "Where is my signed copy?", handle: "fb-77", name: "Lin",
                             data: ["since": "2019"])
            try await h.send("facebook", conversation: "fb-1", id: "f2", author: "advisor", text: "Let me check.", handle: "fb-77", name: nil)
            try await h.settle()
            let conversation = try await h.conversation("facebook", "fb-1")
            let id = try requireValue(conversation["id"] as? String, "conversation id")

            // Search: an existing customer is found by email and shown with what Zendesk holds.
            let existing = try await h.createUser(name: "Lin Existing", email: "lin.old@example.com")
            let search = try await h.admin("POST", "/api/conversations/\(id)/associate", ["search": "lin.old@example.com"])
            let candidates = try requireValue(search["candidates"] as? [[String: Any]], "candidates")
            #expect(candidates.count == 1)
            #expect((candidates.first?["id"] as? NSNumber)?.int64Value == existing)
            #expect(candidates.first?["name"] as? String == "Lin Existing")
            #expect(candidates.first?["suspended"] as? Bool == false)
            // Searching is only looking: nothing is associated yet.
            #expect(try await h.conversation("facebook", "fb-1")["zendesk_user_id"] is NSNull)

            // Create: a new customer with the channel's mapped field and one given here, then associated and synced.
            let created = try await h.admin("POST", "/api/conversations/\(id)/associate",
                                            ["create": ["name": "Lin Park", "email": "lin.park@example.com", "user_fields": ["vip": "yes"]]])
            let customer = try requireValue(created["customer"] as? [String: Any], "customer")
            let userID = try requireValue((customer["id"] as? NSNumber)?.int64Value, "customer id")
            #expect(userID != existing)
            let stored = try requireValue(try await h.zendeskCall("GET", "/api/v2/users/\(userID).json")["user"] as? [String: Any], "user")
            #expect(stored["email"] as? String == "lin.park@example.com")
            #expect(stored["name"] as? String == "Lin Park")
            let fields = stored["user_fields"] as? [String: Any]
            #expect(fields?["member_since"] as? String == "2019")
            #expect(fields?["vip"] as? String == "yes")

            try await h.settle()
            let after = try await h.conversation("facebook", "fb-1")
            #expect((after["zendesk_user_id"] as? NSNumber)?.int64Value == userID)
            #expect(h.sync(after) == ("synced", nil))
            let ticketID = try #require(h.ticketIDs(after).first)
            #expect((try await h.ticket(ticketID)["requester_id"] as? NSNumber)?.int64Value == userID)

            // A body that is none of the three is refused with the shapes it accepts.
            do {
                _ = try await h.admin("POST", "/api/conversations/\(id)/associate", ["nothing": true])
                Issue.record("an associate body with neither user_id, search nor create was accepted")
            } catch {
                #expect(String(describing: error).contains("400"))
                #expect(String(describing: error).contains("search"))
            }
        }
    }
}

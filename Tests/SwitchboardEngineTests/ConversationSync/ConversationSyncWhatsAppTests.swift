import Foundation
import Sandbox
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// WhatsApp messages feed channel `whatsapp` of the conversation sync, from the WhatsApp sandbox's signed webhook
/// to a ticket in the Zendesk sandbox.
@Suite("Conversation sync from WhatsApp")
struct ConversationSyncWhatsAppTests {
    @Test("a WhatsApp conversation answered by an advisor and associated becomes a ticket with its history")
    func whatsappConversationBecomesTicket() async throws {
        try await RecipeHarness.with(recipes: ["conversation-sync": ["backoff": "100ms", "max_delay": "1s"]], whatsapp: true) { h in
            let settings = try await h.admin("PUT", "conversation-channels/whatsapp", json: ["mode": "advisor_reply"])
            #expect(settings.status == 200)
            let waID = "447700900123"
            try h.whatsapp.receive(from: waID, .text("Hello, is my book shipped?"))
            var conversation: [String: Any] = [:]
            #expect(try await h.eventually {
                let list = try await h.admin("GET", "conversations?channel=whatsapp", json: nil).body["conversations"] as? [[String: Any]] ?? []
                conversation = list.first ?? [:]
                return !list.isEmpty
            })
            #expect((conversation["contact"] as? [String: Any])?["handle"] as? String == "+" + waID)
            let id = try #require(conversation["id"] as? String)
            _ = try await h.admin("POST", "conversations/\(id)/replies", json: ["text": "Yes, yesterday.", "advisor": "Sam"])
            let user = try await h.zendeskUser(name: "Reader", email: "reader-wa@example.com")
            _ = try await h.admin("POST", "conversations/\(id)/associate", json: ["user_id": user])
            try await h.settle()
            let detail = try await h.admin("GET", "conversations/\(id)", json: nil).body
            #expect((detail["sync"] as? [String: Any])?["state"] as? String == "synced")
            let ticketID = try #require(((detail["tickets"] as? [[String: Any]])?.first?["ticket_id"] as? NSNumber)?.int64Value)
            let comments = h.comments(ticketID)
            #expect(comments.first?.body.hasSuffix("Hello, is my book shipped?\n\nAdvisor Sam: Yes, yesterday.") == true)
            #expect(comments.count == 2)
            #expect(comments.last?.isPublic == false)
            #expect(comments.last?.body.contains("Origin: WhatsApp, account whatsapp") == true)
        }
    }
}

extension RecipeHarness {
    func zendeskUser(name: String, email: String) async throws -> Int64 {
        let response = try await TestHTTP.request("POST", zendeskURL + "/api/v2/users.json", headers: ["Authorization": Self.basic, "Content-Type": "application/json"],
                                                  body: Array(try JSONSerialization.data(withJSONObject: ["user": ["name": name, "email": email]])))
        guard let id = ((response.json as? [String: Any])?["user"] as? [String: Any])?["id"] as? NSNumber else { throw HarnessError("creating a user failed: \(response.body)") }
        return id.int64Value
    }
}

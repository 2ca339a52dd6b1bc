import Foundation
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Claiming an agent's Zendesk comment for the way back to WhatsApp: one holder per comment, even among concurrent
/// claimants; the holder's retry keeps it; once finished nobody sends it again; and the message is recorded as
/// already on the ticket, so the sync never copies it back.
@Suite("Conversation reply store")
struct ConversationReplyStoreTests {
    @Test(arguments: TestDatabase.available)
    func oneHolderPerCommentAndDoneAfterFinish(database: TestDatabase) async throws {
        try await database.withStore { store in
            let inbound = ConversationInbound(conversationID: "whatsapp:447700900001", account: "whatsapp", messageID: "wamid.1", author: .customer,
                                              text: "hi", contactHandle: "+447700900001")
            let id = try await store.session { session -> String in
                guard case .recorded(let id, _) = try await session.recordConversationMessage(channel: "whatsapp", inbound, now: 1) else { throw StoreError.notFound("c") }
                return id
            }
            let messageID = StoreSession.ticketReplyMessageID(connection: "default", commentID: 77)
            func claim(_ owner: String) async throws -> StoreSession.TicketReplyClaim {
                try await store.transaction { session in
                    try await session.claimTicketReply(conversationID: id, channel: "whatsapp", messageID: messageID, authorName: "Kim", text: "Ships tomorrow.",
                                                       ticketID: 9, owner: owner, now: 5)
                }
            }
            // Eight runs for the same comment at once: exactly one holds it.
            let claims = try await withThrowingTaskGroup(of: StoreSession.TicketReplyClaim.self) { group in
                for index in 0..<8 { group.addTask { try await claim("run-\(index)") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let holders = claims.compactMap { claim -> Int64? in if case .mine(let sequence) = claim { return sequence } else { return nil } }
            #expect(holders == [2])
            #expect(claims.filter { if case .heldByOther(2, _) = $0 { return true } else { return false } }.count == 7)
            let messages = try await store.session { try await $0.conversationMessages(conversationID: id) }
            #expect(messages.count == 2)
            let recorded = try #require(messages.last)
            #expect(recorded.author == .advisor)
            #expect(recorded.syncedAs == "zendesk")
            #expect(recorded.ticketID == 9)
            let holder = try #require(recorded.pendingMarker)
            // The holder's retry keeps it; finishing by someone else changes nothing; once the holder finishes it is done.
            #expect(try await claim(holder) == .mine(sequence: 2))
            try await store.session { try await $0.finishTicketReply(conversationID: id, sequence: 2, owner: "someone-else") }
            #expect(try await claim("late") == .heldByOther(sequence: 2, owner: holder))
            try await store.session { try await $0.finishTicketReply(conversationID: id, sequence: 2, owner: holder) }
            #expect(try await claim("late") == .done(sequence: 2))
            #expect(try await claim(holder) == .done(sequence: 2))
            #expect(try await store.session { try await $0.conversationMessages(conversationID: id) }.count == 2)
        }
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The conversation sync's store: messages recorded once per id in sequence order, and the lease that keeps two
/// syncs of one conversation from interleaving without leaving a change behind.
@Suite("Conversation sync store")
struct ConversationSyncStoreTests {
    func inbound(_ id: String, author: ConversationAuthorKind = .customer, conversation: String = "c1") -> ConversationInbound {
        ConversationInbound(conversationID: conversation, account: "@p", messageID: id, author: author, text: "text \(id)", contactHandle: "@ada", contactName: "Ada")
    }

    @Test(arguments: TestDatabase.available)
    func messagesAreRecordedOnceInOrder(database: TestDatabase) async throws {
        try await database.withStore { store in
            let outcomes = try await store.session { session in
                [try await session.recordConversationMessage(channel: "ig", inbound("m1"), now: 10),
                 try await session.recordConversationMessage(channel: "ig", inbound("m2", author: .bot), now: 11),
                 try await session.recordConversationMessage(channel: "ig", inbound("m1"), now: 12),
                 try await session.recordConversationMessage(channel: "ig", inbound("m3", author: .advisor), now: 13)]
            }
            guard case .recorded(let id, 1) = outcomes[0] else { Issue.record("first message not recorded: \(outcomes)"); return }
            #expect(outcomes[2] == .duplicate(conversationID: id))
            #expect(outcomes[3] == .recorded(conversationID: id, sequence: 3))
            let (conversation, messages) = try await store.session { session in
                (try await session.conversation(id: id), try await session.conversationMessages(conversationID: id))
            }
            #expect(messages.map(\.externalID) == ["m1", "m2", "m3"])
            #expect(messages.map(\.sequence) == [1, 2, 3])
            #expect(conversation?.humanReplied == true)
            #expect(conversation?.contactName == "Ada")
        }
    }

    @Test(arguments: TestDatabase.available)
    func leaseSerialisesAndDirtyForcesAnotherPass(database: TestDatabase) async throws {
        try await database.withStore { store in
            let id = try await store.session { session -> String in
                guard case .recorded(let id, _) = try await session.recordConversationMessage(channel: "ig", inbound("m1"), now: 1) else { throw StoreError.notFound("c") }
                return id
            }
            let steps = try await store.session { session -> [Bool] in
                [try await session.claimConversationSync(id: id, owner: "a", nowMilliseconds: 1_000, leaseMilliseconds: 60_000),
                 // A second job finds the lease taken: it marks the conversation dirty instead.
                 try await session.claimConversationSync(id: id, owner: "b", nowMilliseconds: 1_001, leaseMilliseconds: 60_000),
                 // The holder must sync again before letting go, then releases.
                 try await session.releaseConversationSync(id: id, owner: "a"),
                 try await session.releaseConversationSync(id: id, owner: "a"),
                 try await session.claimConversationSync(id: id, owner: "b", nowMilliseconds: 1_002, leaseMilliseconds: 10),
                 // An expired lease can be taken over.
                 try await session.claimConversationSync(id: id, owner: "c", nowMilliseconds: 2_000, leaseMilliseconds: 10)]
            }
            #expect(steps == [true, false, false, true, true, true])
            // Many claimants at once: exactly one holds the lease.
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                try await store.session { try await $0.abandonConversationSync(id: id, owner: "c") }
                for index in 0..<8 {
                    group.addTask { try await store.session { try await $0.claimConversationSync(id: id, owner: "n\(index)", nowMilliseconds: 3_000, leaseMilliseconds: 60_000) } }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
        }
    }
}

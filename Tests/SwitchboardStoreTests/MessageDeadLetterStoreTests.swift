import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Migration 7's records: the fallback template kept with a free-form message, and WhatsApp messages' dead letters —
/// one per message, listed with the steps' dead letters, never requeued as a job, marked replayed once.
@Suite struct MessageDeadLetterStoreTests {
    static func message(_ store: Store, key: String = "run_1:0") async throws -> MessageRecord {
        try await store.session { session in
            try await session.recordOutboundMessage(MessageRecord(connection: "wa", waID: "447700900123", direction: .outbound, kind: "text", body: "Hi",
                                                                  idempotencyKey: key, createdAt: 10)).message
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMessageKeepsItsFallbackTemplateWithOrWithoutQuickReplies(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let plain = try await Self.message(store)
            let buttons = try await Self.message(store, key: "run_1:1")
            #expect(try await store.session { try await $0.messageFallback(messageID: plain.id) } == nil)
            try await store.session { session in
                try await session.setMessageFallback(messageID: plain.id, MessageFallbackTemplate(name: "title_blocked", bodyParams: ["Dune", "late"]))
                try await session.setMessageFallback(messageID: buttons.id, MessageFallbackTemplate(name: "rights_approval_request", language: "en_GB",
                                                                                                   bodyParams: [], quickReplies: ["yes:1", "no:1"]))
            }
            let first = try await store.session { try await $0.messageFallback(messageID: plain.id) }
            #expect(first == MessageFallbackTemplate(name: "title_blocked", language: nil, bodyParams: ["Dune", "late"], quickReplies: nil))
            let second = try await store.session { try await $0.messageFallback(messageID: buttons.id) }
            #expect(second == MessageFallbackTemplate(name: "rights_approval_request", language: "en_GB", bodyParams: [], quickReplies: ["yes:1", "no:1"]))
            // The message itself reads as before.
            #expect(try await store.session { try await $0.whatsAppMessage(id: plain.id) }?.body == "Hi")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMessageHasOneDeadLetterWhichIsListedNeverRequeuedAndReplayedOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let message = try await Self.message(store)
            let payload: JSONValue = ["message_id": .string(message.id), "request": ["type": "text"]]
            let (letter, created) = try await store.session { session in
                try await session.deadLetterMessage(id: "dl_1", messageID: message.id, runID: "run_1", flow: "tracking", action: "whatsapp.handle_failed_message",
                                                    payload: payload, error: "WhatsApp error 131026", response: #"{"status":"failed"}"#, now: 20)
            }
            #expect(created)
            #expect(letter.isWhatsAppMessage && letter.messageID == message.id && letter.jobID == "message:" + message.id)
            #expect(letter.errors == ["WhatsApp error 131026"] && letter.lastResponse == #"{"status":"failed"}"# && letter.payload == payload)
            // Reported again: the same dead letter, nothing new.
            let again = try await store.session { session in
                try await session.deadLetterMessage(id: "dl_2", messageID: message.id, runID: "run_2", flow: "tracking", action: "whatsapp.handle_failed_message",
                                                    payload: payload, error: "again", response: nil, now: 30)
            }
            #expect(!again.created && again.letter.id == "dl_1")
            #expect(try await store.session { try await $0.deadLetters() }.map(\.id) == ["dl_1"])
            #expect(try await store.session { try await $0.openDeadLetterCount() } == 1)
            #expect(try await store.session { try await $0.messageDeadLetter(messageID: message.id) }?.id == "dl_1")

            // It is not a job: the job replay refuses it; marking it replayed works once.
            #expect(try await store.transaction { try await $0.replayDeadLetter(id: "dl_1", nowMilliseconds: 40_000) } == false)
            #expect(try await store.session { try await $0.markMessageDeadLetterReplayed(id: "dl_1", at: 41) })
            #expect(try await store.session { try await $0.markMessageDeadLetterReplayed(id: "dl_1", at: 42) } == false)
            let replayed = try await store.session { try await $0.deadLetter(id: "dl_1") }
            #expect(replayed?.replayedAt == 41 && replayed?.replayCount == 1)
            #expect(try await store.session { try await $0.deadLetters() }.isEmpty)
            #expect(try await store.session { try await $0.deadLetters(includeReplayed: true) }.first?.kind == DeadLetterRecord.whatsAppMessageKind)
        }
    }
}

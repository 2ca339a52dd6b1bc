import ConnectorKit
import Foundation
import LooseJSON
import Logging
import SwitchboardCore
@testable import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import WhatsAppKit

/// What a send action does when it cannot know whether WhatsApp accepted a message — a gateway error without a Graph
/// answer — and when a step runs again after the message was sent: never a second message.
@Suite struct WhatsAppSendIdempotencyTests {
    static let accepted = #"{"messaging_product":"whatsapp","contacts":[{"input":"447700900123","wa_id":"447700900123"}],"messages":[{"id":"wamid.ONE"}]}"#

    func context(_ store: Store, pool: WhatsAppClientPool, runID: String = "run-1") -> ActionContext {
        var logger = Logger(label: "send-tests")
        logger.logLevel = .critical
        return ActionContext(runID: runID, flow: "f", stepIndex: 0, stepID: "send", eventConnection: nil, store: store,
                             zendesk: ZendeskClientPool(store: store, secrets: nil, transport: ScriptedTransport([])), whatsapp: pool,
                             failPoints: .none, logger: logger, previousAttemptMayHaveSent: true)
    }

    func setUp(_ store: Store, _ outcomes: [ScriptedTransport.Outcome]) async throws -> (WhatsAppClientPool, ScriptedTransport) {
        let now = Int64(Date().timeIntervalSince1970) - 60
        try await store.session { session in
            let ada = try await session.upsertContact(ContactDetails(name: "Ada", phone: try PhoneNumber(waID: "447700900123")), now: now).contact
            _ = try await session.optInContact(id: ada.id, at: now)
            try await session.upsertTemplate(RegisteredTemplate(name: "switchboard_notice", language: "en_US", bodyParameters: ["text"], status: .approved, updatedAt: now))
        }
        let transport = ScriptedTransport(outcomes)
        let pool = WhatsAppClientPool(store: store, secrets: nil, transport: transport)
        let client = WhatsAppClient(configuration: WhatsAppConfiguration(baseURL: "http://127.0.0.1:9", phoneNumberID: "1055", accessToken: "t"), transport: transport)
        await pool.register(client, for: "whatsapp", settings: WhatsAppConnectionSettings(pairSpacingSeconds: 0))
        return (pool, transport)
    }

    static let input: JSONValue = .object(["to": "+447700900123", "template": "switchboard_notice", "body_params": .array(["Hello"])])

    @Test(arguments: TestDatabase.available)
    func anUnknownOutcomeIsRecordedAndNeverResentBlindly(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (pool, transport) = try await setUp(store, [.respond(.json(502, "<html>Bad gateway</html>")), .respond(.json(200, Self.accepted))])
            let action = WhatsAppSendTemplateAction()
            do {
                _ = try await action.perform(Self.input, context: context(store, pool: pool))
                Issue.record("the send should fail")
            } catch let error as ActionError {
                #expect(error.isPermanent)
                #expect(error.description.contains("may have been delivered"), "\(error)")
            }
            let record = try #require(try await store.session { try await $0.whatsAppMessage(idempotencyKey: "sb:run-1:0") })
            #expect(record.status == .failed)
            #expect(record.error?.title == WhatsAppSendFailure.outcomeUnknownTitle)
            // The step again (a retry or a replay): still nothing sent.
            do {
                _ = try await action.perform(Self.input, context: context(store, pool: pool))
                Issue.record("the second attempt should not send")
            } catch let error as ActionError {
                #expect(error.isPermanent)
                #expect(error.description.contains("never learned whether WhatsApp accepted it"), "\(error)")
            }
            #expect(transport.requests.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStepThatAlreadySentReturnsTheMessageWithoutSendingAgain(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (pool, transport) = try await setUp(store, [.respond(.json(200, Self.accepted)),
                                                            .respond(.json(200, Self.accepted.replacingOccurrences(of: "wamid.ONE", with: "wamid.TWO")))])
            let action = WhatsAppSendTemplateAction()
            let first = try await action.perform(Self.input, context: context(store, pool: pool))
            #expect(first["status"]?.stringValue == "sent")
            #expect(first["wamid"]?.stringValue == "wamid.ONE")
            let second = try await action.perform(Self.input, context: context(store, pool: pool))
            #expect(second["status"]?.stringValue == "already_sent")
            #expect(second["message_id"] == first["message_id"])
            #expect(transport.requests.count == 1)
            // Another run is another message.
            let other = try await action.perform(Self.input, context: context(store, pool: pool, runID: "run-2"))
            #expect(other["status"]?.stringValue == "sent")
            #expect(transport.requests.count == 2)
            let body = String(decoding: try #require(transport.requests.first?.body), as: UTF8.self)
            #expect(body.contains(#""name":"switchboard_notice""#) && body.contains("Hello"))
        }
    }
}

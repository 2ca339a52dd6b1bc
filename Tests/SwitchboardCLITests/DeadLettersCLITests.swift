import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardStore
import Testing

/// `switchboard deadletters list|show|replay` for WhatsApp messages that delivery tracking gave up on, run as real
/// processes against a WhatsApp sandbox: they are listed with whom they were for, shown with the request and
/// WhatsApp's report, and a replay resends the message once — but never to a contact who opted out.
@Suite struct DeadLettersCLITests {
    static let template: JSONValue = [
        "messaging_product": "whatsapp", "to": "447700900123", "type": "template",
        "template": ["name": "stage_update", "language": ["code": "en_US"],
                     "components": [["type": "body", "parameters": [["type": "text", "text": "Dune"], ["type": "text", "text": "typesetting"]]]]],
    ]

    /// A template to `waID` that WhatsApp accepted as `wamid` and reported failed with 131026, dead-lettered.
    static func deadLetter(_ session: StoreSession, id: String, waID: String, wamid: String, optedOut: Bool) async throws {
        let contact = try await session.upsertContact(ContactDetails(name: "Ada \(waID)", phone: try PhoneNumber(waID: waID)), now: 100).contact
        _ = try await session.optInContact(id: contact.id, at: 100)
        if optedOut { _ = try await session.optOutContact(id: contact.id, reason: "replied STOP", at: 200) }
        var payload = Self.template
        if case .object(var fields) = payload { fields["to"] = .string(waID); payload = .object(fields) }
        let message = try await session.recordOutboundMessage(MessageRecord(connection: "whatsapp", contactID: contact.id, waID: waID, direction: .outbound,
                                                                            kind: "template", templateName: "stage_update", templateLanguage: "en_US",
                                                                            payload: payload, idempotencyKey: "sb:run-\(id):0", createdAt: 100)).message
        try await session.attachWamid(messageID: message.id, wamid: wamid, at: 101)
        _ = try await session.applyStatusEvent(MessageStatusEvent(wamid: wamid, status: "failed", at: 102, error: MessageDeliveryError(code: 131026, title: "Message undeliverable"),
                                                                  raw: #"{"status":"failed","errors":[{"code":131026}]}"#), receivedAt: 102)
        _ = try await session.deadLetterMessage(id: id, messageID: message.id, runID: "run-\(id)", flow: "delivery-tracking", action: "whatsapp.handle_failed_message",
                                                payload: ["message_id": .string(message.id), "wamid": .string(wamid), "to": .string(waID), "kind": "template",
                                                          "request": payload, "error": ["code": 131026]],
                                                error: "WhatsApp error 131026 (Message undeliverable). WhatsApp cannot deliver to this number",
                                                response: #"{"status":"failed","errors":[{"code":131026}]}"#, now: 103)
    }

    @Test func aDeadLetteredMessageIsListedShownAndReplayedOnceButNeverToSomeoneWhoOptedOut() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let sandbox = WhatsAppSandbox(configuration: .fastForTests(seed: 21))
        let port = try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let configuration = sandbox.configuration
        let connected = try await home.run(["connect", "whatsapp", "--phone-number-id", configuration.phoneNumberID, "--token", configuration.accessToken,
                                            "--app-secret", configuration.appSecret, "--verify-token", configuration.verifyToken, "--base-url", "http://127.0.0.1:\(port)"])
        #expect(connected.succeeded, "\(connected.stderr)")
        try await home.withStore { store in
            try await store.session { session in
                try await session.upsertTemplate(RegisteredTemplate(name: "stage_update", language: "en_US", bodyParameters: ["title", "stage"], status: .approved, updatedAt: 1))
                try await Self.deadLetter(session, id: "dl-ada", waID: "447700900123", wamid: "wamid.ADA", optedOut: false)
                try await Self.deadLetter(session, id: "dl-bob", waID: "447700900124", wamid: "wamid.BOB", optedOut: true)
            }
        }

        let listed = try await home.run(["deadletters", "list"])
        #expect(listed.succeeded, "\(listed.stderr)")
        #expect(listed.stdout.contains("dl-ada  delivery-tracking → WhatsApp template to 447700900123"), "\(listed.stdout)")
        #expect(listed.stdout.contains("131026"))

        let shown = try await home.run(["deadletters", "show", "dl-ada"])
        #expect(shown.succeeded, "\(shown.stderr)")
        #expect(shown.stdout.contains("an undelivered WhatsApp message"), "\(shown.stdout)")
        #expect(shown.stdout.contains(#""name" : "stage_update""#) || shown.stdout.contains(#""name": "stage_update""#), "\(shown.stdout)")
        #expect(shown.stdout.contains(#"last response: {"status":"failed","errors":[{"code":131026}]}"#))
        #expect(shown.stdout.contains("Replaying resends the message now: switchboard deadletters replay dl-ada"))
        let json = try await home.run(["deadletters", "show", "dl-ada", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "whatsapp_message")
        #expect(try await home.run(["deadletters", "show", "dl-nobody"]).status != 0)

        // Replayed: the template goes again, once.
        let replayed = try await home.run(["deadletters", "replay", "dl-ada"])
        #expect(replayed.succeeded, "\(replayed.stderr)")
        #expect(replayed.stdout.contains("Replayed dl-ada: resent as message wam_"), "\(replayed.stdout)")
        #expect(replayed.stdout.contains("(template stage_update)"))
        let sent = sandbox.sentMessages(to: "447700900123")
        #expect(sent.map(\.templateName) == ["stage_update"])
        #expect(sent.first?.templateParameters == ["Dune", "typesetting"])
        let again = try await home.run(["deadletters", "replay", "dl-ada"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already replayed"))
        #expect(sandbox.sentMessages(to: "447700900123").count == 1)

        // Bob opted out since: not resent, and the dead letter stays open.
        let refused = try await home.run(["deadletters", "replay", "dl-bob"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("dl-bob was not resent: the contact opted out"), "\(refused.stderr)")
        #expect(sandbox.sentMessages(to: "447700900124").isEmpty)
        let remaining = try await home.run(["deadletters", "list", "--json"])
        let open = try #require(try JSONSerialization.jsonObject(with: Data(remaining.stdout.utf8)) as? [[String: Any]])
        #expect(open.map { $0["id"] as? String } == ["dl-bob"])
        #expect(open.first?["kind"] as? String == "whatsapp_message")
    }
}

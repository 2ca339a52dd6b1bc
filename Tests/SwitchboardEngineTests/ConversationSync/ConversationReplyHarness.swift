import ConnectorKit
import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport
import WhatsAppKit

/// The Zendesk sandbox, the WhatsApp sandbox and a Switchboard node (SQLite or PostgreSQL) with the
/// conversation-sync recipe: contacts write through the WhatsApp sandbox's signed webhooks, agents comment in the
/// Zendesk sandbox, whose signed `ticket.comment_added` webhooks (delivered twice each) reach the node, and what
/// reached the contact's phone is read back from the WhatsApp sandbox.
final class ConversationReplyHarness: ZendeskNodeHarness {
    static let adminToken = "reply-admin-token"

    let fixture: ZendeskNodeFixture
    let whatsapp: WhatsAppSandbox

    static func with<T>(_ database: TestDatabase, _ body: (ConversationReplyHarness) async throws -> T) async throws -> T {
        try await withShutdown(try await ConversationReplyHarness(database), body)
    }

    private init(_ database: TestDatabase) async throws {
        // Every webhook is delivered twice: the node must send each reply once all the same.
        var delivery = WebhookDeliveryOptions.fastForTests
        delivery.duplicateProbability = 1
        var whatsapp: WhatsAppSandbox?
        do {
            fixture = try await ZendeskNodeFixture(
                database, name: "conversation-replies", tickets: 2, seed: 7,
                recipe: "conversation-sync", settings: ["backoff": "100ms", "max_delay": "1s", "max_attempts": "30"], adminToken: Self.adminToken,
                runtime: RuntimeConfiguration(node: "replies", concurrency: 4, pollInterval: .milliseconds(50)), webhookDelivery: delivery
            ) { context in
                whatsapp = try await RecipeHarness.startWhatsApp(callbackURL: context.nodeURL + "/webhooks/whatsapp/whatsapp", store: context.store, secrets: context.secrets)
            }
        } catch {
            await whatsapp?.stop()
            throw error
        }
        guard let whatsapp else {
            await fixture.shutdown()
            throw HarnessError("the WhatsApp sandbox did not start")
        }
        self.whatsapp = whatsapp
        do {
            try await fixture.subscribeWebhook(["zen:event-type:ticket.comment_added"])
        } catch {
            await shutdown()
            throw error
        }
    }

    func shutdown() async {
        await fixture.shutdown()
        await whatsapp.stop()
    }

    // MARK: Switchboard

    /// The WhatsApp conversation of `waID`, once its first message is recorded.
    func conversation(waID: String) async throws -> [String: Any] {
        var found: [String: Any]?
        _ = try await eventually {
            let list = try await admin("GET", "/api/conversations?channel=whatsapp")["conversations"] as? [[String: Any]] ?? []
            found = list.first { $0["external_id"] as? String == "whatsapp:\(waID)" }
            return found != nil
        }
        guard let id = found?["id"] as? String else { throw HarnessError("no WhatsApp conversation with \(waID)") }
        return try await admin("GET", "/api/conversations/\(id)")
    }

    func ticketID(_ conversation: [String: Any]) throws -> Int64 {
        try requireValue((conversation["tickets"] as? [[String: Any]])?.first.flatMap { ($0["ticket_id"] as? NSNumber)?.int64Value }, "a ticket")
    }

    /// A message from `waID` whose timestamp is `age` ago, signed with the app secret and posted to the node's
    /// WhatsApp webhook as Meta would (the sandbox itself only sends messages stamped now).
    func receiveOld(from waID: String, text: String, age: TimeInterval) async throws {
        let stamp = Int(Date().timeIntervalSince1970 - age)
        let body = """
            {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
            "metadata":{"display_phone_number":"15550000000","phone_number_id":"\(whatsapp.configuration.phoneNumberID)"},\
            "contacts":[{"profile":{"name":"Old Reader"},"wa_id":"\(waID)"}],\
            "messages":[{"from":"\(waID)","id":"wamid.old-\(UUID().uuidString)","timestamp":"\(stamp)","type":"text","text":{"body":"\(text)"}}]}}]}]}
            """
        let bytes = Array(body.utf8)
        let response = try await TestHTTP.request("POST", nodeURL + "/webhooks/whatsapp/whatsapp", headers: [
            "Content-Type": "application/json",
            "X-Hub-Signature-256": WhatsAppWebhookVerifier.signatureHeaderValue(appSecret: whatsapp.configuration.appSecret, body: bytes),
        ], body: bytes)
        guard response.status == 200 else { throw HarnessError("old message refused: \(response.status) \(response.body)") }
    }

    /// Put `waID` in the contacts directory, opted in (a template outside the window needs the opt-in).
    func optIn(waID: String, name: String) async throws {
        let now = Int64(Date().timeIntervalSince1970) - 3600 * 48
        try await store.session { session in
            let contact = try await session.upsertContact(ContactDetails(name: name, phone: try PhoneNumber(waID: waID), waID: waID), now: now).contact
            _ = try await session.optInContact(id: contact.id, at: now)
        }
    }

    /// Wait until every webhook is delivered and every run has finished; fail on a failed or dead run.
    func settle(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            _ = await zendesk.waitForDeliveries(timeout: .seconds(10))
            _ = await whatsapp.waitUntilIdle(timeout: .seconds(10))
            let counts = try await store.session { try await $0.runCounts() }
            if counts.filter({ !["succeeded", "failed", "dead"].contains($0.key) }).isEmpty {
                try await Task.sleep(for: .milliseconds(200))
                let again = try await store.session { try await $0.runCounts() }
                if again == counts, await zendesk.waitForDeliveries(timeout: .milliseconds(10)) {
                    guard counts.filter({ $0.key != "succeeded" }).isEmpty else { throw HarnessError("runs did not all succeed: \(counts)") }
                    return
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("runs did not finish in time: \(try await store.session { try await $0.runCounts() })")
    }

    func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    /// The outputs of a flow's runs' first step, oldest first.
    func outputs(_ flow: String) async throws -> [JSONValue] {
        try await store.session { session in
            // Oldest first by run id: ids are time-ordered to the millisecond (UUIDv7), `created_at` only to the second,
            // and two runs of one test often start within the same second.
            var outputs: [(String, JSONValue)] = []
            for run in try await session.runs(flow: flow, limit: 500) {
                if let output = try await session.steps(runID: run.id).first?.output { outputs.append((run.id, output)) }
            }
            return outputs.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    // MARK: Zendesk

    func createUser(name: String, email: String, role: String = "end-user") async throws -> Int64 {
        let user = try await zendeskCall("POST", "/api/v2/users.json", ["user": ["name": name, "email": email, "role": role]])["user"] as? [String: Any]
        return try requireValue((user?["id"] as? NSNumber)?.int64Value, "a user id")
    }

    /// An agent (or anyone) comments on the ticket in Zendesk; returns the new comment's id.
    @discardableResult
    func comment(_ ticketID: Int64, _ body: String, public isPublic: Bool, author: Int64) async throws -> Int64 {
        let answer = try await zendeskCall("PUT", "/api/v2/tickets/\(ticketID).json", ["ticket": ["comment": ["body": body, "public": isPublic, "author_id": author]]])
        let events = (answer["audit"] as? [String: Any])?["events"] as? [[String: Any]] ?? []
        return try requireValue(events.first { $0["type"] as? String == "Comment" }.flatMap { ($0["id"] as? NSNumber)?.int64Value }, "the comment id")
    }

    func comments(_ id: Int64) async throws -> [ConversationSyncHarness.Comment] {
        let list = try await zendeskCall("GET", "/api/v2/tickets/\(id)/comments.json")["comments"] as? [[String: Any]] ?? []
        return list.map { ConversationSyncHarness.Comment(body: $0["body"] as? String ?? "", isPublic: $0["public"] as? Bool ?? false,
                                                          authorID: ($0["author_id"] as? NSNumber)?.int64Value ?? 0) }
    }

    /// What the WhatsApp sandbox accepted for `waID`, oldest first.
    func sent(to waID: String) -> [WhatsAppSentMessage] { whatsapp.sentMessages(to: waID) }
}

import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// `whatsapp.notify_title_contacts` and `whatsapp.send_buttons` in a flow over real HTTP: a title's opted-in authors
/// and editors get the template once each (a retried step does not repeat it), the others are listed as skipped with
/// the reason, and reply buttons to a contact whose window is closed go as the fallback template with the buttons'
/// ids as its quick replies.
@Suite struct WhatsAppNotifyFlowTests {
    static let isbn = "9780306406157"

    static let flow = """
        name: title-blocked
        trigger:
          switchboard: { events: [task.created] }
        actions:
          - id: notify
            action: whatsapp.notify_title_contacts
            retry: { max_attempts: 3, backoff: 50ms, jitter: 0 }
            with:
              isbn: "{{task.isbn13}}"
              roles: [author, editor]
              template: title_blocked
              body_params: ["{{task.title}}", "the cover is late"]
              correlation: "task:{{task.id}}"
          - id: ask
            action: whatsapp.send_buttons
            with:
              to: "{{task.owner}}"
              body: "Can you approve the new cover date?"
              buttons: [{ id: ack, title: "Got it" }]
              fallback_template: title_blocked
              fallback_body_params: ["{{task.title}}", "please confirm the cover date"]
        """

    static func items(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    @Test(arguments: TestDatabase.available)
    func aTitlesOptedInContactsAreNotifiedOnceAndTheOthersListedWithTheReason(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.flow]) { harness in
            try await WhatsAppConnections(store: harness.store, secrets: harness.secrets).update { $0.pairSpacingSeconds = 0 }
            let now = Int64(Date().timeIntervalSince1970) - 60
            let title = ContactTitleReference.isbn(try #require(ISBN(Self.isbn)))
            let ids = try await harness.store.session { session -> [String: String] in
                var ids: [String: String] = [:]
                for (name, waID, role, consent) in [("Ada Author", "447700900123", ContactRole.author, "in"), ("Bob Editor", "447700900124", .editor, "out"),
                                                    ("Cy Editor", "447700900125", .editor, "none"), ("Dee Printer", "447700900126", .printer, "in")] {
                    let contact = try await session.upsertContact(ContactDetails(name: name, phone: try PhoneNumber(waID: waID), roles: [role]), now: now).contact
                    try await session.linkContact(id: contact.id, toTitle: title, role: role, now: now)
                    if consent != "none" { _ = try await session.optInContact(id: contact.id, at: now - 10) }
                    if consent == "out" { _ = try await session.optOutContact(id: contact.id, reason: nil, at: now) }
                    ids[name] = contact.id
                }
                try await session.upsertTemplate(RegisteredTemplate(name: "title_blocked", language: "en_US", body: "{{1}} is blocked: {{2}}.",
                                                                    bodyParameters: ["title", "why"], buttons: [RegisteredTemplateButton(text: "Acknowledge", payload: "acknowledge")],
                                                                    status: .approved, updatedAt: now))
                return ids
            }
            harness.sandbox.injectFault(WhatsAppFault(count: 1, code: 131000, httpStatus: 500, recipient: "447700900123"))

            let response = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks", headers: ["Authorization": "Bearer wa-admin", "Content-Type": "application/json"],
                                                      body: Array(#"{"title": "The Last Island", "owner": "+447700900123", "isbn13": "9780306406157"}"#.utf8))
            #expect(response.status == 201, "\(response.body)")
            try await harness.settle()

            let (run, steps) = try await harness.store.session { session in
                let run = try #require(try await session.runs(flow: "title-blocked", limit: 5).first)
                return (run, try await session.steps(runID: run.id))
            }
            #expect(run.status == "succeeded", "\(run.error ?? "")")
            let notify = try #require(steps.first?.output)
            #expect(steps.first?.attempts == 2)
            #expect(notify["sent_count"] == .number(1))
            #expect(Self.items(notify["sent"]).first?["contact_id"]?.stringValue == ids["Ada Author"])
            #expect(Self.items(notify["sent"]).first?["wamid"]?.stringValue?.isEmpty == false)
            let skipped = Dictionary(uniqueKeysWithValues: Self.items(notify["skipped"]).map { ($0["name"]?.stringValue ?? "", $0["reason"]?.stringValue ?? "") })
            #expect(skipped == ["Bob Editor": "the contact opted out", "Cy Editor": "the contact has not opted in to WhatsApp messages"])

            let toAda = harness.sandbox.sentMessages(to: "447700900123")
            #expect(toAda.filter { $0.templateName == "title_blocked" && $0.templateParameters == ["The Last Island", "the cover is late"] }.count == 1)
            #expect(harness.sandbox.sentMessages(to: "447700900124").isEmpty)
            #expect(harness.sandbox.sentMessages(to: "447700900125").isEmpty)
            #expect(harness.sandbox.sentMessages(to: "447700900126").isEmpty)

            // The buttons went as the fallback template (Ada's window is closed), offering the button ids.
            let ask = try #require(steps.last?.output)
            #expect(ask["status"]?.stringValue == "sent")
            #expect(ask["fallback"] == .bool(true))
            #expect(toAda.count == 2)
            #expect(toAda.last?.templateParameters == ["The Last Island", "please confirm the cover date"])
            let record = try await harness.store.session { try await $0.whatsAppMessage(id: try #require(ask["message_id"]?.stringValue)) }
            #expect(record?.replyOptions == ["ack"])
            #expect(record?.wamid == toAda.last?.id)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUndeliverableNumberIsListedAsFailedAndTheOthersAreStillNotified(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.flow]) { harness in
            try await WhatsAppConnections(store: harness.store, secrets: harness.secrets).update { $0.pairSpacingSeconds = 0 }
            let now = Int64(Date().timeIntervalSince1970) - 60
            let title = ContactTitleReference.isbn(try #require(ISBN(Self.isbn)))
            try await harness.store.session { session in
                for (name, waID, role) in [("Ada Author", "447700900123", ContactRole.author), ("Eve Editor", "447700900127", .editor)] {
                    let contact = try await session.upsertContact(ContactDetails(name: name, phone: try PhoneNumber(waID: waID), roles: [role]), now: now).contact
                    try await session.linkContact(id: contact.id, toTitle: title, role: role, now: now)
                    _ = try await session.optInContact(id: contact.id, at: now)
                }
                try await session.upsertTemplate(RegisteredTemplate(name: "title_blocked", language: "en_US", bodyParameters: ["title", "why"],
                                                                    status: .approved, updatedAt: now))
            }
            // Ada's send is refused as undeliverable; Eve's goes.
            harness.sandbox.injectFault(WhatsAppFault(count: 1, code: 131026, httpStatus: 400, recipient: "447700900123"))
            _ = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks", headers: ["Authorization": "Bearer wa-admin", "Content-Type": "application/json"],
                                           body: Array(#"{"title": "The Last Island", "owner": "+447700900199", "isbn13": "9780306406157"}"#.utf8))
            try await harness.settle()
            let steps = try await harness.store.session { session in
                try await session.steps(runID: try #require(try await session.runs(flow: "title-blocked", limit: 5).first).id)
            }
            let notify = try #require(steps.first?.output)
            #expect(steps.first?.attempts == 1)
            #expect(Self.items(notify["sent"]).map { $0["name"]?.stringValue } == ["Eve Editor"])
            let failed = Self.items(notify["failed"])
            #expect(failed.map { $0["name"]?.stringValue } == ["Ada Author"])
            #expect(failed.first?["error"]?.stringValue?.contains("131026") == true, "\(failed)")
            #expect(harness.sandbox.sentMessages(to: "447700900127").count == 1)
            #expect(harness.sandbox.sentMessages(to: "447700900123").isEmpty)
            // The owner is not in the directory: the buttons step skips with the reason.
            #expect(steps.last?.output?["status"]?.stringValue == "skipped")
            #expect(steps.last?.output?["reason"]?.stringValue?.contains("not in the contacts directory") == true)
        }
    }
}

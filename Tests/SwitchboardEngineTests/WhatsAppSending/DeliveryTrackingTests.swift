import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Delivery tracking end to end, over real HTTP with the WhatsApp sandbox: a message WhatsApp accepts and later
/// reports `failed` starts a `message.failed` flow whose `whatsapp.handle_failed_message` step resends a recoverable
/// failure once as a template — however often the failure is reported, and by however many flows — dead-letters the
/// rest (then the flow's next step tells the owner, and a replay resends it), and never messages a contact who opted out.
@Suite struct DeliveryTrackingTests {
    static let ada = "447700900123"

    /// Sends a text (with a fallback template) or a template to the task's owner when a task is created.
    static let sending = """
        name: ask-owner
        trigger:
          switchboard: { events: [task.created] }
        when:
          - { field: task.title, matches: "^Ask" }
        actions:
          - id: text
            if:
              - { field: task.details, equals: text }
            action: whatsapp.send_text
            with:
              to: "{{task.owner}}"
              body: "Can you confirm the cover date of {{task.title}}?"
              fallback_template: title_blocked
              fallback_body_params: ["{{task.title}}", "please confirm the cover date"]
              correlation: "task:{{task.id}}"
          - id: template
            if:
              - { field: task.details, equals: template }
            action: whatsapp.send_template
            with:
              to: "{{task.owner}}"
              template: stage_update
              body_params: ["{{task.title}}", "copy-editing"]
        """

    /// Delivery tracking as a flow author writes it: handle the failure, and tell the owner when it was given up on.
    static func tracking(name: String = "delivery-tracking") -> String {
        """
        name: \(name)
        trigger:
          whatsapp: { events: [message.failed] }
        actions:
          - id: failed
            action: whatsapp.handle_failed_message
            with:
              message_id: "{{message.id}}"
          - id: tell_owner
            if:
              - { field: steps.failed.outcome, equals: dead_lettered }
            action: switchboard.create_task
            with:
              title: "Not delivered on WhatsApp to {{steps.failed.to}}"
              details: "{{steps.failed.error}}. {{steps.failed.reason}}"
              owner: production@example.com
              origin: "whatsapp-failed:{{message.id}}"
              link: false
        """
    }

    /// Ada in the directory, opted in; the two templates approved; pacing off.
    static func setUp(_ harness: WhatsAppHarness, windowOpenAtSwitchboard: Bool = false) async throws -> String {
        try await WhatsAppConnections(store: harness.store, secrets: harness.secrets).update { $0.pairSpacingSeconds = 0 }
        let now = Int64(Date().timeIntervalSince1970) - 60
        return try await harness.store.session { session in
            let contact = try await session.upsertContact(ContactDetails(name: "Ada Author", phone: try PhoneNumber(waID: Self.ada)), now: now).contact
            _ = try await session.optInContact(id: contact.id, at: now)
            if windowOpenAtSwitchboard { try await session.recordInboundActivity(contactID: contact.id, at: now) }
            try await session.upsertTemplate(RegisteredTemplate(name: "title_blocked", language: "en_US", body: "{{1}} is blocked: {{2}}.",
                                                                bodyParameters: ["title", "why"], buttons: [RegisteredTemplateButton(text: "Acknowledge", payload: "acknowledge")],
                                                                status: .approved, updatedAt: now))
            try await session.upsertTemplate(RegisteredTemplate(name: "stage_update", language: "en_US", body: "Update on {{1}}: it has moved to {{2}}.",
                                                                bodyParameters: ["title", "stage"], status: .approved, updatedAt: now))
            return contact.id
        }
    }

    static func createTask(_ harness: WhatsAppHarness, title: String, details: String) async throws {
        let body = #"{"title": "\#(title)", "owner": "+\#(ada)", "details": "\#(details)"}"#
        let response = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks", headers: ["Authorization": "Bearer wa-admin", "Content-Type": "application/json"],
                                                  body: Array(body.utf8))
        #expect(response.status == 201, "\(response.body)")
    }

    /// The steps of every run of `flow`, oldest run first.
    static func runs(_ harness: WhatsAppHarness, _ flow: String) async throws -> [(RunRecord, [StepRecord])] {
        try await harness.store.session { session in
            var result: [(RunRecord, [StepRecord])] = []
            for run in try await session.runs(flow: flow, limit: 50).sorted(by: { $0.createdAt < $1.createdAt }) {
                result.append((run, try await session.steps(runID: run.id)))
            }
            return result
        }
    }

    @Test(arguments: TestDatabase.available)
    func aWindowClosedAtWhatsAppIsResentOnceAsTheFallbackTemplateThoughReportedTwiceAndHandledByTwoFlows(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.sending, Self.tracking(), Self.tracking(name: "delivery-tracking-2")], duplicates: 1) { harness in
            // Switchboard saw Ada write a minute ago; WhatsApp did not (its window is closed), so the text is accepted and fails with 131047.
            _ = try await Self.setUp(harness, windowOpenAtSwitchboard: true)
            try await Self.createTask(harness, title: "Ask The Last Island", details: "text")
            try await harness.settle()

            let sent = harness.sandbox.sentMessages(to: Self.ada)
            #expect(sent.map(\.type) == ["text", "template"], "\(sent.map { "\($0.type) \($0.templateName ?? "")" })")
            #expect(sent.first?.statuses.map(\.status) == ["failed"])
            #expect(sent.first?.statuses.first?.errorCode == 131047)
            #expect(sent.last?.templateName == "title_blocked")
            #expect(sent.last?.templateParameters == ["Ask The Last Island", "please confirm the cover date"])
            #expect(sent.last?.buttons.map(\.id) == ["acknowledge"])
            // The failure was delivered twice (the status is recorded once) and handled by two flows.
            let failure = harness.sandbox.webhooks().first { $0.kind == "status" && $0.messageID == sent.first?.id && $0.detail == "failed" }
            #expect((failure?.duplicatesSent ?? 0) >= 1)
            var outputs: [JSONValue] = []
            for flow in ["delivery-tracking", "delivery-tracking-2"] {
                let runs = try await Self.runs(harness, flow)
                #expect(runs.count == 1, "\(flow) ran \(runs.count) times")
                let steps = try #require(runs.first?.1)
                #expect(steps.map(\.status) == ["succeeded", "skipped"], "\(steps.map { "\($0.status) \($0.error ?? "")" })")
                outputs.append(try #require(steps.first?.output))
            }
            #expect(outputs.map { $0["outcome"]?.stringValue } == ["retried_as_template", "retried_as_template"])
            // Both runs name the one resend (they may have raced for it).
            #expect(Set(outputs.compactMap { $0["retry_message_id"]?.stringValue }).count == 1)
            #expect(outputs.compactMap { $0["retry_wamid"]?.stringValue }.allSatisfy { $0 == sent.last?.id })
            #expect(outputs.first?["code"] == .number(131047))
            #expect(outputs.first?["template"]?.stringValue == "title_blocked")
            // The resend carries the original message's correlation, and nobody was told (nothing was given up on).
            let resent = try await harness.store.session { try await $0.whatsAppMessage(wamid: sent.last?.id ?? "?") }
            #expect(resent?.correlation == (try await harness.store.session { try await $0.whatsAppMessage(wamid: sent.first?.id ?? "?") })?.correlation)
            #expect(resent?.correlation?.hasPrefix("task:") == true)
            #expect(try await harness.store.session { try await $0.deadLetters() }.isEmpty)
            #expect(try await harness.store.session { try await $0.tasks() }.filter { $0.title.hasPrefix("Not delivered") }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTransientFailureOfATemplateIsResentAsTheSameTemplateOnceAndASecondFailureIsDeadLettered(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.sending, Self.tracking()]) { harness in
            _ = try await Self.setUp(harness)
            // Accepted, then reported failed with 131000; the resend fails the same way.
            harness.sandbox.injectDeliveryFault(WhatsAppDeliveryFault(count: 2, code: 131000, recipient: Self.ada))
            try await Self.createTask(harness, title: "Ask Silver Fenwick", details: "template")
            try await harness.settle()

            let sent = harness.sandbox.sentMessages(to: Self.ada)
            #expect(sent.map(\.templateName) == ["stage_update", "stage_update"])
            #expect(sent.map(\.templateParameters) == [["Ask Silver Fenwick", "copy-editing"], ["Ask Silver Fenwick", "copy-editing"]])
            #expect(sent.map { $0.statuses.map(\.errorCode) } == [[131000], [131000]])
            // The first failure was resent; the resend's failure was dead-lettered and the owner told.
            let runs = try await Self.runs(harness, "delivery-tracking")
            #expect(runs.count == 2)
            let retried = runs.first { $0.1.first?.output?["wamid"]?.stringValue == sent.first?.id }
            let given = runs.first { $0.1.first?.output?["wamid"]?.stringValue == sent.last?.id }
            #expect(retried?.1.first?.output?["outcome"]?.stringValue == "retried_as_template")
            #expect(retried?.1.first?.output?["retry_wamid"]?.stringValue == sent.last?.id)
            #expect(retried?.1.last?.status == "skipped")
            #expect(given?.1.first?.output?["outcome"]?.stringValue == "dead_lettered")
            #expect(given?.1.first?.output?["reason"]?.stringValue?.contains("resent message failed too") == true)
            #expect(given?.1.last?.status == "succeeded")
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUndeliverableMessageIsDeadLetteredTheOwnerToldAndAReplayResendsItOnce(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.sending, Self.tracking()]) { harness in
            _ = try await Self.setUp(harness)
            harness.sandbox.setContact(Self.ada, isOnWhatsApp: false)
            try await Self.createTask(harness, title: "Ask The Last Island", details: "template")
            try await harness.settle()

            #expect(harness.sandbox.sentMessages(to: Self.ada).count == 1)
            let runs = try await Self.runs(harness, "delivery-tracking")
            let steps = try #require(runs.first?.1)
            #expect(runs.count == 1)
            #expect(steps.map(\.status) == ["succeeded", "succeeded"], "\(steps.map { "\($0.status) \($0.error ?? "")" })")
            let output = try #require(steps.first?.output)
            #expect(output["outcome"]?.stringValue == "dead_lettered")
            #expect(output["code"] == .number(131026))
            #expect(output["reason"]?.stringValue?.contains("cannot deliver to this number") == true)

            // The fallback step told the owner.
            let task = try #require(try await harness.store.session { try await $0.tasks() }.first { $0.title == "Not delivered on WhatsApp to \(Self.ada)" })
            #expect(task.owner == "production@example.com")
            #expect(task.details?.contains("131026") == true)

            // The dead letter keeps the message, the request body, the error and WhatsApp's report.
            let letter = try #require(try await harness.store.session { try await $0.deadLetters() }.first)
            #expect(letter.id == output["dead_letter_id"]?.stringValue)
            #expect(letter.isWhatsAppMessage)
            #expect(letter.messageID == output["message_id"]?.stringValue)
            #expect(letter.flow == "delivery-tracking")
            #expect(letter.payload["request"]?["template"]?["name"]?.stringValue == "stage_update")
            #expect(letter.payload["error"]?["code"] == .number(131026))
            #expect(letter.errors.count == 1 && letter.errors[0].contains("131026"))
            #expect(letter.lastResponse?.contains("131026") == true, "\(letter.lastResponse ?? "nil")")
            let listed = try await TestHTTP.get(harness.nodeURL + "/api/deadletters", bearer: "wa-admin")
            #expect(listed.body.contains(#""kind":"whatsapp_message""#), "\(listed.body)")

            // Fixed (the number is on WhatsApp again): a replay resends the template, once.
            harness.sandbox.setContact(Self.ada, isOnWhatsApp: true)
            let replayURL = harness.nodeURL + "/api/deadletters/\(letter.id)/replay"
            let replayed = try await TestHTTP.request("POST", replayURL, headers: ["Authorization": "Bearer wa-admin"])
            #expect(replayed.status == 200, "\(replayed.body)")
            let again = try await TestHTTP.request("POST", replayURL, headers: ["Authorization": "Bearer wa-admin"])
            #expect(again.status == 409)
            try await harness.settle()
            let sent = harness.sandbox.sentMessages(to: Self.ada)
            #expect(sent.count == 2)
            #expect(sent.last?.templateName == "stage_update")
            #expect(sent.last?.templateParameters == ["Ask The Last Island", "copy-editing"])
            #expect(sent.last?.statuses.map(\.status).contains("delivered") == true)
            #expect(try await harness.store.session { try await $0.deadLetter(id: letter.id) }?.replayedAt != nil)
            #expect(try await harness.store.session { try await $0.deadLetters() }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aContactWhoOptedOutBeforeTheFailureArrivedIsNeverResentToNorReportedToTheOwner(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.sending, Self.tracking()]) { harness in
            let contactID = try await Self.setUp(harness, windowOpenAtSwitchboard: true)
            // The failure (131047) is reported seconds after the text was accepted (long enough for a loaded machine);
            // Ada opts out meanwhile.
            harness.sandbox.setStatusTiming(StatusTiming(sent: .seconds(8), delivered: .milliseconds(8100), read: nil))
            try await Self.createTask(harness, title: "Ask The Last Island", details: "text")
            #expect(try await harness.eventually { harness.sandbox.sentMessages(to: Self.ada).count == 1 })
            let optOut = try await TestHTTP.request("POST", harness.nodeURL + "/api/contacts/\(contactID)/opt-out",
                                                    headers: ["Authorization": "Bearer wa-admin", "Content-Type": "application/json"],
                                                    body: Array(#"{"reason": "asked by phone"}"#.utf8))
            #expect(optOut.status == 200, "\(optOut.body)")
            #expect(harness.sandbox.sentMessages(to: Self.ada).first?.statuses.isEmpty == true, "the failure arrived before the opt-out; the test proves nothing")
            try await harness.settle()

            #expect(harness.sandbox.sentMessages(to: Self.ada).map(\.type) == ["text"])
            let runs = try await Self.runs(harness, "delivery-tracking")
            #expect(runs.count == 1)
            #expect(runs.first?.1.first?.output?["outcome"]?.stringValue == "ignored")
            #expect(runs.first?.1.first?.output?["reason"]?.stringValue?.contains("opted out") == true)
            #expect(runs.first?.1.last?.status == "skipped")
            #expect(try await harness.store.session { try await $0.deadLetters() }.isEmpty)
        }
    }
}

import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Flows that send WhatsApp messages, end to end over real HTTP: a task created through the admin API starts a
/// flow whose `whatsapp.send_template` reaches the sandbox exactly once although the first attempt meets a 500, the
/// record carries the `wamid` and correlation, an opted-out contact is skipped, and free-form text outside the
/// 24-hour window falls back to the template.
@Suite struct WhatsAppSendFlowTests {
    static let ada = "447700900123"
    static let bob = "447700900124"

    static let templateFlow = """
        name: remind-owner
        trigger:
          switchboard: { events: [task.created] }
        actions:
          - id: send
            action: whatsapp.send_template
            retry: { max_attempts: 4, backoff: 50ms, jitter: 0 }
            with:
              to: "{{task.owner}}"
              template: deadline_reminder
              body_params: ["{{task.title}}", "The Last Island", "15 January"]
              correlation: "task:{{task.id}}"
        """

    static let textFlow = """
        name: thank-owner
        trigger:
          switchboard: { events: [task.completed] }
        actions:
          - id: text
            action: whatsapp.send_text
            with:
              to: "{{task.owner}}"
              body: "Thanks for finishing {{task.title}}"
              fallback_template: switchboard_notice
              fallback_body_params: ["Thanks for finishing {{task.title}}"]
              correlation: "task:{{task.id}}"
        """

    func post(_ harness: WhatsAppHarness, _ path: String, _ json: String) async throws -> [String: Any] {
        let response = try await TestHTTP.request("POST", harness.nodeURL + path, headers: ["Authorization": "Bearer wa-admin", "Content-Type": "application/json"],
                                                  body: Array(json.utf8))
        return response.json as? [String: Any] ?? [:]
    }

    func stepOutputs(_ harness: WhatsAppHarness, flow: String) async throws -> [(run: RunRecord, output: JSONValue?, attempts: Int)] {
        try await harness.store.session { session in
            var result: [(RunRecord, JSONValue?, Int)] = []
            for run in try await session.runs(flow: flow, limit: 100).sorted(by: { $0.createdAt < $1.createdAt }) {
                let step = try await session.steps(runID: run.id).first
                result.append((run, step?.output, step?.attempts ?? 0))
            }
            return result
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTemplateFlowSendsOnceDespiteARetrySkipsTheOptedOutAndFallsBackOutsideTheWindow(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.templateFlow, Self.textFlow]) { harness in
            try await WhatsAppConnections(store: harness.store, secrets: harness.secrets).update { $0.pairSpacingSeconds = 0 }
            let now = Int64(Date().timeIntervalSince1970) - 60
            try await harness.store.session { session in
                let ada = try await session.upsertContact(ContactDetails(name: "Ada Author", phone: try PhoneNumber(waID: Self.ada), roles: [.author]), now: now).contact
                _ = try await session.optInContact(id: ada.id, at: now)
                let bob = try await session.upsertContact(ContactDetails(name: "Bob Editor", phone: try PhoneNumber(waID: Self.bob), roles: [.editor]), now: now).contact
                _ = try await session.optInContact(id: bob.id, at: now - 10)
                _ = try await session.optOutContact(id: bob.id, reason: "replied STOP", at: now)
                try await session.upsertTemplate(RegisteredTemplate(name: "deadline_reminder", language: "en_US", body: "Reminder: {{1}} for {{2}} is due on {{3}}.",
                                                                    bodyParameters: ["what", "title", "date"], status: .approved, updatedAt: now))
                try await session.upsertTemplate(RegisteredTemplate(name: "switchboard_notice", language: "en_US", body: "{{1}}", bodyParameters: ["text"],
                                                                    status: .approved, updatedAt: now))
            }
            harness.sandbox.injectFault(WhatsAppFault(count: 1, code: 131000, httpStatus: 500))

            // Ada: the first attempt meets the 500, the retry sends; the sandbox sees exactly one message.
            let task = try await post(harness, "/api/tasks", #"{"title": "Check the proofs", "owner": "+447700900123"}"#)
            let taskID = try #require(task["id"] as? String)
            try await harness.settle()
            let sentToAda = harness.sandbox.sentMessages(to: Self.ada)
            #expect(sentToAda.count == 1)
            #expect(sentToAda.first?.templateName == "deadline_reminder")
            #expect(sentToAda.first?.templateParameters == ["Check the proofs", "The Last Island", "15 January"])
            let first = try #require(try await stepOutputs(harness, flow: "remind-owner").first)
            #expect(first.run.status == "succeeded")
            #expect(first.attempts == 2)
            #expect(first.output?["status"]?.stringValue == "sent")
            let wamid = try #require(first.output?["wamid"]?.stringValue)
            #expect(wamid == sentToAda.first?.id)
            let records = try await harness.store.session { try await $0.whatsAppMessages(correlation: "task:\(taskID)") }
            let sent = try #require(records.first { $0.wamid != nil })
            #expect(sent.wamid == wamid)
            #expect(sent.templateName == "deadline_reminder")
            #expect(sent.body == "Reminder: Check the proofs for The Last Island is due on 15 January.")
            #expect(records.filter { $0.status == .failed }.map { $0.error?.code } == [131000])
            #expect(records.count == 2)
            #expect(sentToAda.first?.bizOpaqueCallbackData == sent.id)

            // Bob opted out: skipped with the reason, nothing sent, the run still succeeds.
            _ = try await post(harness, "/api/tasks", #"{"title": "Order review copies", "owner": "+447700900124"}"#)
            try await harness.settle()
            let second = try #require(try await stepOutputs(harness, flow: "remind-owner").last)
            #expect(second.run.status == "succeeded")
            #expect(second.output?["status"]?.stringValue == "skipped")
            #expect(second.output?["reason"]?.stringValue == "the contact opted out (replied STOP)")
            #expect(harness.sandbox.sentMessages(to: Self.bob).isEmpty)

            // Free-form text to Ada, whose window is closed (she never wrote): the fallback template goes instead.
            _ = try await post(harness, "/api/tasks/\(taskID)/status", #"{"status": "done"}"#)
            try await harness.settle()
            let thanks = try #require(try await stepOutputs(harness, flow: "thank-owner").first)
            #expect(thanks.run.status == "succeeded")
            #expect(thanks.output?["status"]?.stringValue == "sent")
            #expect(thanks.output?["fallback"] == .bool(true))
            #expect(thanks.output?["template"]?.stringValue == "switchboard_notice")
            let allToAda = harness.sandbox.sentMessages(to: Self.ada)
            #expect(allToAda.count == 2)
            #expect(allToAda.last?.type == "template")
            #expect(allToAda.last?.templateName == "switchboard_notice")
            #expect(allToAda.last?.templateParameters == ["Thanks for finishing Check the proofs"])

            // Inside the window the same flow sends the text itself.
            _ = harness.sandbox.receive(from: Self.ada, .text("Hello"))
            #expect(try await harness.eventually {
                try await harness.store.session { try await $0.contact(phone: try PhoneNumber(waID: Self.ada))?.lastInboundAt } != nil
            })
            let other = try await post(harness, "/api/tasks", #"{"title": "Approve the cover", "owner": "+447700900123"}"#)
            _ = try await post(harness, "/api/tasks/\(try #require(other["id"] as? String))/status", #"{"status": "done"}"#)
            try await harness.settle()
            let texts = harness.sandbox.sentMessages(to: Self.ada).filter { $0.type == "text" }
            #expect(texts.map(\.body) == ["Thanks for finishing Approve the cover"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUnapprovedTemplateDeadLettersTheStepWithItsNameAndSendsNothing(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database, flows: [Self.templateFlow]) { harness in
            let now = Int64(Date().timeIntervalSince1970) - 60
            try await harness.store.session { session in
                let ada = try await session.upsertContact(ContactDetails(name: "Ada Author", phone: try PhoneNumber(waID: Self.ada)), now: now).contact
                _ = try await session.optInContact(id: ada.id, at: now)
                try await session.upsertTemplate(RegisteredTemplate(name: "deadline_reminder", language: "en_US", status: .paused, updatedAt: now))
            }
            _ = try await post(harness, "/api/tasks", #"{"title": "Check the proofs", "owner": "+447700900123"}"#)
            try await harness.settle()
            let run = try #require(try await stepOutputs(harness, flow: "remind-owner").first)
            #expect(run.run.status == "failed")
            #expect(run.attempts == 1)
            #expect(run.run.error?.contains("\"deadline_reminder\" is not approved") == true, "\(run.run.error ?? "")")
            #expect(harness.sandbox.sentMessages(to: Self.ada).isEmpty)
        }
    }
}

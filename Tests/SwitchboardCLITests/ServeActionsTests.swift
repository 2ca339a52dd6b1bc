import Foundation
import Sandbox
import SwitchboardTestSupport
import Testing

/// Every Zendesk action against the sandbox over real HTTP, started by a Zendesk *trigger* webhook with a custom
/// JSON body (the second payload kind), through `switchboard serve`.
@Suite struct ServeActionsTests {
    static let flow = """
        name: vip-intake
        trigger:
          zendesk.webhook:
            events: [trigger]
        actions:
          - id: customer
            action: zendesk.find_or_create_user
            with:
              email: "{{payload.contact_email}}"
              name: "{{payload.contact_name}}"
          - id: followup
            action: zendesk.create_ticket
            with:
              subject: "Follow-up: {{payload.subject}}"
              body: "Opened by Switchboard for ticket {{ticket.id}}."
              public: false
              requester_id: "{{steps.customer.user_id}}"
              tags: [followup]
          - id: similar
            action: zendesk.search_tickets
            with:
              query: "tags:followup"
          - id: macro
            action: zendesk.upsert_macro
            with:
              title: "Switchboard: VIP follow-up"
              actions:
                - { field: comment_value, value: "We are on it." }
          - id: escalate
            action: zendesk.update_ticket
            with:
              ticket_id: "{{ticket.id}}"
              status: pending
              priority: urgent
              group_id: "{{payload.group_id}}"
              assignee_id: "{{payload.assignee_id}}"
              custom_fields: { "360000000042": "audio rights" }
              remove_tags: [vip]
              add_tags: [switchboard_vip]
        """

    static let basic = "Basic " + Data("admin@example.com/token:sandbox-token".utf8).base64EncodedString()

    @Test func aTriggerWebhookRunsEveryZendeskAction() async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 5)) { sandbox, baseURL in
            sandbox.setWebhookDelivery(.fastForTests)
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL)
            defer { fixture.remove() }
            try await fixture.connect()
            try fixture.writeFlow("vip", Self.flow)
            let port = TestHTTP.freePort()
            let webhook = try sandbox.createWebhook(name: "Switchboard triggers", endpoint: "http://127.0.0.1:\(port)/webhooks/zendesk/default")
            try await fixture.run(["webhooks", "zendesk", "secret", "--secret", webhook.secret])
            // An agent and their group, from a seeded ticket, for the update step.
            let listed = try await TestHTTP.request("GET", baseURL + "/api/v2/tickets.json", headers: ["Authorization": Self.basic])
            let seeded = ((listed.json as? [String: Any])?["tickets"] as? [[String: Any]] ?? []).first { $0["group_id"] is NSNumber && $0["assignee_id"] is NSNumber }
            let group = try #require((seeded?["group_id"] as? NSNumber)?.int64Value)
            let assignee = try #require((seeded?["assignee_id"] as? NSNumber)?.int64Value)
            let body = #"{"ticket_id": {{ticket.id}}, "subject": "{{ticket.title}}", "contact_email": "agent.smith@literary.example", "contact_name": "Jo Smith", "#
                + #""group_id": \#(group), "assignee_id": \#(assignee)}"#
            let trigger: [String: Any] = ["trigger": [
                "title": "VIP intake to Switchboard", "active": true,
                "conditions": ["all": [["field": "update_type", "operator": "is", "value": "Create"],
                                       ["field": "current_tags", "operator": "includes", "value": "vip"]]],
                "actions": [["field": "notification_webhook", "value": [webhook.id, body]]],
            ]]
            let created = try await TestHTTP.request("POST", baseURL + "/api/v2/triggers.json", headers: ["Authorization": Self.basic, "Content-Type": "application/json"],
                                                     body: Array(try JSONSerialization.data(withJSONObject: trigger)))
            #expect(created.status == 201, "\(created.body)")
            let serve = try await fixture.startServe(port: port)
            defer { serve.kill(signal: SIGTERM) }

            let ticket = try sandbox.createTicket(subject: "Rights question from an agent", body: "Who holds audio rights?", tags: ["vip", "rights"])
            try await ServeFixture.waitUntil("the run to finish") {
                let status = try await fixture.runs(port).first?["status"] as? String
                return status != nil && status != "running"
            }
            let runs = try await fixture.runs(port)
            #expect(runs.count == 1)
            let detail = try await fixture.admin(port, "runs/\(runs[0]["id"] as? String ?? "")")
            #expect(runs.first?["status"] as? String == "succeeded", "\(detail)")
            let outputs = (detail["steps"] as? [[String: Any]] ?? []).map { $0["output"] as? [String: Any] ?? [:] }

            let contact = try #require(sandbox.userSummaries().first { $0.email == "agent.smith@literary.example" })
            #expect(contact.name == "Jo Smith")
            #expect((outputs[0]["user_id"] as? NSNumber)?.int64Value == contact.id)
            #expect(outputs[0]["created"] as? Bool == true)

            let followups = sandbox.ticketSummaries().filter { $0.subject == "Follow-up: Rights question from an agent" }
            #expect(followups.count == 1)
            #expect(followups.first?.requesterID == contact.id)
            #expect(followups.first?.tags == ["followup"])
            #expect((outputs[2]["ticket_ids"] as? [NSNumber])?.map(\.int64Value).contains(followups.first?.id ?? -1) == true, "\(outputs[2])")

            #expect(outputs[3]["created"] as? Bool == true)
            let macros = try await TestHTTP.request("GET", baseURL + "/api/v2/macros/search.json?query=VIP%20follow-up", headers: ["Authorization": Self.basic])
            #expect(macros.body.contains("Switchboard: VIP follow-up"), "\(macros.body)")

            let updated = try await TestHTTP.request("GET", baseURL + "/api/v2/tickets/\(ticket).json", headers: ["Authorization": Self.basic])
            let fields = (updated.json as? [String: Any])?["ticket"] as? [String: Any] ?? [:]
            #expect(fields["status"] as? String == "pending")
            #expect(fields["priority"] as? String == "urgent")
            #expect((fields["group_id"] as? NSNumber)?.int64Value == group)
            #expect((fields["assignee_id"] as? NSNumber)?.int64Value == assignee)
            let custom = (fields["custom_fields"] as? [[String: Any]] ?? []).first { ($0["id"] as? NSNumber)?.int64Value == 360000000042 }
            #expect(custom?["value"] as? String == "audio rights", "\(fields["custom_fields"] ?? "none")")
            #expect(Set(fields["tags"] as? [String] ?? []) == ["rights", "switchboard_vip"], "vip removed, switchboard_vip added, rights kept")

            let event = try #require(try await fixture.events(port).first)
            #expect(event["type"] as? String == "trigger")
            #expect(((event["context"] as? [String: Any])?["ticket"] as? [String: Any])?["id"] as? NSNumber == NSNumber(value: ticket))
        }
    }
}

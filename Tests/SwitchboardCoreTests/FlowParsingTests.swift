import LooseJSON
import SwitchboardCore
import Testing

@Suite struct FlowParsingTests {
    static let good = """
        name: triage-vip
        description: Note and tag new VIP tickets
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        when:
          - field: ticket.priority
            in: [high, urgent]
          - any:
              - { field: ticket.tags, contains: vip }
              - { field: ticket.subject, matches: "(?i)refund" }
        actions:
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "Triaged: {{ticket.subject}} ({{#ticket.tags}}{{.}} {{/ticket.tags}})"
              public: false
            retry: { max_attempts: 3, backoff: 1s }
          - action: zendesk.update_ticket
            with:
              ticket_id: "{{ticket.id}}"
              add_tags: [switchboard_triaged]
              priority: urgent
        """

    @Test func aGoodFlowLoadsWithoutDiagnostics() throws {
        let (flow, diagnostics) = FlowLoader.load(text: Self.good, file: "flows/triage.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let loaded = try #require(flow)
        #expect(loaded.name == "triage-vip")
        #expect(loaded.steps.map(\.id) == ["note", "step2"])
        #expect(loaded.steps[0].retry.maxAttempts == 3)
        #expect(loaded.steps[1].retry == .standard)
        #expect(loaded.trigger == .zendeskWebhook(connection: nil, events: ["ticket.created"]))
    }

    @Test func aTypoInAnActionNameIsReportedAtItsLineAndColumn() {
        let text = Self.good.replacingOccurrences(of: "action: zendesk.add_comment", with: "action: zendesk.add_coment")
        let (flow, diagnostics) = FlowLoader.load(text: text, file: "flows/triage.yaml")
        #expect(flow == nil)
        #expect(diagnostics.map(\.description) == [#"flows/triage.yaml:14:13: unknown action "zendesk.add_coment" (did you mean "zendesk.add_comment"?)"#])
    }

    @Test(arguments: [
        ("trigger:\n  zendesk.webhok:\n    events: [ticket.created]\nactions:\n  - action: core.log\n    with: { message: hi }\n",
         #"f.yaml:2:3: unknown trigger "zendesk.webhok" (did you mean "zendesk.webhook"?); expected one of zendesk.webhook, zendesk.mirror, consonance, whatsapp, switchboard, schedule"#),
        ("trigger:\n  zendesk.webhook:\n    events: [ticket.creatd]\nactions:\n  - action: core.log\n    with: { message: hi }\n",
         #"f.yaml:3:14: unknown zendesk.webhook event "ticket.creatd" (did you mean "ticket.created"?)"#),
        ("trigger:\n  zendesk.webhook: { events: [ticket.created] }\nwhen:\n  - field: ticket.stauts\n    equals: open\nactions:\n  - action: core.log\n    with: { message: hi }\n",
         #"f.yaml:4:12: unknown field "ticket.stauts" (did you mean "ticket.status"?)"#),
        ("trigger:\n  zendesk.webhook: { events: [ticket.created] }\nwhen:\n  - field: ticket.status\n    equals: opne\nactions:\n  - action: core.log\n    with: { message: hi }\n",
         #"f.yaml:4:12: "opne" is never a value of ticket.status; expected one of new, open, pending, hold, solved, closed, deleted"#),
        ("trigger:\n  zendesk.webhook: { events: [ticket.created] }\nactions:\n  - action: zendesk.add_comment\n    with:\n      ticket_id: \"{{ticket.id}}\"\n      bodi: hi\n",
         #"f.yaml:4:13: zendesk.add_comment needs the parameter "body" (Text of the comment.)"#),
        ("trigger:\n  zendesk.webhook: { events: [ticket.created] }\nactions:\n  - action: zendesk.add_comment\n    with:\n      ticket_id: \"{{ticket.subject}}\"\n      body: hi\n",
         #"f.yaml:6:18: ticket_id must be integer, but {{ticket.subject}} is string"#),
        ("trigger:\n  zendesk.webhook: { events: [ticket.created] }\nactions:\n  - action: zendesk.add_comment\n    with:\n      ticket_id: \"{{ticket.id}}\"\n      body: \"Hi {{ticket.requester.name}}\"\n",
         #"f.yaml:7:13: template variable "ticket.requester.name" does not exist (did you mean "ticket.requester_id"?)"#),
        ("trigger:\n  zendesk.webhook: { events: [ticket.created] }\nactions:\n  - action: zendesk.add_comment\n    with:\n      ticket_id: \"{{ticket.id}}\"\n      body: \"Hi {{#ticket.tags}}\"\n",
         #"f.yaml:7:13: bad template "Hi {{#ticket.tags}}": section {{#ticket.tags}} is never closed"#),
        ("trigger:\n  schedule: { daily: \"8am\" }\nactions:\n  - action: core.log\n    with: { message: hi }\n",
         #"f.yaml:2:22: daily needs a time as "HH:MM" (quoted), such as "08:00"; got "8am""#),
        ("trigger:\n  schedule: { cron: \"0 25 * * *\" }\nactions:\n  - action: core.log\n    with: { message: hi }\n",
         #"f.yaml:2:21: hour value "25" must be between 0 and 23"#),
        ("trigger: { zendesk.webhook: { events: [ticket.created] } }\nactions:\n  - action: zendesk.update_ticket\n    with: { ticket_id: 5, add_tags: vip }\n",
         #"f.yaml:4:37: add_tags must be list of string, but "vip" is text"#),
        ("trigger: { zendesk.webhook: { events: [ticket.created] } }\nactions:\n  - action: zendesk.update_ticket\n    with: { ticket_id: 5, status: finished }\n",
         #"f.yaml:4:35: "finished" is not a valid status; expected one of new, open, pending, hold, solved, closed"#),
        ("trigger: { zendesk.webhook: { events: [ticket.created] } }\nactions:\n  - action: core.log\n    with: { message: \"{{steps.later.x}}\" }\n  - id: later\n    action: core.log\n    with: { message: hi }\n",
         #"f.yaml:4:22: template variable "steps.later.x" does not exist"#),
        ("trigger: { zendesk.webhook: { events: [ticket.created] } }\nactions:\n  - action: core.log\n    with: { message: hi }\ncolour: blue\n",
         #"f.yaml:5:1: unknown field "colour" in a flow; expected name, description, enabled, trigger, when, actions, retry"#),
        ("trigger: [\n", #"f.yaml:2:1: invalid YAML: while parsing a flow node, did not find expected node content"#),
    ])
    func lintFindsTheProblemAtItsPlace(_ text: String, _ expected: String) {
        let (flow, diagnostics) = FlowLoader.load(text: text, file: "f.yaml")
        #expect(flow == nil)
        #expect(diagnostics.map(\.description).contains(expected), "got \(diagnostics.map(\.description))")
    }

    @Test func laterStepsCanReadEarlierOutputs() {
        let text = """
            trigger: { zendesk.mirror: { events: [ticket.created] } }
            actions:
              - id: user
                action: zendesk.find_or_create_user
                with: { email: "{{ticket.external_id}}" }
              - action: zendesk.add_comment
                with: { ticket_id: "{{ticket.id}}", body: "user {{steps.user.user_id}}", author_id: "{{steps.user.user_id}}" }
            """
        let (flow, diagnostics) = FlowLoader.load(text: text, file: "f.yaml")
        #expect(flow != nil, "\(diagnostics)")
    }
}

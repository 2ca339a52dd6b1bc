import SwitchboardCore
import Testing

/// `flows lint` knows the `whatsapp` trigger: its events, and the fields those events carry.
@Suite struct WhatsAppTriggerLintTests {
    static func lint(_ events: String, _ message: String) -> [FlowDiagnostic] {
        let text = """
            name: wa
            trigger:
              whatsapp: { events: [\(events)] }
            actions:
              - action: core.log
                with: { message: "\(message)" }
            """
        let (flow, diagnostics) = FlowLoader.load(text: text, file: "wa.yaml")
        _ = flow
        return diagnostics
    }

    @Test func everyDocumentedFieldPassesLint() {
        let fields = "{{connection}} {{message.id}} {{message.type}} {{message.text}} {{message.from}} {{contact.name}} {{contact.id}} {{contact.roles}} "
            + "{{reply.id}} {{reply.title}} {{reply.context_id}} {{reply.correlation}} {{attachments.0.id}} {{status}} {{error.code}} {{error.title}} {{correlation}}"
        let diagnostics = Self.lint("message.received, reply.received, message.status, message.failed, contact.opted_out", fields)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aMisspelledFieldOrEventIsReported() {
        let field = Self.lint("message.received", "{{message.txt}}")
        #expect(field.contains { $0.description.contains("message.txt") }, "\(field)")
        let event = Self.lint("message.recieved", "hi")
        #expect(event.contains { $0.description.contains("message.recieved") }, "\(event)")
    }

    @Test func theTriggerIsParsedWithItsConnection() throws {
        let (flow, diagnostics) = FlowLoader.load(text: """
            name: wa
            trigger:
              whatsapp: { connection: support-line, events: [reply.received] }
            actions:
              - action: core.log
                with: { message: "{{reply.correlation}}" }
            """, file: "wa.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(flow?.trigger == .whatsapp(connection: "support-line", events: ["reply.received"]))
        #expect(flow?.trigger.source == "whatsapp")
    }
}

import SwitchboardCore
import Testing

/// `flows lint` knows `whatsapp.handle_failed_message`: its parameters, and its `outcome` values, so a fallback step's
/// `if:` that can never hold is caught before a message is given up on and nobody is told.
@Suite struct DeliveryTrackingLintTests {
    static func flow(handler: String, condition: String) -> String {
        """
        name: delivery-tracking
        trigger:
          whatsapp: { events: [message.failed] }
        actions:
          - id: failed
            action: whatsapp.handle_failed_message
            with:
        \(handler)
          - if:
              - { field: steps.failed.outcome, equals: \(condition) }
            action: switchboard.create_task
            with:
              title: "Not delivered to {{steps.failed.to}}: {{steps.failed.reason}} ({{steps.failed.code}}, {{steps.failed.dead_letter_id}})"
              link: false
        """
    }

    @Test func theDocumentedFlowPassesLint() {
        let text = Self.flow(handler: """
                  message_id: "{{message.id}}"
                  template: title_blocked
                  body_params: ["{{correlation}}", "see the message"]
                  error_code: "{{error.code}}"
            """, condition: "dead_lettered")
        let (flow, diagnostics) = FlowLoader.load(text: text, file: "delivery-tracking.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(flow?.steps.map(\.action) == ["whatsapp.handle_failed_message", "switchboard.create_task"])
    }

    @Test func aMissingMessageIDAnImpossibleOutcomeAndAnUnknownParameterAreReported() {
        let (_, diagnostics) = FlowLoader.load(text: Self.flow(handler: """
                  templat: title_blocked
            """, condition: "dead_letterd"), file: "delivery-tracking.yaml")
        let text = diagnostics.map(\.description)
        #expect(text.contains { $0.contains("message_id") }, "\(text)")
        #expect(text.contains { $0.contains("dead_letterd") }, "\(text)")
        #expect(text.contains { $0.contains("templat") }, "\(text)")
    }
}

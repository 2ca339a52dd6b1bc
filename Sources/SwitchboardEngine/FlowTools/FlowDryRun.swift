import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import ZendeskKit

/// Runs a flow against an event on paper: does it match, and what would each step send? Nothing is stored and
/// nothing leaves the machine. Outputs of earlier steps appear as placeholders such as `<steps.note.comment_id>`.
public enum FlowDryRun {
    public struct RenderedStep: Sendable {
        public var id: String
        public var action: String
        public var input: JSONValue
        /// For a step with `if:`: whether it would run, or that it depends on earlier steps' outputs.
        public var condition: String? = nil
    }

    public struct Result: Sendable {
        public var matched: Bool
        /// Why the flow did not match, in words.
        public var reason: String?
        public var steps: [RenderedStep]
    }

    public static func run(_ flow: Flow, on event: Event) -> Result {
        guard flow.enabled else { return Result(matched: false, reason: "the flow is disabled", steps: []) }
        guard flow.trigger.matches(event, flowName: flow.name) else {
            return Result(matched: false, reason: "the trigger listens to \(flow.trigger.source) \(describe(flow.trigger)), the event is \(event.source) \(event.type)", steps: [])
        }
        let context = event.templateContext
        if let failing = flow.conditions.first(where: { !$0.evaluate(context) }) {
            return Result(matched: false, reason: "condition not met: \(describe(failing, context))", steps: [])
        }
        var outputs: [String: JSONValue] = [:]
        var steps: [RenderedStep] = []
        for step in flow.steps {
            var stepContext = context
            if case .object(var fields) = context {
                fields["steps"] = .object(outputs)
                stepContext = .object(fields)
            }
            var rendered = RenderedStep(id: step.id, action: step.action, input: step.render(stepContext))
            if !step.conditions.isEmpty {
                if step.conditions.contains(where: { $0.fields.contains { $0.hasPrefix("steps.") } }) {
                    rendered.condition = "runs only if its if: holds (it reads earlier steps' outputs, known only in a real run)"
                } else if step.shouldRun(stepContext) {
                    rendered.condition = "if: holds, the step runs"
                } else {
                    rendered.condition = "if: does not hold, the step would be skipped"
                    rendered.input = .null
                }
            }
            steps.append(rendered)
            outputs[step.id] = placeholders(for: step)
        }
        return Result(matched: true, reason: nil, steps: steps)
    }

    /// Build an event from a sample: `{"zendesk_webhook": <body>}`, `{"mirror": {"type": …, "ticket": …}}`,
    /// `{"schedule": {"flow": …, "slot": …}}`, `{"source": …, "type": …, "context": …}`, or a bare Zendesk webhook body.
    public static func event(from sample: JSONValue, connection: String? = nil) throws -> Event {
        if let body = sample["zendesk_webhook"] { return try webhookEvent(body, connection: connection) }
        if sample["type"]?.stringValue?.hasPrefix(ZendeskWebhookEvent.typePrefix) == true { return try webhookEvent(sample, connection: connection) }
        if let mirror = sample["mirror"] {
            guard let type = mirror["type"]?.stringValue else { throw SampleError("a mirror sample needs \"type\" (ticket.created, ticket.updated or comment.added)") }
            var context = mirror
            if case .object(var fields) = mirror { fields.removeValue(forKey: "type"); context = .object(fields) }
            return Event(source: "zendesk.mirror", type: type, externalID: "sample", connection: connection, context: context)
        }
        if let schedule = sample["schedule"] {
            return Event(source: "schedule", type: "slot", externalID: "sample", context: .object(["schedule": schedule]))
        }
        if let source = sample["source"]?.stringValue, let type = sample["type"]?.stringValue {
            return Event(source: source, type: type, externalID: "sample", connection: sample["connection"]?.stringValue ?? connection, context: sample["context"] ?? .object([:]))
        }
        throw SampleError("an event sample needs one of zendesk_webhook, mirror, schedule, or source+type+context")
    }

    static func webhookEvent(_ body: JSONValue, connection: String?) throws -> Event {
        if body["type"]?.stringValue?.hasPrefix(ZendeskWebhookEvent.typePrefix) == true {
            let decoded = try ZendeskWebhookEvent(json: body)
            return Event(source: "zendesk.webhook", type: decoded.shortType, externalID: decoded.id, connection: connection,
                         occurredAt: decoded.time ?? Date(), context: ZendeskEventContext.context(for: decoded))
        }
        return Event(source: "zendesk.webhook", type: "trigger", externalID: "sample", connection: connection, context: ZendeskEventContext.context(forTriggerBody: body))
    }

    static func placeholders(for step: FlowStep) -> JSONValue {
        guard case .object(let fields)? = ActionCatalog.spec(step.action)?.outputs else { return .object([:]) }
        return .object(Dictionary(uniqueKeysWithValues: fields.keys.map { ($0, JSONValue.string("<steps.\(step.id).\($0)>")) }))
    }

    static func describe(_ trigger: FlowTrigger) -> String {
        trigger.subscription?.events.joined(separator: ", ") ?? "slots"
    }

    static func describe(_ condition: Condition, _ context: JSONValue) -> String {
        switch condition {
        case .test(let test): return "\(test.field) \(test.op.rawValue) \(test.value.jsonText) (the event has \(context.value(at: test.field)?.jsonText ?? "nothing"))"
        case .all: return "one of an all: group"
        case .any: return "none of an any: group held"
        case .not: return "a not: condition held"
        }
    }
}

/// A sample event that cannot be understood.
public struct SampleError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

import Foundation
import LooseJSON
import SwitchboardCore
import Yams

/// `flows test`: each flow `X.yaml` may have `X.tests.yaml` beside it — a list of cases, each an event sample and
/// what should happen:
///
/// ```yaml
/// - name: a VIP ticket gets a note
///   event:
///     zendesk_webhook: { type: "zen:event-type:ticket.created", id: "e1", detail: { id: "42", priority: "HIGH", tags: [vip] } }
///   expect:
///     runs: true
///     actions:
///       - action: zendesk.add_comment
///         with: { ticket_id: 42, public: false }   # only the keys given are compared
/// ```
public enum FlowTestSuite {
    public struct CaseResult: Sendable {
        public var file: String
        public var name: String
        public var location: SourceLocation
        public var dryRun: FlowDryRun.Result?
        /// Empty when the case passed.
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    /// The tests file that belongs to a flow file.
    public static func testsFile(for flowFile: String) -> String {
        let base = (flowFile as NSString).deletingPathExtension
        return base + ".tests.yaml"
    }

    public static func run(flow: Flow, testsFile: String) throws -> [CaseResult] {
        guard let data = FileManager.default.contents(atPath: testsFile) else { return [] }
        let document = try YAMLDocument(text: String(decoding: data, as: UTF8.self), file: testsFile)
        guard let cases = document.root?.sequence else {
            throw FlowErrors([FlowDiagnostic(document.location(document.root), "a tests file is a list of cases (- name: …, event: …, expect: …)")])
        }
        return cases.map { node in runCase(node, flow: flow, document: document) }
    }

    static func runCase(_ node: Node, flow: Flow, document: YAMLDocument) -> CaseResult {
        let location = document.location(node)
        let mapping = node.mapping
        let name = mapping?["name"]?.string ?? "case at line \(location.line)"
        var result = CaseResult(file: document.file, name: name, location: location, dryRun: nil, failures: [])
        guard let eventNode = mapping?["event"] else {
            result.failures.append("\(location): the case needs an event")
            return result
        }
        let event: Event
        do {
            event = try FlowDryRun.event(from: eventNode.jsonValue)
        } catch {
            result.failures.append("\(document.location(eventNode)): \(error)")
            return result
        }
        let dryRun = FlowDryRun.run(flow, on: event)
        result.dryRun = dryRun
        let expect = mapping?["expect"]?.jsonValue ?? .object([:])
        let expectedRuns = expect["runs"].flatMap { if case .bool(let value) = $0 { value } else { nil } } ?? true
        if expectedRuns != dryRun.matched {
            result.failures.append("\(location): expected the flow \(expectedRuns ? "to run" : "not to run"), but it \(dryRun.matched ? "ran" : "did not (\(dryRun.reason ?? ""))")")
        }
        if case .array(let actions)? = expect["actions"], dryRun.matched {
            if actions.count != dryRun.steps.count {
                result.failures.append("\(location): expected \(actions.count) actions, the flow renders \(dryRun.steps.count)")
            }
            for (index, expected) in actions.enumerated() where index < dryRun.steps.count {
                let step = dryRun.steps[index]
                if let action = expected["action"]?.stringValue, action != step.action {
                    result.failures.append("\(location): action \(index + 1) is \(step.action), expected \(action)")
                }
                if case .object(let with)? = expected["with"] {
                    for (key, value) in with.sorted(by: { $0.key < $1.key }) where !matches(step.input[key], value) {
                        result.failures.append("\(location): action \(index + 1) (\(step.action)) \(key) is \(step.input[key]?.jsonText ?? "missing"), expected \(value.jsonText)")
                    }
                }
            }
        }
        return result
    }

    /// Expected values match rendered ones; numbers match their text form (`42` and `"42"`).
    static func matches(_ actual: JSONValue?, _ expected: JSONValue) -> Bool {
        guard let actual else { return expected == .null }
        if actual == expected { return true }
        if let a = actual.stringValue, let b = expected.stringValue { return a == b }
        return false
    }
}

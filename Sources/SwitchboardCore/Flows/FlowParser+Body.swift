import Foundation
import LooseJSON
import Yams

/// Conditions, steps, parameters and retry settings of a flow file.
extension FlowParser {
    mutating func conditionList(_ node: Node) -> [Condition] {
        if let sequence = node.sequence { return sequence.compactMap { condition($0) } }
        return condition(node).map { [$0] } ?? []
    }

    mutating func condition(_ node: Node) -> Condition? {
        guard let mapping = YAMLMapping(node, in: document, what: "a condition", into: &diagnostics) else { return nil }
        if let group = mapping["all"] ?? mapping["any"] {
            guard mapping.entries.count == 1 else {
                diagnostics.append(FlowDiagnostic(document.location(node), "a condition group (all/any) takes no other fields"))
                return nil
            }
            guard group.sequence != nil else {
                diagnostics.append(FlowDiagnostic(document.location(group), "\(mapping.entries[0].key) needs a list of conditions"))
                return nil
            }
            let members = conditionList(group)
            return mapping["all"] != nil ? .all(members) : .any(members)
        }
        if let negated = mapping["not"] {
            guard mapping.entries.count == 1 else {
                diagnostics.append(FlowDiagnostic(document.location(node), "not takes a single condition and no other fields"))
                return nil
            }
            return condition(negated).map(Condition.not)
        }
        let operators = FieldTest.Operator.allCases.map(\.rawValue)
        mapping.rejectUnknownKeys(["field"] + operators, in: document, what: "a condition", into: &diagnostics)
        guard let fieldNode = mapping["field"], let field = fieldNode.scalar?.string, !field.isEmpty else {
            diagnostics.append(FlowDiagnostic(document.location(node), "a condition needs \"field\" (e.g. ticket.status) and one operator: \(operators.joined(separator: ", ")); or all/any/not"))
            return nil
        }
        let given = mapping.entries.filter { operators.contains($0.key) }
        guard given.count == 1, let entry = given.first, let op = FieldTest.Operator(rawValue: entry.key) else {
            diagnostics.append(FlowDiagnostic(document.location(node), "a condition needs exactly one operator (\(operators.joined(separator: ", "))), it has \(given.count)"))
            return nil
        }
        let value = entry.value.jsonValue
        if op == .in_ || op == .notIn, case .array = value {} else if op == .in_ || op == .notIn {
            diagnostics.append(FlowDiagnostic(document.location(entry.value), "\(op.rawValue) needs a list, e.g. [high, urgent]"))
            return nil
        }
        do {
            return .test(try FieldTest(field: field, op: op, value: value, location: document.location(fieldNode)))
        } catch {
            diagnostics.append(error)
            return nil
        }
    }

    mutating func steps(_ node: Node, defaultRetry: RetrySettings) -> [FlowStep] {
        guard let sequence = node.sequence, !sequence.isEmpty else {
            diagnostics.append(FlowDiagnostic(document.location(node), "actions must be a non-empty list of steps (- action: …)"))
            return []
        }
        var steps: [FlowStep] = []
        var ids: Set<String> = []
        for (index, item) in sequence.enumerated() {
            guard let mapping = YAMLMapping(item, in: document, what: "a step", into: &diagnostics) else { continue }
            mapping.rejectUnknownKeys(["id", "action", "with", "retry", "if"], in: document, what: "a step", into: &diagnostics)
            guard let actionNode = mapping["action"], let action = actionNode.scalar?.string, !action.isEmpty else {
                diagnostics.append(FlowDiagnostic(document.location(item), "a step needs \"action\" (e.g. zendesk.add_comment)"))
                continue
            }
            var id = "step\(index + 1)"
            if let idNode = mapping["id"] {
                let text = idNode.scalar?.string ?? ""
                if text.range(of: "^[A-Za-z][A-Za-z0-9_]*$", options: .regularExpression) != nil {
                    id = text
                } else {
                    diagnostics.append(FlowDiagnostic(document.location(idNode), "step id \"\(text)\" must start with a letter and contain only letters, digits and _"))
                }
            }
            if !ids.insert(id).inserted {
                diagnostics.append(FlowDiagnostic(document.location(mapping["id"] ?? item), "two steps are called \"\(id)\""))
            }
            var parameters: [String: FlowValue] = [:]
            if let with = mapping["with"], let parameterMapping = YAMLMapping(with, in: document, what: "with", into: &diagnostics) {
                for entry in parameterMapping.entries { parameters[entry.key] = value(entry.value) }
            }
            let retry = mapping["retry"].flatMap { retrySettings($0, base: defaultRetry) } ?? defaultRetry
            var step = FlowStep(id: id, action: action, actionLocation: document.location(actionNode), parameters: parameters, retry: retry)
            if let conditions = mapping["if"] { step.conditions = conditionList(conditions) }
            steps.append(step)
        }
        return steps
    }

    mutating func value(_ node: Node) -> FlowValue {
        let location = document.location(node)
        switch node {
        case .sequence(let sequence): return .list(sequence.map { value($0) }, location)
        case .mapping(let mapping):
            var object: [String: FlowValue] = [:]
            for (key, child) in mapping { object[key.string ?? ""] = value(child) }
            return .object(object, location)
        default:
            let json = node.jsonValue
            guard case .string(let text) = json else { return .literal(json, location) }
            do {
                return .template(try FlowTemplate(text, location: location), location)
            } catch {
                diagnostics.append(error)
                return .literal(json, location)
            }
        }
    }

    mutating func retrySettings(_ node: Node, base: RetrySettings) -> RetrySettings? {
        guard let mapping = YAMLMapping(node, in: document, what: "retry", into: &diagnostics) else { return nil }
        mapping.rejectUnknownKeys(["max_attempts", "backoff", "max_delay", "jitter"], in: document, what: "retry", into: &diagnostics)
        var settings = base
        if let attempts = mapping["max_attempts"] {
            if let value = attempts.int, (1...100).contains(value) { settings.maxAttempts = value } else {
                diagnostics.append(FlowDiagnostic(document.location(attempts), "max_attempts must be a whole number from 1 to 100"))
            }
        }
        for (key, apply) in [("backoff", { (s: inout RetrySettings, d: Duration) in s.initialDelay = d }), ("max_delay", { (s: inout RetrySettings, d: Duration) in s.maxDelay = d })] {
            guard let node = mapping[key] else { continue }
            if let duration = node.scalar.flatMap({ DurationText.parse($0.string) }) { apply(&settings, duration) } else {
                diagnostics.append(FlowDiagnostic(document.location(node), "\(key) must be a duration such as 500ms, 2s or 1m"))
            }
        }
        if let jitter = mapping["jitter"] {
            if let value = jitter.float, (0...1).contains(value) { settings.jitter = value } else {
                diagnostics.append(FlowDiagnostic(document.location(jitter), "jitter must be a number from 0 to 1"))
            }
        }
        return settings
    }

    func string(_ node: Node?, what: String) -> String? {
        node?.scalar?.string
    }

    mutating func boolean(_ node: Node, what: String) -> Bool? {
        if let value = node.bool { return value }
        diagnostics.append(FlowDiagnostic(document.location(node), "\(what) must be true or false"))
        return nil
    }
}

import Foundation
import LooseJSON

/// Checks a parsed flow against the action catalog and the trigger's event schema: unknown actions, parameters
/// and fields, missing required parameters, template variables that do not exist, and type mismatches — each
/// reported at its line and column.
public enum FlowLinter {
    public static func lint(_ flow: Flow, catalog: [ActionSpec] = ActionCatalog.all) -> [FlowDiagnostic] {
        var diagnostics: [FlowDiagnostic] = []
        let base = EventSchemas.context(for: flow.trigger)
        for condition in flow.conditions { check(condition, in: base, into: &diagnostics) }
        var outputs: [String: FieldType] = [:]
        for step in flow.steps {
            guard let spec = catalog.first(where: { $0.name == step.action }) else {
                let hint = Suggestion.closest(to: step.action, among: catalog.map(\.name)).map { " (did you mean \"\($0)\"?)" } ?? ""
                diagnostics.append(FlowDiagnostic(step.actionLocation, "unknown action \"\(step.action)\"\(hint)"))
                continue
            }
            var context = base
            if case .object(var fields) = base {
                fields["steps"] = .object(outputs)
                context = .object(fields)
            }
            for condition in step.conditions { check(condition, in: context, into: &diagnostics) }
            check(step, spec: spec, context: context, into: &diagnostics)
            // A later step may read the output of a skipped step: it is then absent, so it is optional.
            outputs[step.id] = step.conditions.isEmpty ? spec.outputs : .optional(spec.outputs)
        }
        return diagnostics
    }

    static func check(_ condition: Condition, in context: FieldType, into diagnostics: inout [FlowDiagnostic]) {
        switch condition {
        case .all(let members), .any(let members): members.forEach { check($0, in: context, into: &diagnostics) }
        case .not(let member): check(member, in: context, into: &diagnostics)
        case .test(let test):
            guard let type = context.lookup(test.field.split(separator: ".").map(String.init)) else {
                diagnostics.append(FlowDiagnostic(test.location, "unknown field \"\(test.field)\"\(fieldHint(test.field, in: context))"))
                return
            }
            if let problem = operatorProblem(test, fieldType: type.unwrapped) {
                diagnostics.append(FlowDiagnostic(test.location, problem))
            }
        }
    }

    static func operatorProblem(_ test: FieldTest, fieldType: FieldType) -> String? {
        let field = test.field
        switch test.op {
        case .gt, .gte, .lt, .lte:
            switch (fieldType, test.value) {
            case (.integer, .number), (.number, .number), (.string, .string), (.any, _): return nil
            default: return "\(test.op.rawValue) compares numbers or dates, but \(field) is \(fieldType) and the value is \(test.value.jsonText)"
            }
        case .contains, .notContains:
            switch fieldType {
            case .list(let element):
                return element.unwrapped.accepts(FieldType.of(test.value)) || element == .any ? nil : "\(field) holds \(element) values, so it cannot contain \(test.value.jsonText)"
            case .string, .oneOf, .any: return nil
            default: return "\(test.op.rawValue) needs a list or text field, but \(field) is \(fieldType)"
            }
        case .matches:
            switch fieldType {
            case .string, .oneOf, .any: return nil
            default: return "matches needs a text field, but \(field) is \(fieldType)"
            }
        case .exists:
            return test.value == .bool(true) || test.value == .bool(false) ? nil : "exists takes true or false"
        case .equals, .notEquals, .in_, .notIn:
            let values: [JSONValue]
            if case .array(let items) = test.value { values = items } else { values = [test.value] }
            for value in values where value != .null {
                if case .oneOf(let allowed) = fieldType, let text = value.stringValue, !allowed.contains(text) {
                    return "\"\(text)\" is never a value of \(field); expected one of \(allowed.joined(separator: ", "))"
                }
                if !fieldType.accepts(FieldType.of(value)), !(fieldType == .integer && value.int64Value != nil) {
                    return "\(field) is \(fieldType), so it never equals \(value.jsonText)"
                }
            }
            return nil
        }
    }

    static func check(_ step: FlowStep, spec: ActionSpec, context: FieldType, into diagnostics: inout [FlowDiagnostic]) {
        for (name, value) in step.parameters.sorted(by: { $0.key < $1.key }) {
            guard let parameter = spec.parameter(name) else {
                let hint = Suggestion.closest(to: name, among: spec.parameters.map(\.name)).map { " (did you mean \"\($0)\"?)" } ?? ""
                diagnostics.append(FlowDiagnostic(value.location, "\(spec.name) has no parameter \"\(name)\"\(hint); it takes \(spec.parameters.map(\.name).joined(separator: ", "))"))
                continue
            }
            check(value, expected: parameter.type, name: name, context: context, into: &diagnostics)
        }
        for parameter in spec.parameters where parameter.required && step.parameters[parameter.name] == nil {
            diagnostics.append(FlowDiagnostic(step.actionLocation, "\(spec.name) needs the parameter \"\(parameter.name)\" (\(parameter.summary))"))
        }
        for group in spec.requireOneOf where !group.contains(where: { step.parameters[$0] != nil }) {
            diagnostics.append(FlowDiagnostic(step.actionLocation, "\(spec.name) needs one of \(group.joined(separator: ", "))"))
        }
    }

    static func check(_ value: FlowValue, expected: FieldType, name: String, context: FieldType, into diagnostics: inout [FlowDiagnostic]) {
        switch value {
        case .literal(let json, let location):
            if json == .null { return }
            if case .oneOf(let allowed) = expected.unwrapped, let text = json.stringValue, !allowed.contains(text) {
                diagnostics.append(FlowDiagnostic(location, "\"\(text)\" is not a valid \(name); expected one of \(allowed.joined(separator: ", "))"))
            } else if !expected.accepts(FieldType.of(json)) {
                diagnostics.append(FlowDiagnostic(location, "\(name) must be \(expected), but \(json.jsonText) is \(FieldType.of(json))"))
            }
        case .template(let template, let location):
            var resolvable = true
            for reference in template.references {
                if !resolves(reference, in: context) {
                    resolvable = false
                    let path = reference.path
                    diagnostics.append(FlowDiagnostic(location, "template variable \"\(path)\" does not exist\(fieldHint(path, in: context))"))
                }
            }
            guard resolvable else { return }
            if template.isLiteral {
                if case .oneOf(let allowed) = expected.unwrapped, !allowed.contains(template.text) {
                    diagnostics.append(FlowDiagnostic(location, "\"\(template.text)\" is not a valid \(name); expected one of \(allowed.joined(separator: ", "))"))
                } else if !expected.accepts(.string), !(expected.unwrapped == .integer && Int64(template.text) != nil), !(expected.unwrapped == .boolean && ["true", "false"].contains(template.text)) {
                    diagnostics.append(FlowDiagnostic(location, "\(name) must be \(expected), but \"\(template.text)\" is text"))
                }
            } else if let path = template.wholeValuePath, let source = context.lookup(path.split(separator: ".").map(String.init)) {
                if !expected.accepts(source) {
                    diagnostics.append(FlowDiagnostic(location, "\(name) must be \(expected), but {{\(path)}} is \(source)"))
                }
            } else if !expected.accepts(.string) {
                diagnostics.append(FlowDiagnostic(location, "\(name) must be \(expected), but this template produces text; use a single variable such as {{ticket.id}}"))
            }
        case .list(let items, let location):
            guard case .list(let element) = expected.unwrapped else {
                if expected.unwrapped != .any { diagnostics.append(FlowDiagnostic(location, "\(name) must be \(expected), not a list")) }
                return
            }
            items.forEach { check($0, expected: element, name: name, context: context, into: &diagnostics) }
        case .object(let fields, let location):
            switch expected.unwrapped {
            case .map(let valueType):
                fields.values.forEach { check($0, expected: valueType, name: name, context: context, into: &diagnostics) }
            case .object(let schema):
                for (key, field) in fields {
                    if let type = schema[key] { check(field, expected: type, name: "\(name).\(key)", context: context, into: &diagnostics) } else {
                        diagnostics.append(FlowDiagnostic(field.location, "\(name) has no field \"\(key)\"; expected \(schema.keys.sorted().joined(separator: ", "))"))
                    }
                }
            case .any: return
            default: diagnostics.append(FlowDiagnostic(location, "\(name) must be \(expected), not a mapping"))
            }
        }
    }

    /// Whether a template name resolves: from the innermost section's element, any enclosing one, or the root.
    static func resolves(_ reference: FlowTemplate.Reference, in context: FieldType) -> Bool {
        if reference.path == "." { return !reference.sections.isEmpty }
        let parts = reference.path.split(separator: ".").map(String.init)
        if context.lookup(parts) != nil { return true }
        for section in reference.sections.reversed() {
            guard let sectionType = context.lookup(section.split(separator: ".").map(String.init)) else { continue }
            var element = sectionType.unwrapped
            if case .list(let inner) = element { element = inner.unwrapped }
            if element.lookup(parts) != nil { return true }
        }
        return false
    }

    static func fieldHint(_ path: String, in context: FieldType) -> String {
        var candidates: [String] = []
        func collect(_ type: FieldType, prefix: String, depth: Int) {
            guard depth < 3, case .object(let fields) = type.unwrapped else { return }
            for (key, value) in fields {
                let name = prefix.isEmpty ? key : prefix + "." + key
                candidates.append(name)
                collect(value, prefix: name, depth: depth + 1)
            }
        }
        collect(context, prefix: "", depth: 0)
        return Suggestion.closest(to: path, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}

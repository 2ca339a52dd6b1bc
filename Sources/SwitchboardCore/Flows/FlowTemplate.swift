import Foundation
import LooseJSON
import Mustache

/// A flow parameter that may contain Mustache tags: `"Thanks {{ticket.requester_name}}"`.
///
/// Rendering is plain text (no HTML escaping: these values go to APIs, not browsers). A template that is exactly one
/// variable, such as `"{{ticket.tags}}"` or `"{{ticket.id}}"`, keeps the variable's JSON type (a list stays a list,
/// a number a number) instead of becoming text.
public struct FlowTemplate: Sendable {
    /// A name a template reads, with the section names it is nested in (innermost last).
    public struct Reference: Sendable, Hashable {
        public var path: String
        public var sections: [String]
    }

    public let text: String
    public let references: [Reference]
    private let template: MustacheTemplate?
    /// Set when the whole text is one `{{path}}` tag.
    private let singleVariable: String?

    public init(_ text: String, location: SourceLocation) throws(FlowDiagnostic) {
        self.text = text
        guard text.contains("{{") else {
            self.references = []
            self.template = nil
            self.singleVariable = nil
            return
        }
        self.references = try Self.scan(text, location: location)
        do {
            self.template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch let error as MustacheTemplate.ParserError {
            throw FlowDiagnostic(location, "bad template \(Self.quoted(text)): \(error.error) at line \(error.context.lineNumber), column \(max(1, error.context.columnNumber - (error.context.lineNumber == 1 ? 24 : 0)))")
        } catch {
            throw FlowDiagnostic(location, "bad template \(Self.quoted(text)): \(error)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if references.count == 1, references[0].sections.isEmpty, trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"),
           trimmed.components(separatedBy: "{{").count == 2 {
            self.singleVariable = references[0].path
        } else {
            self.singleVariable = nil
        }
    }

    public var isLiteral: Bool { template == nil }

    /// The variable name when the template is exactly one tag.
    public var wholeValuePath: String? { singleVariable }

    public func render(_ context: JSONValue) -> JSONValue {
        guard let template else { return .string(text) }
        if let singleVariable {
            return context.value(at: singleVariable) ?? .null
        }
        return .string(template.render(context.mustacheObject))
    }

    static func quoted(_ text: String) -> String {
        "\"" + (text.count > 60 ? String(text.prefix(57)) + "…" : text) + "\""
    }

    /// Find the names read by `{{name}}`, `{{{name}}}`, `{{&name}}` and sections, tracking section nesting.
    /// Partials, blocks and delimiter changes are refused: flow templates are single strings.
    static func scan(_ text: String, location: SourceLocation) throws(FlowDiagnostic) -> [Reference] {
        var references: [Reference] = []
        var sections: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            var afterOpen = rest[open.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            if triple { afterOpen = afterOpen.dropFirst() }
            guard let close = afterOpen.range(of: triple ? "}}}" : "}}") else {
                throw FlowDiagnostic(location, "bad template \(quoted(text)): a tag opened with {{ is never closed")
            }
            var tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = afterOpen[close.upperBound...]
            guard !tag.isEmpty else { throw FlowDiagnostic(location, "bad template \(quoted(text)): empty tag {{}}") }
            let sigil = tag.first!
            if "#^/&!>=<$%".contains(sigil) { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces) }
            let name = Self.innerName(tag)
            switch sigil {
            case "!", "%": continue
            case ">", "<", "$", "=":
                throw FlowDiagnostic(location, "bad template \(quoted(text)): partials, blocks and delimiter changes are not supported in flows")
            case "#", "^":
                references.append(Reference(path: name, sections: sections))
                sections.append(name)
            case "/":
                guard sections.last == name else {
                    throw FlowDiagnostic(location, "bad template \(quoted(text)): {{/\(name)}} closes a section that is not open")
                }
                sections.removeLast()
            default:
                references.append(Reference(path: name, sections: sections))
            }
        }
        if let open = sections.last { throw FlowDiagnostic(location, "bad template \(quoted(text)): section {{#\(open)}} is never closed") }
        return references
    }

    /// `uppercased(ticket.subject)` reads `ticket.subject`.
    static func innerName(_ tag: String) -> String {
        if let open = tag.lastIndex(of: "("), let close = tag.firstIndex(of: ")"), open < close {
            return String(tag[tag.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return tag
    }
}

extension JSONValue {
    /// The value as plain Swift collections and scalars, which Mustache can walk.
    var mustacheObject: Any {
        switch self {
        case .null: return Optional<String>.none as Any
        case .bool(let value): return value
        case .number(let value): return value.rounded() == value && abs(value) < 9e15 ? Int(value) : value
        case .string(let value): return value
        case .array(let values): return values.map(\.mustacheObject)
        case .object(let object): return object.compactMapValues { $0 == .null ? nil : $0.mustacheObject }
        }
    }
}

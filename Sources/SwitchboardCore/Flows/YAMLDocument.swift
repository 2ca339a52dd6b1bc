import Foundation
import LooseJSON
import Yams

/// Reads a YAML document node by node, remembering where each node came from, so that every problem in a
/// configuration or flow file is reported as `file:line:column: message` with the offending field named.
public struct YAMLDocument {
    public let file: String
    public let root: Node?

    /// Parse `text`; a syntax error becomes a diagnostic at the place libyaml stopped.
    public init(text: String, file: String) throws(FlowDiagnostic) {
        self.file = file
        do {
            self.root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw FlowDiagnostic(Self.location(of: error, file: file), "invalid YAML: \(Self.problem(of: error))")
        } catch {
            throw FlowDiagnostic(SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)")
        }
    }

    public func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    static func location(of error: YamlError, file: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 1, column: 1)
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default:
            return String(describing: error)
        }
    }
}

/// A mapping node with its keys, for checking unknown and duplicate keys and reading values by name.
public struct YAMLMapping {
    public let node: Node
    public let entries: [(key: String, keyNode: Node, value: Node)]

    /// Read `node` as a mapping with string keys; reports a diagnostic otherwise.
    public init?(_ node: Node?, in document: YAMLDocument, what: String, into diagnostics: inout [FlowDiagnostic]) {
        guard let node, let mapping = node.mapping else {
            diagnostics.append(FlowDiagnostic(document.location(node), "\(what) must be a mapping (key: value lines)"))
            return nil
        }
        var entries: [(String, Node, Node)] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                diagnostics.append(FlowDiagnostic(document.location(key), "keys in \(what) must be plain names"))
                continue
            }
            if !seen.insert(name).inserted {
                diagnostics.append(FlowDiagnostic(document.location(key), "\"\(name)\" appears twice in \(what)"))
                continue
            }
            entries.append((name, key, value))
        }
        self.node = node
        self.entries = entries
    }

    public subscript(key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    public func keyNode(_ key: String) -> Node? {
        entries.first { $0.key == key }?.keyNode
    }

    /// Report keys outside `allowed`, suggesting the closest allowed one.
    public func rejectUnknownKeys(_ allowed: [String], in document: YAMLDocument, what: String, into diagnostics: inout [FlowDiagnostic]) {
        for entry in entries where !allowed.contains(entry.key) {
            let hint = Suggestion.closest(to: entry.key, among: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
            diagnostics.append(FlowDiagnostic(document.location(entry.keyNode), "unknown field \"\(entry.key)\" in \(what)\(hint); expected \(allowed.joined(separator: ", "))"))
        }
    }
}

extension Node {
    /// The node as a JSON value, keeping YAML's scalar types (quoted scalars stay strings).
    public var jsonValue: JSONValue {
        switch self {
        case .scalar(let scalar):
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded {
                return .string(scalar.string)
            }
            switch tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return int.map { .number(Double($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return float.map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? String(describing: key)] = value.jsonValue }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(\.jsonValue))
        case .alias:
            return .null
        }
    }
}

/// "Did you mean …?" for misspelt names.
public enum Suggestion {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

import ConnectorKit
import Foundation

/// One entry of a GraphQL response's `errors` array, kept whole.
///
/// Consonance reports query problems (a bad argument, a field that failed to resolve) as HTTP 200 with
/// `{"errors":[{"message","locations","path"}]}`. Every part is kept so a failure can be located in the
/// query (``locations``) and in the result (``path``).
public struct GraphQLErrorDetail: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// A position in the query text, 1-based.
    public struct Location: Sendable, Hashable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// One step of a result path: a field name or a list index (`["products", 3, "fullTitle"]`).
    public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
        case field(String)
        case index(Int)

        public var description: String {
            switch self {
            case .field(let name): return name
            case .index(let index): return String(index)
            }
        }
    }

    public var message: String
    public var locations: [Location]
    public var path: [PathComponent]
    /// Server-specific details (`extensions`), when present.
    public var extensions: JSONValue?

    public init(message: String, locations: [Location] = [], path: [PathComponent] = [], extensions: JSONValue? = nil) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        message = c.lenientString(AnyKey("message")) ?? "(no message)"
        if case .array(let items)? = c.lenientJSON(AnyKey("locations")) {
            locations = items.compactMap { item in
                guard let line = item["line"]?.int64Value, let column = item["column"]?.int64Value else { return nil }
                return Location(line: Int(line), column: Int(column))
            }
        } else {
            locations = []
        }
        if case .array(let items)? = c.lenientJSON(AnyKey("path")) {
            path = items.compactMap { item in
                switch item {
                case .string(let name): return .field(name)
                case .number: return item.int64Value.map { .index(Int($0)) }
                default: return nil
                }
            }
        } else {
            path = []
        }
        extensions = c.lenientJSON(AnyKey("extensions")).flatMap { $0 == .null ? nil : $0 }
    }

    /// `products.3.fullTitle`, or empty for a request-level error.
    public var pathDescription: String { path.map(\.description).joined(separator: ".") }

    public var description: String {
        var text = message
        if !path.isEmpty { text += " (at \(pathDescription))" }
        if let first = locations.first { text += " [line \(first.line), column \(first.column)]" }
        return text
    }
}

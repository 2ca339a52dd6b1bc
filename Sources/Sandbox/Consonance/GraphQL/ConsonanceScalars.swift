import GraphQL

/// Consonance's custom scalars with real validation: `ISO8601Date` is a calendar date `YYYY-MM-DD` (no time, no
/// zone) and `URL` a string. A malformed date in a query or in variables is a GraphQL error, as in any typed schema.
enum ConsonanceScalars {
    static let all: [String: GraphQLScalarType] = {
        let date = try! GraphQLScalarType(
            name: "ISO8601Date", description: "A calendar date, YYYY-MM-DD.",
            serialize: { value in
                if let date = value as? SandboxDate { return .string(date.description) }
                if let text = value as? String { return .string(text) }
                throw GraphQLError(message: "ISO8601Date cannot represent \(value)")
            },
            parseValue: { value in try parseDate(value.string) },
            parseLiteral: { literal in try parseDate((literal as? StringValue)?.value, nodes: [literal]) })
        let url = try! GraphQLScalarType(
            name: "URL", description: "An absolute URL.",
            serialize: { value in
                guard let text = value as? String else { throw GraphQLError(message: "URL cannot represent \(value)") }
                return .string(text)
            },
            parseValue: { value in
                guard let text = value.string else { throw GraphQLError(message: "URL must be a string, got \(value)") }
                return .string(text)
            },
            parseLiteral: { literal in
                guard let text = (literal as? StringValue)?.value else {
                    throw GraphQLError(message: "URL must be a string", nodes: [literal])
                }
                return .string(text)
            })
        return ["ISO8601Date": date, "URL": url]
    }()

    private static func parseDate(_ text: String?, nodes: [any Node] = []) throws -> Map {
        guard let text, let date = SandboxDate(text) else {
            throw GraphQLError(message: "ISO8601Date must be a date written YYYY-MM-DD, got \(text.map { "\"\($0)\"" } ?? "a non-string")",
                               nodes: nodes)
        }
        return .string(date.description)
    }
}

import GraphQL

/// Checking a client's GraphQL documents against the schema the sandbox serves, so a query that asks for a field
/// Consonance does not have fails in a test rather than in production.
extension ConsonanceSandbox {
    /// The validation errors of `document` against the served schema (empty when it is valid), with line and column.
    public static func validationErrors(for document: String) -> [String] {
        do {
            let ast = try parse(source: Source(body: document))
            return validate(schema: ConsonanceGraphQLSchema.shared, ast: ast).map { error in
                error.message + (error.locations.first.map { " (line \($0.line), column \($0.column))" } ?? "")
            }
        } catch {
            return ["the document does not parse: \(error)"]
        }
    }
}

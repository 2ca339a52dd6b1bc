import GraphQL

/// Makes GraphQLSwift resolvers from closures typed on the parent's node, so each field reads like
/// `"fullTitle": Resolve.of(ProductNode.self) { $0.record.fullTitle }`.
enum Resolve {
    typealias Fields = [String: GraphQLFieldResolve]

    /// A field computed from its parent alone.
    static func of<Node: Sendable>(_: Node.Type, _ body: @escaping @Sendable (Node) -> (any Sendable)?) -> GraphQLFieldResolve {
        { source, _, _, info in
            guard let node = source as? Node else { throw unexpected(source, info) }
            return body(node)
        }
    }

    /// A field that reads arguments or the request context.
    static func with<Node: Sendable>(
        _: Node.Type, _ body: @escaping @Sendable (Node, FieldArguments, ResolverContext) throws -> (any Sendable)?
    ) -> GraphQLFieldResolve {
        { source, arguments, context, info in
            guard let node = source as? Node else { throw unexpected(source, info) }
            guard let context = context as? ResolverContext else { throw GraphQLError(message: "internal error: no context") }
            return try body(node, FieldArguments(arguments), context)
        }
    }

    /// A root field (Query or Mutation): only arguments and context.
    static func root(_ body: @escaping @Sendable (FieldArguments, ResolverContext) throws -> (any Sendable)?) -> GraphQLFieldResolve {
        { _, arguments, context, _ in
            guard let context = context as? ResolverContext else { throw GraphQLError(message: "internal error: no context") }
            return try body(FieldArguments(arguments), context)
        }
    }

    private static func unexpected(_ source: any Sendable, _ info: GraphQLResolveInfo) -> GraphQLError {
        GraphQLError(message: "internal error: \(info.parentType.name).\(info.fieldName) got \(type(of: source))")
    }
}

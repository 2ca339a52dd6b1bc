import GraphQL

/// Turns a schema built from SDL (types only, no behaviour) into one that can execute: every object type is rebuilt
/// with its resolvers and an `isTypeOf`, every interface with a `resolveType`, and the custom scalars are replaced by
/// validating ones. Names, descriptions, arguments, default values and field order are copied unchanged, so the served
/// schema prints to the same SDL it was built from.
///
/// GraphQLSwift's `buildSchema` leaves resolvers settable but `isTypeOf`/`resolveType` fixed at `nil`, which cannot
/// execute interfaces; rebuilding keeps the SDL as the single source of truth without hand-writing the type graph.
struct SchemaAssembler {
    /// Resolvers by type name, then field name. Fields without one use the default resolver (dictionary lookup).
    var resolvers: [String: [String: GraphQLFieldResolve]]
    var isTypeOf: [String: GraphQLIsTypeOf]
    var resolveType: [String: GraphQLTypeResolve]
    /// Replacements for the SDL's custom scalars, by name.
    var scalars: [String: GraphQLScalarType]
    /// Types whose every field must have a resolver (their values are structs, not dictionaries).
    var fullyResolved: Set<String>

    /// A type table filled before any field thunk runs, so types can refer to each other in cycles.
    private final class Table: @unchecked Sendable {
        var named: [String: GraphQLNamedType] = [:]
    }

    struct MissingResolver: Error, CustomStringConvertible {
        var description: String
    }

    func assemble(from source: GraphQLSchema) throws -> GraphQLSchema {
        let table = Table()
        for (name, type) in source.typeMap where !name.hasPrefix("__") {
            switch type {
            case let object as GraphQLObjectType:
                let resolvers = self.resolvers[name] ?? [:]
                if fullyResolved.contains(name) {
                    for fieldName in try object.fields().keys where resolvers[fieldName] == nil {
                        throw MissingResolver(description: "no resolver for \(name).\(fieldName)")
                    }
                }
                table.named[name] = try GraphQLObjectType(
                    name: name, description: object.description,
                    fields: { try SchemaAssembler.fields(object.fields(), resolvers: resolvers, table: table) },
                    interfaces: { try object.interfaces().map { table.named[$0.name] as! GraphQLInterfaceType } },
                    isTypeOf: isTypeOf[name], astNode: object.astNode)
            case let interface as GraphQLInterfaceType:
                table.named[name] = try GraphQLInterfaceType(
                    name: name, description: interface.description,
                    fields: { try SchemaAssembler.fields(interface.fields(), resolvers: [:], table: table) },
                    interfaces: { try interface.interfaces().map { table.named[$0.name] as! GraphQLInterfaceType } },
                    resolveType: resolveType[name], astNode: interface.astNode)
            case let input as GraphQLInputObjectType:
                table.named[name] = try GraphQLInputObjectType(
                    name: name, description: input.description,
                    fields: {
                        var fields = InputObjectFieldMap()
                        for (fieldName, field) in try input.fields() {
                            fields[fieldName] = InputObjectField(
                                type: SchemaAssembler.input(field.type, table), defaultValue: field.defaultValue,
                                description: field.description, deprecationReason: field.deprecationReason,
                                astNode: field.astNode)
                        }
                        return fields
                    },
                    astNode: input.astNode, isOneOf: input.isOneOf)
            case let scalar as GraphQLScalarType:
                table.named[name] = scalars[name] ?? scalar
            default:
                table.named[name] = type  // enums carry no behaviour: reuse them
            }
        }
        let names = source.typeMap.keys.filter { !$0.hasPrefix("__") }
        let schema = try GraphQLSchema(
            query: source.queryType.flatMap { table.named[$0.name] as? GraphQLObjectType },
            mutation: source.mutationType.flatMap { table.named[$0.name] as? GraphQLObjectType },
            types: names.compactMap { table.named[$0] }, directives: source.directives)
        try Self.resolveThunks(table)
        return schema
    }

    /// GraphQLSwift builds a type's fields lazily, on first use, and not thread-safely: two requests touching a type for
    /// the first time at once crashed the process. Building every thunk here, before the schema serves anything, leaves
    /// requests only reading.
    private static func resolveThunks(_ table: Table) throws {
        for type in table.named.values {
            switch type {
            case let object as GraphQLObjectType:
                _ = try object.fields()
                _ = try object.interfaces()
            case let interface as GraphQLInterfaceType:
                _ = try interface.fields()
                _ = try interface.interfaces()
            case let input as GraphQLInputObjectType:
                _ = try input.fields()
            default:
                break
            }
        }
    }

    private static func fields(_ fields: GraphQLFieldMap, resolvers: [String: GraphQLFieldResolve],
                               table: Table) throws -> GraphQLFieldMap {
        var result = GraphQLFieldMap()
        for (name, field) in fields {
            var arguments = GraphQLArgumentConfigMap()
            for (argumentName, argument) in field.args {
                arguments[argumentName] = GraphQLArgument(
                    type: input(argument.type, table), description: argument.description,
                    defaultValue: argument.defaultValue, deprecationReason: argument.deprecationReason,
                    astNode: argument.astNode)
            }
            result[name] = GraphQLField(
                type: output(field.type, table), description: field.description,
                deprecationReason: field.deprecationReason, args: arguments, resolve: resolvers[name],
                astNode: field.astNode)
        }
        return result
    }

    private static func output(_ type: GraphQLOutputType, _ table: Table) -> GraphQLOutputType {
        rebuilt(type, table) as! GraphQLOutputType
    }

    private static func input(_ type: GraphQLInputType, _ table: Table) -> GraphQLInputType {
        rebuilt(type, table) as! GraphQLInputType
    }

    private static func rebuilt(_ type: GraphQLType, _ table: Table) -> GraphQLType {
        if let list = type as? GraphQLList { return GraphQLList(rebuilt(list.ofType, table)) }
        if let nonNull = type as? GraphQLNonNull {
            return GraphQLNonNull(rebuilt(nonNull.ofType, table) as! GraphQLNullableType)
        }
        if let named = type as? GraphQLNamedType, let replacement = table.named[named.name] { return replacement }
        return type
    }
}

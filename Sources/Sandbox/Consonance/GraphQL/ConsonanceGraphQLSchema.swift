import GraphQL

/// The executable schema the sandbox serves: `ConsonanceSchemaSDL.servedText` with the resolvers of this folder.
///
/// Resolvers take everything from their parent node and the request context, so one schema serves every sandbox in
/// the process; it is built once, on first use.
enum ConsonanceGraphQLSchema {
    static let shared: GraphQLSchema = {
        do {
            return try make()
        } catch {
            preconditionFailure("the Consonance sandbox schema does not build: \(error)")
        }
    }()

    static func make() throws -> GraphQLSchema {
        var resolvers: [String: Resolve.Fields] = [
            "Query": QueryResolvers.query, "Mutation": MutationResolvers.mutation, "Work": WorkResolvers.work,
            "Contribution": WorkResolvers.contribution, "Person": ContactResolvers.person,
            "Organisation": ContactResolvers.organisation, "Contract": ContractResolvers.contract,
        ]
        var isTypeOf: [String: GraphQLIsTypeOf] = [
            "Work": { source, _ in source is WorkNode },
            "Contribution": { source, _ in source is ContributionNode },
            "Contract": { source, _ in source is ContractNode },
            "Person": { source, _ in (source as? ContactNode)?.record.isPerson == true },
            "Organisation": { source, _ in (source as? ContactNode)?.record.isPerson == false },
        ]
        for type in ProductTypename.allCases {
            resolvers[type.rawValue] = type == .physicalBook ? ProductResolvers.physicalBook : ProductResolvers.common
            isTypeOf[type.rawValue] = { source, _ in (source as? ProductNode)?.record.typename == type }
        }
        let assembler = SchemaAssembler(
            resolvers: resolvers, isTypeOf: isTypeOf,
            resolveType: [
                "Product": { value, _ in (value as? ProductNode)?.record.typename.rawValue ?? "GenericProduct" },
                "Contact": { value, _ in (value as? ContactNode)?.record.isPerson == false ? "Organisation" : "Person" },
            ],
            scalars: ConsonanceScalars.all, fullyResolved: Set(resolvers.keys))
        return try assembler.assemble(from: buildSchema(source: ConsonanceSchemaSDL.servedText))
    }

    /// Every type of an SDL text with its fields (object, interface and input types) or values (enums), for tests
    /// comparing the served schema with the SDL.
    static func typesAndFields(of sdl: String) throws -> [String: [String]] {
        let schema = try buildSchema(source: sdl)
        var result: [String: [String]] = [:]
        for (name, type) in schema.typeMap where !name.hasPrefix("__") {
            switch type {
            case let object as GraphQLObjectType: result[name] = Array(try object.fields().keys)
            case let interface as GraphQLInterfaceType: result[name] = Array(try interface.fields().keys)
            case let input as GraphQLInputObjectType: result[name] = Array(try input.fields().keys)
            case let enumType as GraphQLEnumType: result[name] = enumType.values.map(\.name)
            default: result[name] = []
            }
        }
        return result
    }
}

import Foundation
import GraphQL
import NIOCore

/// `POST /graphql` once the key is accepted: decodes `{"query", "variables", "operationName"}`, runs it and answers
/// the standard GraphQL response with HTTP 200 — also when the query is invalid or a field fails (`errors`).
/// Only a body that is not such a JSON object gets 400.
struct GraphQLEndpoint: Sendable {
    let services: ConsonanceServices

    func respond(body: [UInt8], entry: inout ConsonanceRequestRecord) async -> APIResponse {
        guard let request = try? JSONDecoder().decode(GraphQLRequest.self, from: Data(body)) else {
            return ConsonanceErrors.response(.badRequest,
                                             "The body must be JSON: {\"query\": \"…\", \"variables\": {…}, \"operationName\": \"…\"}")
        }
        GraphQLEndpoint.describe(request, into: &entry)
        let result: GraphQLResult
        do {
            result = try await graphql(schema: ConsonanceGraphQLSchema.shared, request: request.query,
                                       context: services.resolverContext(), variableValues: request.variables,
                                       operationName: request.operationName)
        } catch let error as GraphQLError {
            result = GraphQLResult(errors: [error])
        } catch {
            result = GraphQLResult(errors: [GraphQLError(message: String(describing: error))])
        }
        do {
            let encoder = GraphQLJSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let data = try encoder.encode(result)
            return APIResponse(status: .ok, headers: [.contentType: APIResponse.jsonContentType],
                               body: ByteBuffer(bytes: data))
        } catch {
            return ConsonanceErrors.response(.internalServerError, "The response could not be encoded: \(error)")
        }
    }

    /// Operation type, name and root fields for the request log.
    static func describe(_ request: GraphQLRequest, into entry: inout ConsonanceRequestRecord) {
        entry.operationName = request.operationName
        guard let document = try? parse(source: request.query, noLocation: true) else { return }
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        let chosen = request.operationName.flatMap { name in operations.first { $0.name?.value == name } }
            ?? operations.first
        guard let operation = chosen else { return }
        entry.operationType = operation.operation.rawValue
        entry.operationName = operation.name?.value ?? request.operationName
        entry.rootFields = operation.selectionSet.selections.compactMap { ($0 as? Field)?.name.value }
    }
}

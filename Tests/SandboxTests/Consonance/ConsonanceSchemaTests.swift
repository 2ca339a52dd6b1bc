import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceSchemaTests {
    private let introspection = """
        { __schema { queryType { name } mutationType { name }
            types { name kind fields { name } inputFields { name } enumValues { name } possibleTypes { name } } } }
        """

    @Test func the_served_schema_contains_every_type_and_field_of_the_sdl() async throws {
        try await ConsonanceHarness.with(works: 5) { harness in
            let schema = try await harness.data(introspection).at("__schema")
            #expect(schema.at("queryType", "name").string == "Query")
            #expect(schema.at("mutationType", "name").string == "Mutation")
            var served: [String: Set<String>] = [:]
            for type in schema.at("types").array {
                guard let name = type.at("name").string else { continue }
                let members = type.at("fields").array + type.at("inputFields").array + type.at("enumValues").array
                served[name] = Set(members.compactMap { $0.at("name").string })
            }
            let sdl = try ConsonanceGraphQLSchema.typesAndFields(of: ConsonanceSchemaSDL.text)
            #expect(sdl.count > 40)
            for (name, fields) in sdl {
                let members = try #require(served[name], "type \(name) is not served")
                #expect(Set(fields).isSubset(of: members), "\(name) lacks \(Set(fields).subtracting(members))")
            }
            // The other Product implementations carry exactly the interface's fields.
            let productFields = Set(sdl["Product"] ?? [])
            for name in ConsonanceSchemaSDL.productImplementations {
                #expect(served[name] == productFields, "\(name)")
            }
            let products = schema.at("types").array.first { $0.at("name").string == "Product" }
            let possible = Set(products?.at("possibleTypes").array.compactMap { $0.at("name").string } ?? [])
            #expect(possible == Set(ProductTypename.allCases.map(\.rawValue)))
            #expect(served["ONIXPublishingStatusCode"]?.contains("_04") == true)
            #expect(served["ONIX21ProductFormCode"]?.isSuperset(of: ["BB", "BC", "DG", "AJ", "_00"]) == true)
        }
    }

    @Test func every_struct_backed_type_resolves_all_its_fields() async throws {
        // Building the schema checks that no field of a node-backed type falls back to the default resolver.
        _ = try ConsonanceGraphQLSchema.make()
        try await ConsonanceHarness.with(works: 30) { harness in
            let sdl = try ConsonanceGraphQLSchema.typesAndFields(of: ConsonanceSchemaSDL.servedText)
            let contract = try #require(harness.sandbox.contracts().first)
            let product = try #require(harness.sandbox.products().first { $0.formCode == "BB" && $0.isbn13 != nil })
            func selection(_ type: String) -> String {
                let nested: [String: String] = [
                    "contributions": "{ id }", "imprint": "{ id }", "products": "{ id }", "seriesMemberships": "{ partNumber }",
                    "marketingTexts": "{ id }", "onixContributorRole": "{ code }", "contributor": "{ id }", "work": "{ id }",
                    "client": "{ id }", "deliveryDates": "{ id }", "licensedRights": "{ id }", "isbn": "{ isbn13 }",
                    "onixPublishingStatus": "{ code }", "onix21ProductForm": "{ code }", "prices": "{ id }",
                    "inHouseFormat": "{ code }", "inHouseEdition": "{ code }", "webLinks": "{ id }",
                ]
                return (sdl[type] ?? []).map { "\($0) \(nested[$0] ?? "")" }.joined(separator: " ")
            }
            let query = """
                { contract(contractSearch: {idEq: \(contract.id)}) { \(selection("Contract"))
                    work { \(selection("Work")) contributions { \(selection("Contribution")) } } }
                  product(productSearch: {idEq: \(product.id)}) { ... on PhysicalBookProduct { \(selection("PhysicalBookProduct")) } } }
                """
            let result = try await harness.graphQL(query)
            #expect(result.status == 200)
            #expect(result.json["errors"] == nil, "\(result.text)")
            #expect(result.json.at("data", "contract", "work", "id").int == Int64(contract.workID))
            #expect(result.json.at("data", "product", "isbn", "isbn13").string == product.isbn13)
        }
    }
}

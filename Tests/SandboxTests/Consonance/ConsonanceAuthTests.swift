import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceAuthTests {
    private let query = "{ works(workSearch: {after: 0}) { id title } }"

    @Test func missing_or_wrong_keys_get_401_and_no_data() async throws {
        try await ConsonanceHarness.with { harness in
            let attempts: [ConsonanceHarness.Auth] = [
                .none, .header("Bearer wrongKey0123456789abcdefghijklmno"), .header("Token \(ConsonanceHarness.key)"),
                .header("Bearer"), .header(ConsonanceHarness.key),
            ]
            for auth in attempts {
                let result = try await harness.graphQL(query, auth: auth)
                #expect(result.status == 401)
                #expect(result.json["data"] == nil)
                #expect(result.json.at("errors").array.first?.at("message").string?.isEmpty == false)
                #expect(result.header("WWW-Authenticate") == "Bearer realm=\"Consonance\"")
                #expect(!result.text.contains("Larkspur"))
            }
            let log = harness.sandbox.requestLog()
            #expect(log.count == attempts.count)
            #expect(log.allSatisfy { $0.authFailed && $0.status == 401 })
        }
    }

    @Test func the_right_key_gets_data() async throws {
        try await ConsonanceHarness.with { harness in
            let result = try await harness.graphQL(query)
            #expect(result.status == 200)
            #expect(result.header("Content-Type") == "application/json; charset=utf-8")
            #expect(result.json.at("data", "works").array.count == 40)
            let lower = try await harness.graphQL(query, auth: .header("bearer \(ConsonanceHarness.key)"))
            #expect(lower.status == 200)
            let entry = try #require(harness.sandbox.requestLog().first)
            #expect(entry.operationType == "query")
            #expect(entry.rootFields == ["works"])
        }
    }

    @Test func a_custom_key_replaces_the_default() async throws {
        let key = "AbCdEfGhIjKlMnOpQrStUvWxYz012345"
        try await ConsonanceHarness.with(configure: { $0.apiKey = key }) { harness in
            let withDefaultKey = try await harness.graphQL(query)
            let withCustomKey = try await harness.graphQL(query, auth: .header("Bearer \(key)"))
            #expect(withDefaultKey.status == 401)
            #expect(withCustomKey.status == 200)
        }
    }

    @Test func only_post_graphql_is_routed() async throws {
        try await ConsonanceHarness.with { harness in
            #expect(try await harness.send(.GET, "/graphql", auth: .key).status == 404)
            #expect(try await harness.send(.POST, "/api/v4/products.json", auth: .key).status == 404)
            let notJSON = try await harness.send(.POST, "/graphql", body: Array("query=x".utf8), auth: .key)
            #expect(notJSON.status == 400)
            #expect(notJSON.json.at("errors").array.count == 1)
        }
    }

    @Test func query_errors_are_http_200_with_errors() async throws {
        try await ConsonanceHarness.with { harness in
            let unknownField = try await harness.graphQL("{ works { id noSuchField } }")
            #expect(unknownField.status == 200)
            #expect(unknownField.json["data"] == nil)
            #expect(unknownField.json.at("errors").array.first?.at("message").string?.contains("noSuchField") == true)
            let syntax = try await harness.graphQL("{ works { id ")
            #expect(syntax.status == 200)
            #expect(!syntax.json.at("errors").array.isEmpty)
            let badDate = try await harness.graphQL(#"{ works(workSearch: {changedSince: "2025-13-01"}) { id } }"#)
            #expect(badDate.status == 200)
            #expect(badDate.json.at("errors").array.first?.at("message").string?.contains("YYYY-MM-DD") == true)
            let badEnum = try await harness.graphQL(#"{ products(productSearch: {onix21ProductFormCodeIn: [ED]}) { id } }"#)
            #expect(badEnum.status == 200)
            #expect(!badEnum.json.at("errors").array.isEmpty)
        }
    }
}

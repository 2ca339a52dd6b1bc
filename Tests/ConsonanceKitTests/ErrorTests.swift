import ConnectorKit
import Foundation
import Testing
@testable import ConsonanceKit

@Suite struct ErrorTests {
    @Test func graphQLErrorsKeepEveryMessagePathAndLocation() async throws {
        let body = #"""
            {"errors":[
              {"message":"Field 'bogus' doesn't exist on type 'Product'","locations":[{"line":2,"column":5},{"line":9,"column":1}],"path":["query","products","bogus"],"extensions":{"code":"undefinedField"}},
              {"message":"Variable $isbn13 of type String! was provided invalid value"}
            ]}
            """#
        let transport = ScriptedTransport([.respond(.json(200, body))])
        let error = try await #require(throws: ConsonanceError.self) { try await makeClient(transport).product(isbn13: "9781911390220") }
        #expect(error.kind == .graphQL)
        #expect(error.status == 200)
        #expect(error.graphQLErrors.count == 2)
        let first = error.graphQLErrors[0]
        #expect(first.message == "Field 'bogus' doesn't exist on type 'Product'")
        #expect(first.locations == [.init(line: 2, column: 5), .init(line: 9, column: 1)])
        #expect(first.path == [.field("query"), .field("products"), .field("bogus")])
        #expect(first.extensions?["code"] == .string("undefinedField"))
        #expect(error.graphQLErrors[1].path.isEmpty)
        #expect(error.partialData == nil)
        #expect(error.description.contains("Variable $isbn13"))
        #expect(transport.requests.count == 1, "query errors are not retried")
    }

    @Test func partialDataWithErrorsIsSurfacedNotDropped() async throws {
        let body = #"""
            {"data":{"products":[{"__typename":"PhysicalBookProduct","id":101,"fullTitle":"Kept"},null]},
             "errors":[{"message":"Cannot return null for non-nullable field Product.fullTitle","locations":[{"line":3,"column":7}],"path":["products",1,"fullTitle"]}]}
            """#
        let transport = ScriptedTransport([.respond(.json(200, body))])
        let error = try await #require(throws: ConsonanceError.self) { try await makeClient(transport).products(titleEq: "Kept") }
        #expect(error.kind == .graphQL)
        #expect(error.graphQLErrors.first?.path == [.field("products"), .index(1), .field("fullTitle")])
        #expect(error.graphQLErrors.first?.pathDescription == "products.1.fullTitle")
        #expect(error.partialData?["products"] != nil)
        #expect(error.message.contains("partial"))
    }

    @Test func executeReturnsDataAndThrowsOnErrors() async throws {
        let transport = ScriptedTransport([
            .respond(.json(200, #"{"data":{"person":{"id":30,"name":"Ann"}}}"#)),
            .respond(.json(200, #"{"data":{"person":null},"errors":[{"message":"boom","path":["person"]}]}"#)),
        ])
        let client = makeClient(transport)
        let data = try await client.execute("query { person(id: 30) { id name } }", variables: [:])
        #expect(data["person"]?["name"] == .string("Ann"))
        let error = try await #require(throws: ConsonanceError.self) { try await client.execute("query { person(id: 31) { id } }", variables: [:]) }
        #expect(error.kind == .graphQL)
        #expect(error.partialData?["person"] == .null)
    }

    @Test func refusedKeysExplainWhatToDoWithoutPrintingTheKey() async throws {
        for status in [401, 403] {
            let transport = ScriptedTransport([.respond(.json(status, #"{"error":"Invalid token \#(testKey)"}"#))])
            let error = try await #require(throws: ConsonanceError.self) { try await makeClient(transport).work(id: 1) }
            #expect(error.kind == .unauthorized)
            #expect(error.status == status)
            #expect(error.description.contains("Consonance support"))
            #expect(error.description.contains("https://web.consonance.app"))
            for text in [error.description, error.message, error.rawBody, String(reflecting: error)] {
                #expect(!text.contains(testKey))
            }
            #expect(transport.requests.count == 1)
        }
    }

    @Test func otherStatusesMapToTypedKinds() async throws {
        let transport = ScriptedTransport([
            .respond(InboundResponse(status: 404, body: Array("<html>Not Found</html>".utf8))),
            .respond(.json(400, #"{"errors":[{"message":"Must provide query string."}]}"#)),
            .respond(.json(422, #"{"error":"unprocessable"}"#)),
        ])
        let client = makeClient(transport)
        let notFound = try await #require(throws: ConsonanceError.self) { try await client.contract(id: 1) }
        #expect(notFound.kind == .notFound)
        #expect(notFound.message.contains("host"))
        let bad = try await #require(throws: ConsonanceError.self) { try await client.contract(id: 1) }
        #expect(bad.kind == .badRequest)
        #expect(bad.graphQLErrors.map(\.message) == ["Must provide query string."])
        let unprocessable = try await #require(throws: ConsonanceError.self) { try await client.contract(id: 1) }
        #expect(unprocessable.kind == .badRequest)
    }

    @Test func serverErrorsAreRetried() async throws {
        let transport = ScriptedTransport([
            .respond(.json(500, #"{"error":"Internal Server Error"}"#)),
            .fail(TransportError(kind: .connectionReset, detail: "reset by peer")),
            dataResponse("product", Fixtures.hardback),
        ])
        let product = try await makeClient(transport).product(isbn13: "9781911390220")
        #expect(product?.id == 101)
        #expect(transport.requests.count == 3)
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let transport = ScriptedTransport([
            .respond(.json(429, #"{"error":"slow down"}"#, headers: [("Retry-After", "1")])),
            dataResponse("product", Fixtures.hardback),
        ])
        let client = makeClient(transport)
        let started = ContinuousClock.now
        let product = try await client.product(isbn13: "9781911390220")
        let elapsed = ContinuousClock.now - started
        #expect(product?.id == 101)
        #expect(transport.requests.count == 2)
        #expect(elapsed >= .milliseconds(900), "waited \(elapsed)")
        #expect(await client.budget.stats.rateLimitedResponses == 1)
    }

    @Test func undecodableBodiesAreRetriedThenReportedWithoutTheKey() async throws {
        let recovering = ScriptedTransport([.respond(.json(200, #"{"data":{"product":{"id":1"#)), dataResponse("product", Fixtures.hardback)])
        #expect(try await makeClient(recovering).product(id: 101)?.id == 101)
        #expect(recovering.requests.count == 2)

        let broken = ScriptedTransport([
            .respond(.json(502, "bad gateway for Bearer \(testKey)")),
            .respond(InboundResponse(status: 200, body: Array("<html>maintenance</html>".utf8))),
            .respond(.json(200, #"{"data":null}"#)),
        ])
        let failure = try await #require(throws: RemoteCallFailure.self) { try await makeClient(broken).product(id: 101) }
        #expect(failure.attempts == 3)
        #expect(failure.errors.count == 3)
        #expect(failure.errors[1].contains("malformed response body"))
        #expect(!failure.errors.joined().contains(testKey))
        #expect(!failure.description.contains(testKey))
    }

    @Test func rejectedMutationsAreTyped() async throws {
        let transport = ScriptedTransport([
            dataResponse("updateProduct", #"{"__typename":"UpdateProductPayload","errors":["Publication date is invalid","Title can't be blank"],"product":null}"#),
            dataResponse("deleteWebLink", #"{"errors":["Web link not found"],"id":null}"#),
            dataResponse("deleteWebLink", #"{"errors":[],"id":9}"#),
        ])
        let client = makeClient(transport)
        let error = try await #require(throws: ConsonanceError.self) { try await client.updateProduct(id: 101, ConsonanceProductUpdate(title: "")) }
        #expect(error.kind == .mutationRejected)
        #expect(error.mutationErrors == ["Publication date is invalid", "Title can't be blank"])
        #expect(error.description.contains("Title can't be blank"))
        let deleteError = try await #require(throws: ConsonanceError.self) { try await client.deleteWebLink(id: 9) }
        #expect(deleteError.kind == .mutationRejected)
        #expect(try await client.deleteWebLink(id: 9) == 9)
        #expect(try variables(of: transport.requests[2]) == .object(["input": .object(["id": .number(9)])]))
    }

    @Test func creatingALinkIsNotRetriedAfterAFailure() async throws {
        let transport = ScriptedTransport([
            .respond(.json(503, "unavailable")),
            dataResponse("createWebLink", #"{"errors":[],"webLink":{"id":9,"link":"https://x.example","role":"_01","includeInOnix":false}}"#),
        ])
        let client = makeClient(transport)
        await #expect(throws: RemoteCallFailure.self) { try await client.createWebLink(productID: 1, link: "https://x.example", role: "01") }
        #expect(transport.requests.count == 1)
    }

    @Test func creatingALinkStillWaitsOutRateLimits() async throws {
        let transport = ScriptedTransport([
            .respond(.json(429, "slow down", headers: [("Retry-After", "0")])),
            dataResponse("createWebLink", #"{"errors":[],"webLink":{"id":9,"link":"https://x.example","role":"_01","includeInOnix":false}}"#),
        ])
        let link = try await makeClient(transport).createWebLink(productID: 1, link: "https://x.example", role: "01", includeInOnix: false)
        #expect(link.id == 9)
        #expect(link.includeInOnix == false)
        #expect(transport.requests.count == 2)
    }
}

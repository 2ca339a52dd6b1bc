import ConnectorKit
import Foundation
import Testing
@testable import ConsonanceKit

@Suite struct RequestShapeTests {
    @Test func queriesArePostedToGraphQLWithBearerAuthAndJSONBody() async throws {
        let transport = ScriptedTransport([dataResponse("product", "null")])
        let client = makeClient(transport, host: "https://books.example.com/")
        let product = try await client.product(isbn13: "978-1-911390-22-0")
        #expect(product == nil)

        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://books.example.com/graphql")
        #expect(request.header("Authorization") == "Bearer \(testKey)")
        #expect(request.header("Content-Type") == "application/json; charset=utf-8")
        let sent = try body(of: request)
        let query = try #require(sent["query"]?.stringValue)
        #expect(query.hasPrefix("query ProductByISBN($isbn13: String!)"))
        #expect(query.contains("product(productSearch: {isbn13Eq: $isbn13})"))
        #expect(query.contains("__typename"))
        #expect(sent["variables"] == .object(["isbn13": .string("9781911390220")]))
    }

    @Test func defaultHostIsConsonanceWeb() {
        let configuration = ConsonanceConfiguration(apiKey: testKey)
        #expect(configuration.endpoint == "https://web.consonance.app/graphql")
        #expect(configuration.maxConcurrentRequests == 2)
    }

    @Test func pagingVariablesLeaveOutWhatIsNotGiven() async throws {
        let transport = ScriptedTransport([dataResponse("works", "[]"), dataResponse("products", "[]")])
        let client = makeClient(transport)
        _ = try await client.works(after: nil, changedSince: nil)
        _ = try await client.products(after: 42, changedSince: CalendarDate(year: 2024, month: 3, day: 5))
        #expect(try variables(of: transport.requests[0]) == .object([:]))
        #expect(try variables(of: transport.requests[1]) == .object(["after": .number(42), "changedSince": .string("2024-03-05")]))
        #expect(try body(of: transport.requests[1])["query"]?.stringValue?.contains("products(productSearch: {after: $after, changedSince: $changedSince})") == true)
    }

    @Test func onixCodesInVariablesCarryTheUnderscore() async throws {
        let link = #"{"errors":[],"webLink":{"id":9,"link":"https://switchboard.example/t/1","role":"_01","note":"Switchboard","includeInOnix":false}}"#
        let transport = ScriptedTransport([dataResponse("createWebLink", link), dataResponse("updateWebLink", link), dataResponse("createWebLink", link)])
        let client = makeClient(transport)
        let created = try await client.createWebLink(productID: 101, link: "https://switchboard.example/t/1", role: "01", note: "Switchboard", includeInOnix: false)
        #expect(created.role == "01")
        _ = try await client.updateWebLink(id: 9, ConsonanceWebLinkUpdate(role: "17"))
        _ = try await client.createWebLink(contactID: 30, link: "https://x.example", role: "_02")

        #expect(try variables(of: transport.requests[0]) == .object(["input": .object([
            "productId": .number(101), "link": .string("https://switchboard.example/t/1"), "role": .string("_01"),
            "note": .string("Switchboard"), "includeInOnix": .bool(false),
        ])]))
        #expect(try variables(of: transport.requests[1]) == .object(["input": .object(["id": .number(9), "role": .string("_17")])]))
        #expect(try variables(of: transport.requests[2])["input"]?["contactId"] == .number(30))
        #expect(try variables(of: transport.requests[2])["input"]?["role"] == .string("_02"))
        #expect(try body(of: transport.requests[0])["query"]?.stringValue?.hasPrefix("mutation CreateWebLink($input: CreateWebLinkInput!)") == true)
    }

    @Test func updateInputsSendOnlyTheGivenFields() async throws {
        let transport = ScriptedTransport([
            dataResponse("updateProduct", #"{"errors":[],"product":\#(Fixtures.hardback)}"#),
            dataResponse("updateContract", #"{"errors":[],"contract":\#(Fixtures.contract)}"#),
            dataResponse("updateWork", #"{"errors":[],"work":\#(Fixtures.work(id: 55))}"#),
        ])
        let client = makeClient(transport)
        let product = try await client.updateProduct(id: 101, ConsonanceProductUpdate(publicationDate: CalendarDate("2026-09-01")))
        #expect(product.id == 101)
        _ = try await client.updateContract(id: 77, ConsonanceContractUpdate(signedDate: CalendarDate("2017-06-02"), authorDiscount: Decimal(string: "24.99")))
        _ = try await client.updateWork(id: 55, ConsonanceWorkUpdate(subtitle: "New", editionStatement: "Revised"))

        #expect(try variables(of: transport.requests[0]) == .object(["input": .object(["id": .number(101), "publicationDate": .string("2026-09-01")])]))
        let contractInput = try #require(try variables(of: transport.requests[1])["input"])
        #expect(contractInput == .object(["id": .number(77), "signedDate": .string("2017-06-02"), "authorDiscount": .number(24.99)]))
        let rawContractBody = String(decoding: try #require(transport.requests[1].body), as: UTF8.self)
        #expect(rawContractBody.contains(#""authorDiscount":24.99"#))
        #expect(try variables(of: transport.requests[2]) == .object(["input": .object(["id": .number(55), "subtitle": .string("New"), "editionStatement": .string("Revised")])]))
    }

    @Test func emptyBatchLookupSendsNothing() async throws {
        let transport = ScriptedTransport([])
        let page = try await makeClient(transport).products(isbn13In: [" ", ""])
        #expect(page.isEmpty)
        #expect(transport.requests.isEmpty)
    }

    @Test func batchLookupSendsNormalisedISBNs() async throws {
        let transport = ScriptedTransport([dataResponse("products", "[]")])
        _ = try await makeClient(transport).products(isbn13In: ["978-1-911390-22-0", "9781911390244"])
        #expect(try variables(of: transport.requests[0]) == .object(["isbn13In": .array([.string("9781911390220"), .string("9781911390244")])]))
    }

    @Test func everyProductQuerySelectsTheSameProductFragment() {
        let productDocuments = [
            ConsonanceDocuments.productByISBN, ConsonanceDocuments.productByID, ConsonanceDocuments.productsByISBN,
            ConsonanceDocuments.productsByTitle, ConsonanceDocuments.productsPage, ConsonanceDocuments.updateProduct,
            ConsonanceDocuments.workByID, ConsonanceDocuments.worksPage, ConsonanceDocuments.worksByContract,
        ]
        for document in productDocuments {
            #expect(document.contains(ConsonanceFragments.product))
            #expect(document.components(separatedBy: "fragment ProductFields on Product").count == 2)
        }
    }

    @Test func documentsIncludeExactlyTheFragmentsTheyUse() {
        for (name, document) in ConsonanceDocuments.all {
            let defined = Set(document.components(separatedBy: "fragment ").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) })
            let used = Set(ConsonanceFragments.spreads(in: document))
            #expect(defined == used, "\(name): defines \(defined.sorted()), uses \(used.sorted())")
            #expect(document.contains("__typename"), "\(name)")
        }
    }
}

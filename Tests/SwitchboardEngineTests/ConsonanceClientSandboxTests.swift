import ConnectorKit
import ConsonanceKit
import Foundation
import Sandbox
import SwitchboardTestSupport
import Testing

/// ConsonanceKit against the Consonance sandbox over real HTTP: every query decodes with nothing rejected, and every
/// mutation the client offers round-trips — the two sides are written independently from the reference, so this is
/// where a disagreement between them shows.
@Suite struct ConsonanceClientSandboxTests {
    @Test func everyQueryDecodesAndEveryMutationRoundTrips() async throws {
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        try await ConsonanceHarness.withSandbox(ConsonanceSandboxConfiguration(seed: 31, workCount: 25, pageSize: 10)) { sandbox, baseURL in
            let client = ConsonanceClient(configuration: ConsonanceConfiguration(host: baseURL, apiKey: ConsonanceSandboxConfiguration.defaultAPIKey), transport: transport)
            var works: [ConsonanceWork] = []
            for try await page in client.allWorks(changedSince: nil) {
                #expect(page.rejected.isEmpty, "\(page.rejected.map(\.reason))")
                works += page.records
            }
            #expect(works.map(\.id) == sandbox.works().map(\.id), "paging with after covers every work once")
            let work = try #require(works.first { $0.products.contains { $0.isbn13 != nil } })
            #expect(try await client.work(id: work.id)?.title == work.title)
            let product = try #require(work.products.first { $0.isbn13 != nil })
            #expect(try await client.product(isbn13: product.isbn13!)?.id == product.id)
            #expect(try await client.product(id: product.id)?.isbn13 == product.isbn13)
            let allProducts = sandbox.products().filter { $0.isbn13 != nil }.prefix(5).compactMap(\.isbn13)
            #expect(try await client.products(isbn13In: Array(allProducts)).records.count == allProducts.count)
            #expect(try await client.products(titleEq: try #require(product.fullTitle)).records.contains { $0.id == product.id })
            let contributor = try #require(works.flatMap(\.contributions).compactMap(\.contributor).first { $0.kind == .person })
            #expect(try await client.person(id: contributor.id)?.name == contributor.name)
            #expect(try await client.contacts(personNameContains: String((contributor.name ?? "").prefix(4))).records.contains { $0.id == contributor.id })
            let contract = try #require(try await client.contract(id: 1))
            #expect(try await client.works(contractID: contract.id).records.map(\.id) == [try #require(contract.workID)])

            let link = try await client.createWebLink(productID: product.id, link: "https://switchboard.example/api/tasks/t1", role: "01", note: "test", includeInOnix: false)
            #expect(link.role == "01" && link.includeInOnix == false)
            let updatedLink = try await client.updateWebLink(id: link.id, ConsonanceWebLinkUpdate(note: "updated"))
            #expect(updatedLink.note == "updated")
            #expect(sandbox.product(id: product.id)?.webLinks.contains { $0.id == link.id } == true)
            _ = try await client.deleteWebLink(id: link.id)
            #expect(sandbox.product(id: product.id)?.webLinks.contains { $0.id == link.id } == false)

            let renamed = try await client.updateProduct(id: product.id, ConsonanceProductUpdate(subtitle: "A new subtitle"))
            #expect(renamed.subtitle == "A new subtitle")
            let retitled = try await client.updateWork(id: work.id, ConsonanceWorkUpdate(subtitle: "Confirmed subtitle"))
            #expect(retitled.subtitle == "Confirmed subtitle")
            #expect(sandbox.work(id: work.id)?.subtitle == "Confirmed subtitle")
            let changedContract = try await client.updateContract(id: contract.id, ConsonanceContractUpdate(contractName: "Head contract (revised)"))
            #expect(changedContract.contractName == "Head contract (revised)")
            await #expect(throws: ConsonanceError.self) { try await client.updateProduct(id: 999_999, ConsonanceProductUpdate(subtitle: "x")) }
        }
    }
}

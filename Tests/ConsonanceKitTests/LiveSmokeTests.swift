import ConnectorKit
import Foundation
import Testing
@testable import ConsonanceKit

/// Runs every read query, and a web-link round trip, against a real endpoint — a Consonance sandbox or tenant —
/// when `CONSONANCE_LIVE_URL` and `CONSONANCE_LIVE_KEY` are set. Skipped otherwise (unit tests never use the network).
/// Mutations run only when `CONSONANCE_LIVE_WRITE=1`, and only on the product they create a link for.
@Suite(.enabled(if: LiveEndpoint.url != nil && LiveEndpoint.key != nil, "set CONSONANCE_LIVE_URL and CONSONANCE_LIVE_KEY to run"))
struct LiveSmokeTests {

    @Test func everyQueryDecodes() async throws {
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        let client = ConsonanceClient(configuration: ConsonanceConfiguration(host: try #require(LiveEndpoint.url), apiKey: try #require(LiveEndpoint.key)), transport: transport)

        var pages = 0
        var works: [ConsonanceWork] = []
        for try await page in client.allWorks(changedSince: nil) {
            pages += 1
            works += page.records
            #expect(page.rejected.isEmpty, "\(page.rejected.map(\.reason))")
            if pages == 2 { break }
        }
        let work = try #require(works.first)
        #expect(try await client.work(id: work.id)?.id == work.id)
        let productPage = try await client.products(after: nil)
        #expect(productPage.rejected.isEmpty, "\(productPage.rejected.map(\.reason))")
        let product = try #require(productPage.records.first { $0.isbn13 != nil })
        #expect(try await client.product(isbn13: try #require(product.isbn13))?.id == product.id)
        #expect(try await client.product(id: product.id)?.id == product.id)
        let batch = try await client.products(isbn13In: productPage.records.compactMap(\.isbn13))
        #expect(batch.records.count == productPage.records.filter { $0.isbn13 != nil }.count)
        #expect(try await client.products(titleEq: try #require(product.fullTitle)).records.isEmpty == false)
        _ = try await client.products(after: nil, changedSince: CalendarDate.today().adding(days: -1))
        if let contributor = works.flatMap(\.contributions).compactMap(\.contributor).first(where: { $0.kind == .person }) {
            #expect(try await client.person(id: contributor.id)?.id == contributor.id)
            _ = try await client.contacts(personNameContains: String((contributor.name ?? "a").prefix(3)))
        }
        for id in 1...5 {
            if let contract = try await client.contract(id: id) {
                _ = try await client.works(contractID: contract.id)
                break
            }
        }
        guard LiveEndpoint.write else { return }
        let link = try await client.createWebLink(productID: product.id, link: "https://consonancekit.example/smoke", role: "01", note: "ConsonanceKit smoke test", includeInOnix: false)
        #expect(link.role == "01")
        let updated = try await client.updateWebLink(id: link.id, ConsonanceWebLinkUpdate(note: "ConsonanceKit smoke test (updated)"))
        #expect(updated.note == "ConsonanceKit smoke test (updated)")
        try await client.deleteWebLink(id: link.id)
        let renamed = try await client.updateProduct(id: product.id, ConsonanceProductUpdate(subtitle: product.subtitle ?? "Smoke"))
        #expect(renamed.id == product.id)
    }
}

/// Where the live smoke test points, from the environment.
enum LiveEndpoint {
    static let url = ProcessInfo.processInfo.environment["CONSONANCE_LIVE_URL"]
    static let key = ProcessInfo.processInfo.environment["CONSONANCE_LIVE_KEY"]
    static let write = ProcessInfo.processInfo.environment["CONSONANCE_LIVE_WRITE"] == "1"
}

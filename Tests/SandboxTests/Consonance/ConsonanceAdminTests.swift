import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceAdminTests {
    @Test func the_calendar_moves_and_changes_are_stamped_with_it() async throws {
        try await ConsonanceHarness.with(works: 20) { harness in
            let read = try await harness.admin(.GET, "today")
            #expect(read.json.at("today").string == "2025-06-02")
            let moved = try await harness.admin(.PUT, "today", json: #"{"today":"2025-07-01"}"#)
            #expect(moved.json.at("today").string == "2025-07-01")
            #expect(harness.sandbox.today == SandboxDate("2025-07-01"))
            #expect(try await harness.admin(.PUT, "today", json: #"{"today":"July"}"#).status == 400)

            let product = try #require(harness.sandbox.products().first)
            let changed = try await harness.admin(.POST, "products/\(product.id)",
                                                  json: #"{"publicationDate":"2025-09-09","publishingStatus":"_02","forSale":["GB","IE"],"notForSale":["US"],"worldwide":false}"#)
            #expect(changed.status == 200)
            #expect(changed.json.at("publicationDate").string == "2025-09-09")
            #expect(changed.json.at("publishingStatus").string == "02")
            #expect(changed.json.at("changed").string == "2025-07-01")
            let stored = try #require(harness.sandbox.product(id: product.id))
            #expect(stored.forSaleCountryCodes == ["GB", "IE"] && stored.notForSaleCountryCodes == ["US"] && !stored.isForSaleWorldwide)
            let rejected = try await harness.admin(.POST, "products/\(product.id)", json: #"{"publicationDate":"2025-10-10","publishingStatus":"99"}"#)
            #expect(rejected.status == 400)
            #expect(harness.sandbox.product(id: product.id)?.publicationDate == SandboxDate("2025-09-09"))  // all or nothing
            #expect(try await harness.admin(.POST, "products/1", json: #"{"publishingStatus":"04"}"#).status == 404)

            let data = try await harness.data(#"{ products(productSearch: {changedSince: "2025-07-01"}) { id onixPublishingStatusCode } }"#)
            #expect(data.at("products").array.contains { $0.at("id").int == Int64(product.id) && $0.at("onixPublishingStatusCode").string == "_02" })
        }
    }

    @Test func works_contracts_and_rights_change_through_admin() async throws {
        try await ConsonanceHarness.with(works: 20) { harness in
            let work = try #require(harness.sandbox.works().first)
            let staged = try await harness.admin(.POST, "works/\(work.id)", json: #"{"projectStage":"Final proof approved"}"#)
            #expect(staged.json.at("projectStage").string == "Final proof approved")

            let contract = try #require(harness.sandbox.contracts().first { $0.dates.actualMsDeliveryDate == nil })
            let delivered = try await harness.admin(.POST, "contracts/\(contract.id)",
                                                    json: #"{"actualMsDeliveryDate":"2025-06-01","revisedMsDeliveryDate":null}"#)
            #expect(delivered.json.at("actualMsDeliveryDate").string == "2025-06-01")
            #expect(delivered.json.at("revisedMsDeliveryDate") == .null)

            let delivery = try #require(contract.deliveryDates.first)
            let slipped = try await harness.admin(.POST, "contracts/\(contract.id)/delivery-dates/\(delivery.id)",
                                                  json: #"{"slippedDate":"2025-08-15"}"#)
            #expect(slipped.status == 200)
            #expect(harness.sandbox.contract(id: contract.id)?.deliveryDates.first?.slippedDate == SandboxDate("2025-08-15"))

            let added = try await harness.admin(.POST, "contracts/\(contract.id)/licensed-rights", json: #"{"rightType":"Podcast","authorCut":60}"#)
            #expect(added.status == 201)
            let right = try #require(harness.sandbox.contract(id: contract.id)?.licensedRights.first { $0.rightType == "Podcast" })
            #expect(right.authorCut == 60)
            let removed = try await harness.admin(.DELETE, "contracts/\(contract.id)/licensed-rights/\(right.id)")
            #expect(removed.status == 204)
            #expect(harness.sandbox.contract(id: contract.id)?.licensedRights.contains { $0.id == right.id } == false)

            let graph = try await harness.data("{ contract(contractSearch: {idEq: \(contract.id)}) { actualMsDeliveryDate deliveryDates { id slippedDate } } }")
            #expect(graph.at("contract", "actualMsDeliveryDate").string == "2025-06-01")
            #expect(graph.at("contract", "deliveryDates").array.first?.at("slippedDate").string == "2025-08-15")
        }
    }

    @Test func the_swift_api_changes_what_clients_read() async throws {
        try await ConsonanceHarness.with(works: 20) { harness in
            let sandbox = harness.sandbox
            let contract = try #require(sandbox.contracts().first)
            try sandbox.markDelivered(contractID: contract.id)
            #expect(sandbox.contract(id: contract.id)?.dates.actualMsDeliveryDate == ConsonanceHarness.today)
            let rightID = try sandbox.addLicensedRight(contractID: contract.id, rightType: "Audio", authorCut: 75)
            try sandbox.removeLicensedRight(contractID: contract.id, rightID: rightID)
            #expect(throws: ConsonanceSandboxError.notFound("Product 1")) { try sandbox.setPublicationDate(productID: 1, nil) }
            #expect(throws: ConsonanceSandboxError.self) { try sandbox.setPublishingStatus(productID: Catalogue.productIDBase + 1, "42") }
            let product = try #require(sandbox.products().first)
            try sandbox.setPublishingStatus(productID: product.id, "_07")
            try sandbox.setSalesRights(productID: product.id, forSale: ["GB"], notForSale: [], worldwide: false)
            let read = try await harness.data("{ product(productSearch: {idEq: \(product.id)}) { onixPublishingStatusCode onixPublishingStatus { code value description } forSaleCountryCodes isForSaleWorldwide salesRightsDescription } }")
            #expect(read.at("product", "onixPublishingStatusCode").string == "_07")
            #expect(read.at("product", "onixPublishingStatus", "description").string == "Out of print")
            #expect(read.at("product", "forSaleCountryCodes").array == [.string("GB")])
            #expect(read.at("product", "isForSaleWorldwide") == .bool(false))

            _ = try await harness.data("{ works { id } }")
            let log = try await harness.admin(.GET, "requests")
            #expect(log.json.at("requests").array.count == 2)
            #expect(log.json.at("requests").array.last?.at("root_fields").array == [.string("works")])
        }
    }
}

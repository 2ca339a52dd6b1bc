import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceMutationTests {
    @Test func update_product_changes_the_date_and_stamps_the_change() async throws {
        try await ConsonanceHarness.with(works: 20) { harness in
            let day = ConsonanceHarness.today.adding(days: 3)
            harness.sandbox.setToday(day)
            let product = try #require(harness.sandbox.products().first { $0.publicationDate != nil })
            let result = try await harness.data("""
                mutation M($input: UpdateProductInput!) {
                  updateProduct(input: $input) { clientMutationId errors product { id publicationDate subtitle } }
                }
                """, variables: ["input": ["id": product.id, "publicationDate": "2026-03-05", "subtitle": "A New Subtitle",
                                           "clientMutationId": "m-1"]])
            let payload = result.at("updateProduct")
            #expect(payload.at("errors").array.isEmpty)
            #expect(payload.at("clientMutationId").string == "m-1")
            #expect(payload.at("product", "publicationDate").string == "2026-03-05")
            #expect(payload.at("product", "subtitle").string == "A New Subtitle")
            let stored = try #require(harness.sandbox.product(id: product.id))
            #expect(stored.publicationDate == SandboxDate("2026-03-05"))
            #expect(stored.changed == day)
            let changed = try await harness.data(#"{ products(productSearch: {changedSince: "\#(day)"}) { id } }"#)
            #expect(changed.at("products").array.compactMap { $0.at("id").int.map(Int.init) }.contains(product.id))

            let cleared = try await harness.data("mutation { updateProduct(input: {id: \(product.id), publicationDate: null}) { errors product { publicationDate } } }")
            #expect(cleared.at("updateProduct", "product", "publicationDate") == .null)
            let log = harness.sandbox.requestLog()
            #expect(log.first?.operationType == "mutation" && log.first?.rootFields == ["updateProduct"])
        }
    }

    @Test func unknown_ids_and_invalid_values_go_to_payload_errors() async throws {
        try await ConsonanceHarness.with(works: 10) { harness in
            let result = try await harness.graphQL("""
                mutation {
                  a: updateProduct(input: {id: 999, title: "X"}) { errors product { id } }
                  b: updateContract(input: {id: 999}) { errors contract { id } }
                  c: deleteWebLink(input: {id: 999}) { errors id }
                  d: createWebLink(input: {link: "https://example.com", role: _02}) { errors webLink { id } }
                  e: updateProduct(input: {id: \(Catalogue.productIDBase + 1), title: "  "}) { errors }
                  f: createWebLink(input: {productId: \(Catalogue.productIDBase + 1), link: "not a url", role: _02}) { errors }
                }
                """)
            #expect(result.status == 200)
            #expect(result.json["errors"] == nil)
            let data = result.json.at("data")
            #expect(data.at("a", "errors").array.first?.string == "Product 999 not found")
            #expect(data.at("a", "product") == .null)
            #expect(data.at("b", "errors").array.first?.string == "Contract 999 not found")
            #expect(data.at("c", "errors").array.first?.string == "WebLink 999 not found")
            #expect(data.at("d", "errors").array.count == 1)
            #expect(data.at("e", "errors").array.first?.string == "Title can't be blank")
            #expect(data.at("f", "errors").array.count == 1)
            #expect(harness.sandbox.product(id: Catalogue.productIDBase + 1)?.title != "  ")
        }
    }

    @Test func web_links_can_be_created_updated_and_deleted() async throws {
        try await ConsonanceHarness.with(works: 10) { harness in
            let product = try #require(harness.sandbox.products().first)
            let created = try await harness.data("""
                mutation { createWebLink(input: {productId: \(product.id), link: "https://switchboard.example/titles/1", role: _01, note: "Switchboard", includeInOnix: false}) {
                  errors webLink { id link role note includeInOnix } } }
                """)
            let link = created.at("createWebLink", "webLink")
            let id = try #require(link.at("id").int.map(Int.init))
            #expect(link.at("role").string == "_01")
            #expect(link.at("includeInOnix") == .bool(false))
            #expect(harness.sandbox.product(id: product.id)?.webLinks.contains { $0.id == id && $0.note == "Switchboard" } == true)
            let listed = try await harness.data("{ product(productSearch: {idEq: \(product.id)}) { webLinks { id link } } }")
            #expect(listed.at("product", "webLinks").array.contains { $0.at("id").int == Int64(id) })

            let updated = try await harness.data(#"mutation { updateWebLink(input: {id: \#(id), note: "Console"}) { errors webLink { note link } } }"#)
            #expect(updated.at("updateWebLink", "webLink", "note").string == "Console")

            let deleted = try await harness.data("mutation { deleteWebLink(input: {id: \(id)}) { errors id } }")
            #expect(deleted.at("deleteWebLink", "id").int == Int64(id))
            #expect(harness.sandbox.product(id: product.id)?.webLinks.contains { $0.id == id } == false)
            let again = try await harness.data("mutation { deleteWebLink(input: {id: \(id)}) { errors } }")
            #expect(again.at("deleteWebLink", "errors").array.count == 1)

            let contact = try #require(harness.sandbox.contributors().first)
            let onContact = try await harness.data(#"mutation { createWebLink(input: {contactId: \#(contact.id), link: "https://example.org/me", role: _06}) { errors webLink { id } } }"#)
            #expect(onContact.at("createWebLink", "errors").array.isEmpty)
            #expect(harness.sandbox.contact(id: contact.id)?.webLinks.count == contact.webLinks.count + 1)
        }
    }

    @Test func contracts_works_and_delivery_dates() async throws {
        try await ConsonanceHarness.with(works: 10) { harness in
            let contract = try #require(harness.sandbox.contracts().first)
            let result = try await harness.data("""
                mutation {
                  updateContract(input: {id: \(contract.id), signedDate: "2024-01-15", contractName: "Renamed"}) { errors contract { signedDate contractName } }
                  updateWork(input: {id: \(contract.workID), subtitle: "Now with a subtitle"}) { errors work { subtitle } }
                  createDeliveryDate(input: {contractId: \(contract.id), dateDue: "2025-09-01", deliverableType: "Photographs", percentageOfTotal: 10}) { errors deliveryDate { id dateDue deliverableType } }
                }
                """)
            #expect(result.at("updateContract", "contract", "signedDate").string == "2024-01-15")
            #expect(result.at("updateWork", "work", "subtitle").string == "Now with a subtitle")
            let deliveryID = try #require(result.at("createDeliveryDate", "deliveryDate", "id").int.map(Int.init))
            let stored = try #require(harness.sandbox.contract(id: contract.id))
            #expect(stored.contractName == "Renamed")
            #expect(stored.deliveryDates.contains { $0.id == deliveryID && $0.deliverableType == "Photographs" })
            #expect(stored.changed == ConsonanceHarness.today)
            let deleted = try await harness.data("mutation { deleteDeliveryDate(input: {id: \(deliveryID)}) { errors id } }")
            #expect(deleted.at("deleteDeliveryDate", "errors").array.isEmpty)
            #expect(harness.sandbox.contract(id: contract.id)?.deliveryDates.contains { $0.id == deliveryID } == false)
        }
    }
}

import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceChangedSinceTests {
    private func ids(_ data: JSONValue, _ field: String) -> [Int] {
        data.at(field).array.compactMap { $0.at("id").int.map(Int.init) }
    }

    @Test func an_unchanged_catalogue_reports_nothing_from_today_on() async throws {
        try await ConsonanceHarness.with(works: 50) { harness in
            let today = ConsonanceHarness.today
            for date in [today, today.adding(days: 1), today.adding(days: 30)] {
                let result = try await harness.data(#"{ works(workSearch: {changedSince: "\#(date)"}) { id } products(productSearch: {changedSince: "\#(date)"}) { id } }"#)
                #expect(result.at("works").array.isEmpty)
                #expect(result.at("products").array.isEmpty)
            }
            // Generated change stamps lie in the past, so a long look-back finds records.
            let older = try await harness.data(#"{ works(workSearch: {changedSince: "\#(today.adding(days: -400))"}) { id } }"#)
            #expect(!older.at("works").array.isEmpty)
        }
    }

    @Test func a_product_change_reports_its_work_and_sibling_products() async throws {
        try await ConsonanceHarness.with(works: 50) { harness in
            let tomorrow = ConsonanceHarness.today.adding(days: 1)
            harness.sandbox.setToday(tomorrow)
            let work = try #require(harness.sandbox.works().first { $0.productIDs.count >= 3 })
            let product = work.productIDs[1]
            try harness.sandbox.setPublicationDate(productID: product, tomorrow.adding(days: 100))
            #expect(harness.sandbox.product(id: product)?.changed == tomorrow)

            let query = #"{ works(workSearch: {changedSince: "\#(tomorrow)"}) { id } products(productSearch: {changedSince: "\#(tomorrow)"}) { id } }"#
            let result = try await harness.data(query)
            #expect(ids(result, "works") == [work.id])
            #expect(ids(result, "products") == work.productIDs)  // siblings come back too
            let later = try await harness.data(query.replacingOccurrences(of: tomorrow.description, with: tomorrow.adding(days: 1).description))
            #expect(ids(later, "works").isEmpty && ids(later, "products").isEmpty)
        }
    }

    @Test func stage_and_contributor_changes_mark_works_but_contract_changes_do_not() async throws {
        try await ConsonanceHarness.with(works: 50) { harness in
            let day = ConsonanceHarness.today.adding(days: 7)
            harness.sandbox.setToday(day)
            let works = harness.sandbox.works()
            try harness.sandbox.setProjectStage(workID: works[2].id, "Typesetting")
            let contributor = try #require(harness.sandbox.contact(id: works[5].contributorIDs[0]))
            try harness.sandbox.setContactDetails(contactID: contributor.id, email: "new.address@authors.example")
            let contract = try #require(works[8].contractID)
            try harness.sandbox.setContract(id: contract) { $0.revisedMsDeliveryDate = day.adding(days: 30) }
            #expect(harness.sandbox.contract(id: contract)?.changed == day)

            let result = try await harness.data(#"{ works(workSearch: {changedSince: "\#(day)"}) { id projectStage } }"#)
            let expected = Set([works[2].id] + contributor.workIDs)
            #expect(Set(ids(result, "works")) == expected)
            #expect(!ids(result, "works").contains(works[8].id) || expected.contains(works[8].id))
        }
    }

    @Test func over_reporting_adds_unchanged_records_deterministically() async throws {
        try await ConsonanceHarness.with(works: 200, configure: { $0.overReportChanges = 0.1 }) { harness in
            let since = ConsonanceHarness.today
            let query = #"{ works(workSearch: {changedSince: "\#(since)"}) { id } }"#
            let first = ids(try await harness.data(query), "works")
            #expect(first.count > 3 && first.count < 60)
            #expect(ids(try await harness.data(query), "works") == first)
            harness.sandbox.setOverReportChanges(0)
            #expect(ids(try await harness.data(query), "works").isEmpty)
        }
    }
}

import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceGenerationTests {
    private func sandbox(seed: UInt64 = 7, works: Int = 300) -> ConsonanceSandbox {
        ConsonanceSandbox(configuration: ConsonanceHarness.configuration(works: works, seed: seed))
    }

    @Test func the_same_seed_gives_the_same_catalogue() {
        let first = sandbox()
        let second = sandbox()
        #expect(first.works() == second.works())
        #expect(first.products() == second.products())
        #expect(first.contacts() == second.contacts())
        #expect(first.contracts() == second.contracts())
        #expect(first.imprints() == second.imprints())
        let other = sandbox(seed: 8)
        #expect(other.works().map(\.title) != first.works().map(\.title))
    }

    @Test func every_isbn_is_valid_and_unique() {
        let products = sandbox(works: 2_000).products()
        let isbns = products.compactMap(\.isbn13)
        #expect(isbns.count > 6_000)
        #expect(Set(isbns).count == isbns.count)
        for (isbn, product) in zip(isbns, products.filter { $0.isbn13 != nil }) {
            #expect(isbn.count == 13 && isbn.hasPrefix("978") && isbn.allSatisfy(\.isNumber))
            let digits = isbn.compactMap(\.wholeNumberValue)
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
            #expect(sum % 10 == 0, "bad check digit in \(isbn)")
            #expect(product.isbnWithDashes?.replacingOccurrences(of: "-", with: "") == isbn)
            let isbn10 = try! #require(product.isbn10)
            let weighted = isbn10.enumerated().reduce(0) { sum, entry in
                sum + (entry.element == "X" ? 10 : entry.element.wholeNumberValue!) * (10 - entry.offset)
            }
            #expect(weighted % 11 == 0, "bad ISBN-10 \(isbn10)")
        }
        // Works still in acquisition have no ISBNs yet.
        #expect(products.contains { $0.isbn13 == nil })
    }

    @Test func works_have_several_formats_and_all_four_forms_appear() {
        let sandbox = sandbox()
        let products = Dictionary(uniqueKeysWithValues: sandbox.products().map { ($0.id, $0) })
        for work in sandbox.works() {
            #expect(work.productIDs.count >= 2)
            #expect(work.productIDs.allSatisfy { products[$0]?.workID == work.id })
        }
        let forms = Set(products.values.map(\.formCode))
        #expect(forms.isSuperset(of: ["BB", "BC", "DG", "AJ"]))
        let types = Dictionary(grouping: products.values, by: \.formCode).mapValues { Set($0.map(\.productType)) }
        #expect(types["BB"] == ["PhysicalBookProduct"])
        #expect(types["BC"] == ["PhysicalBookProduct"])
        #expect(types["DG"] == ["ElectronicBookProduct"])
        #expect(types["AJ"] == ["ElectronicAudioProduct"])
        let statuses = Dictionary(grouping: products.values, by: \.publishingStatus).mapValues(\.count)
        #expect(statuses["04", default: 0] > products.count / 2)
        #expect(statuses["02", default: 0] > 0)
        for product in products.values where product.publishingStatus == "02" {
            #expect(product.publicationDate.map { $0 > ConsonanceHarness.today } ?? false)
        }
    }

    @Test func imprints_people_and_contracts_look_real() {
        let sandbox = sandbox()
        let imprints = sandbox.imprints().map(\.name)
        #expect((5...8).contains(imprints.count))
        #expect(imprints.contains("Larkspur Press") && imprints.contains("Harbour Lights"))
        #expect(imprints.contains { $0.unicodeScalars.contains { !$0.isASCII } })
        let people = sandbox.contributors()
        #expect(Set(people.compactMap(\.email)).count == people.count)
        for person in people {
            #expect(matchesPattern(person.email, #"^[a-z]+\.[a-z]+[0-9]*@[a-z]+\.example$"#))
            if let phone = person.phone { #expect(matchesPattern(phone, #"^\+[1-9][0-9]{9,14}$"#)) }
        }
        let contracts = sandbox.contracts()
        #expect(contracts.map(\.id) == Array(1...300))
        #expect(Set(contracts.map(\.workID)).count == 300)
        let today = ConsonanceHarness.today
        let open = contracts.filter { $0.dates.actualMsDeliveryDate == nil }
        #expect(open.contains { ($0.dates.msDeliveryDate ?? today) < today })  // overdue
        #expect(open.contains { ($0.dates.msDeliveryDate.map { $0.days(since: today) } ?? -1) > 0
            && ($0.dates.msDeliveryDate.map { $0.days(since: today) } ?? 99) <= 42 })  // due in the next weeks
        #expect(contracts.contains { $0.deliveryDates.contains { $0.slippedDate != nil } })
        #expect(contracts.allSatisfy { !$0.licensedRights.isEmpty })
        let rights = Set(contracts.flatMap { $0.licensedRights.map(\.rightType) })
        #expect(rights.isSuperset(of: ["Translation", "Audio", "Serial", "Film/TV"]))
        for contract in contracts where contract.dates.actualMsDeliveryDate != nil {
            #expect(contract.dates.actualMsDeliveryDate! < today)
        }
    }

    @Test func fifteen_thousand_works_generate_in_seconds() {
        let clock = ContinuousClock()
        var sandbox: ConsonanceSandbox?
        let elapsed = clock.measure {
            sandbox = ConsonanceSandbox(configuration: ConsonanceHarness.configuration(works: 15_000, seed: 3))
        }
        let products = sandbox!.products()
        print("generated 15,000 works / \(products.count) products in \(elapsed)")
        #expect((45_000...55_000).contains(products.count))
        #expect(elapsed < .seconds(30))  // debug builds; release takes well under a second
    }

    private func matchesPattern(_ text: String?, _ pattern: String) -> Bool {
        guard let text else { return false }
        return text.range(of: pattern, options: .regularExpression) != nil
    }
}

import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceQueryTests {
    @Test func paging_with_after_covers_every_work_exactly_once() async throws {
        try await ConsonanceHarness.with(works: 95, configure: { $0.pageSize = 20 }) { harness in
            let pages = try await harness.walk("works", search: "workSearch")
            #expect(pages.map(\.count) == [20, 20, 20, 20, 15])
            let ids = pages.flatMap { $0.compactMap { $0.at("id").int } }
            #expect(ids == (1...95).map(Int64.init))
            let products = try await harness.walk("products", search: "productSearch")
            #expect(products.allSatisfy { $0.count <= 20 })
            let productIDs = products.flatMap { $0.compactMap { $0.at("id").int.map(Int.init) } }
            #expect(productIDs == harness.sandbox.products().map(\.id))
        }
    }

    @Test func product_searches_find_what_the_sandbox_holds() async throws {
        try await ConsonanceHarness.with(works: 60) { harness in
            let all = harness.sandbox.products()
            let target = try #require(all.first { $0.isbn13 != nil && $0.formCode == "BB" })
            let one = try await harness.data(
                "query Q($isbn: String!) { product(productSearch: {isbn13Eq: $isbn}) { id __typename fullTitle isbn { isbn13 isbn10 isbnWithDashes } onix21ProductFormCode onixPublishingStatusCode } }",
                variables: ["isbn": target.isbn13!])
            #expect(one.at("product", "id").int == Int64(target.id))
            #expect(one.at("product", "__typename").string == "PhysicalBookProduct")
            #expect(one.at("product", "fullTitle").string == target.title)
            #expect(one.at("product", "isbn", "isbnWithDashes").string == target.isbnWithDashes)
            #expect(one.at("product", "isbn", "isbn10").string == target.isbn10)
            #expect(one.at("product", "onix21ProductFormCode").string == "BB")
            #expect(one.at("product", "onixPublishingStatusCode").string == "_" + target.publishingStatus)

            let batch = Array(all.compactMap(\.isbn13).suffix(5))
            let many = try await harness.data("query Q($isbns: [String!]) { products(productSearch: {isbn13In: $isbns}) { id isbn { isbn13 } } }",
                                              variables: ["isbns": batch + ["9780000000002"]])
            #expect(Set(many.at("products").array.compactMap { $0.at("isbn", "isbn13").string }) == Set(batch))

            let word = target.title.split(separator: " ").last!.lowercased()
            let byTitle = try await harness.data(#"{ products(productSearch: {titleCont: "\#(word)"}) { id fullTitle } }"#)
            let expected = all.filter { $0.title.lowercased().contains(word) }.prefix(100).map { Int64($0.id) }
            #expect(byTitle.at("products").array.compactMap { $0.at("id").int } == Array(expected))

            let ebooks = try await harness.data("{ products(productSearch: {onix21ProductFormCodeIn: [DG]}) { id __typename onix21ProductFormCode onix21ProductForm { code value description codeList } } }")
            let ebookList = ebooks.at("products").array
            #expect(ebookList.count == all.filter { $0.formCode == "DG" }.count)
            #expect(ebookList.allSatisfy { $0.at("__typename").string == "ElectronicBookProduct" && $0.at("onix21ProductFormCode").string == "DG" })
            #expect(ebookList.first?.at("onix21ProductForm", "description").string == "Electronic book text")

            let unassigned = try await harness.data("{ products(productSearch: {isbn13Assigned: false}) { id isbn { isbn13 } } }")
            #expect(unassigned.at("products").array.count == all.filter { $0.isbn13 == nil }.count)
            #expect(unassigned.at("products").array.allSatisfy { $0.at("isbn") == .null })

            let audio = try await harness.data("{ products(productSearch: {productTypes: [ElectronicAudioProduct]}) { id } }")
            #expect(audio.at("products").array.count == all.filter { $0.formCode == "AJ" }.count)
            let ignored = try await harness.data("{ products(productSearch: {productTypes: []}) { id } }")
            #expect(ignored.at("products").array.count == min(100, all.count))
        }
    }

    @Test func publication_date_comparisons() async throws {
        try await ConsonanceHarness.with(works: 60) { harness in
            let dated = harness.sandbox.products().filter { $0.publicationDate != nil }
            let pivot = dated[dated.count / 2].publicationDate!
            func ids(_ predicate: String) async throws -> Set<Int> {
                let result = try await harness.data(#"{ products(productSearch: {\#(predicate): "\#(pivot)"}) { id } }"#)
                return Set(result.at("products").array.compactMap { $0.at("id").int.map(Int.init) })
            }
            func expected(_ keep: (SandboxDate) -> Bool) -> Set<Int> {
                Set(dated.filter { keep($0.publicationDate!) }.prefix(100).map(\.id))
            }
            let cases: [(String, @Sendable (SandboxDate) -> Bool)] = [
                ("publicationDateEq", { $0 == pivot }), ("publicationDateGt", { $0 > pivot }),
                ("publicationDateLt", { $0 < pivot }), ("publicationDateGteq", { $0 >= pivot }),
                ("publicationDateLteq", { $0 <= pivot }),
            ]
            for (predicate, keep) in cases {
                let found = try await ids(predicate)
                #expect(found == expected(keep), "\(predicate)")
            }
        }
    }

    @Test func work_searches_and_nested_fields() async throws {
        try await ConsonanceHarness.with(works: 60) { harness in
            let contract = try #require(harness.sandbox.contracts().first { $0.workID != $0.id })
            let work = try #require(harness.sandbox.work(id: contract.workID))
            let found = try await harness.data("""
                { works(workSearch: {contractIdEq: \(contract.id)}) { id title projectStage season imprint { id name }
                  contributions { sequenceNumber onixContributorRoleCode productIds contributor { id name ... on Person { personNameInverted emails { email } phones { phoneNumber } } } }
                  products(productSearch: {onix21ProductFormCodeIn: [BB, BC, DG, AJ, AC]}) { id work { id } } } }
                """)
            let result = try #require(found.at("works").array.first)
            #expect(found.at("works").array.count == 1)
            #expect(result.at("id").int == Int64(work.id))
            #expect(result.at("title").string == work.title)
            #expect(result.at("projectStage").string == work.projectStage)
            #expect(result.at("imprint", "name").string == work.imprintName)
            #expect(result.at("products").array.compactMap { $0.at("id").int.map(Int.init) } == work.productIDs)
            #expect(result.at("products").array.allSatisfy { $0.at("work", "id").int == Int64(work.id) })
            let lead = try #require(harness.sandbox.contact(id: work.contributorIDs[0]))
            let first = try #require(result.at("contributions").array.first)
            #expect(first.at("contributor", "name").string == lead.name)
            #expect(first.at("contributor", "emails").array.first?.at("email").string == lead.email)

            let imprint = work.imprintID
            let byImprint = try await harness.data("{ works(workSearch: {imprintIdIn: [\(imprint)]}) { id imprint { id } } }")
            #expect(byImprint.at("works").array.allSatisfy { $0.at("imprint", "id").int == Int64(imprint) })
            #expect(byImprint.at("works").array.count == harness.sandbox.works().filter { $0.imprintID == imprint }.count)

            let single = try await harness.data("{ work(workSearch: {idEq: \(work.id)}) { id } contract(contractSearch: {idEq: \(contract.id)}) { id work { id } client { id name } licensedRights { rightType authorCut } deliveryDates { id dateDue slippedDate } msDeliveryDate } }")
            #expect(single.at("work", "id").int == Int64(work.id))
            #expect(single.at("contract", "work", "id").int == Int64(work.id))
            #expect(single.at("contract", "client", "id").int == Int64(contract.clientID!))
            #expect(single.at("contract", "licensedRights").array.count == contract.licensedRights.count)
            #expect(single.at("contract", "msDeliveryDate").string == contract.dates.msDeliveryDate?.description)

            let withSubtitle = try await harness.data("{ works(workSearch: {subtitlePresent: true}) { subtitle } }")
            #expect(withSubtitle.at("works").array.allSatisfy { $0.at("subtitle").string != nil })
            #expect(withSubtitle.at("works").array.count == harness.sandbox.works().filter { $0.subtitle != nil }.count)
        }
    }

    @Test func contacts_people_and_organisations() async throws {
        try await ConsonanceHarness.with(works: 40) { harness in
            let person = try #require(harness.sandbox.contributors().first)
            let last = String(person.name.split(separator: " ").last!).uppercased()
            let found = try await harness.data(#"{ contacts(contactSearch: {personNameCont: "\#(last)"}) { id name __typename } }"#)
            let names = found.at("contacts").array.compactMap { $0.at("name").string }
            #expect(names.contains(person.name))
            #expect(names.allSatisfy { $0.uppercased().contains(last) })
            let byID = try await harness.data("{ person(id: \(person.id)) { id name personName contributions { workTitle role } } }")
            #expect(byID.at("person", "name").string == person.name)
            #expect(byID.at("person", "contributions").array.count >= 1)
            let agency = try await harness.data(#"{ organisation(organisationSearch: {nameEq: "Carraway Associates"}) { id organisationName organisationCountry emails { email } } }"#)
            #expect(agency.at("organisation", "organisationName").string == "Carraway Associates")
            let none = try await harness.data(#"{ organisation(organisationSearch: {nameEq: "No Such Agency"}) { id } person(id: 1) { id } }"#)
            #expect(none.at("organisation") == .null && none.at("person") == .null)
        }
    }

    @Test func prices_texts_and_formatted_dates() async throws {
        try await ConsonanceHarness.with(works: 30) { harness in
            let product = try #require(harness.sandbox.products().first { $0.publicationDate != nil && $0.formCode == "BB" })
            let date = product.publicationDate!
            let result = try await harness.data("""
                { product(productSearch: {idEq: \(product.id)}) {
                    long: publicationDateString(directives: "%-d %B %Y") numeric: publicationDateString(directives: "%d/%m/%Y")
                    plain: publicationDateString
                    prices(priceSearch: {currencyCodeIn: [GBP], onixPriceTypeCodeIn: [_02], onixPriceTypeQualifierCodeIn: [_05]}) { amount currencyCode onixPriceTypeCode amountWithCurrencySymbol }
                    allPrices: prices { currencyCode }
                    marketingTexts(variantIn: [SHORT_DESCRIPTION]) { externalText }
                    ... on PhysicalBookProduct { approximatePageCount productHeight productWidthCm: productWidth(unit: CM) }
                } }
                """)
            let node = result.at("product")
            let months = DateDirectives.months
            #expect(node.at("long").string == "\(date.day) \(months[date.month - 1]) \(date.year)")
            #expect(node.at("numeric").string == String(format: "%02d/%02d/%04d", date.day, date.month, date.year))
            #expect(node.at("plain").string == date.description)
            let prices = node.at("prices").array
            #expect(prices.count == 1)
            #expect(prices.first?.at("currencyCode").string == "GBP")
            #expect(prices.first?.at("onixPriceTypeCode").string == "_02")
            #expect(prices.first?.at("amountWithCurrencySymbol").string?.hasPrefix("£") == true)
            #expect(node.at("allPrices").array.count >= 2)
            #expect(node.at("marketingTexts").array.count == 1)
            #expect(node.at("productHeight").int == 234 || node.at("productHeight") == .double(234))
            #expect(node.at("approximatePageCount").int != nil)
        }
    }

    @Test func blank_search_values_are_ignored_like_ransack() async throws {
        try await ConsonanceHarness.with(works: 10) { harness in
            let blank = try await harness.data(#"{ product(productSearch: {isbn13Eq: ""}) { id } products(productSearch: {isbn13In: [], titleCont: ""}) { id } }"#)
            #expect(blank.at("product", "id").int == Int64(Catalogue.productIDBase + 1))
            #expect(blank.at("products").array.count == harness.sandbox.products().count)
        }
    }
}

import ConnectorKit
import Foundation
import Testing
@testable import ConsonanceKit

@Suite struct ModelDecodingTests {
    func productsPage() async throws -> ConsonancePage<ConsonanceProduct> {
        let transport = ScriptedTransport([dataResponse("products", Fixtures.productsList)])
        return try await makeClient(transport).products(titleEq: "The Goddess of Small Things")
    }

    @Test func aMalformedProductDoesNotSinkThePage() async throws {
        let page = try await productsPage()
        #expect(page.records.map(\.id) == [101, 102, 104, 105])
        #expect(page.rejected.count == 1)
        #expect(page.rejected.first?.raw["fullTitle"] == .string("Broken record"))
        #expect(page.rejected.first?.reason.contains("id") == true)
        #expect(page.lastID == 105)
    }

    @Test func productsOfSeveralTypenamesDecodeFully() async throws {
        let page = try await productsPage()
        let hardback = try #require(page.records.first { $0.id == 101 })
        #expect(hardback.typename == "PhysicalBookProduct")
        #expect(hardback.isbn13 == "9781911390220")
        #expect(hardback.isbn10 == "1911390220")
        #expect(hardback.isbnWithDashes == "978-1-911390-22-0")
        #expect(hardback.fullTitle == "The Goddess of Small Things")
        #expect(hardback.subtitle == nil)
        #expect(hardback.publicationDate == CalendarDate("2018-03-20"))
        #expect(hardback.plannedPublicationDate == CalendarDate("2018-03-01"))
        #expect(hardback.publishingStatusCode == "04")
        #expect(hardback.productForm?.code == "BB")
        #expect(hardback.productForm?.onix30Code == "BB")
        #expect(hardback.forSaleCountryCodes == ["GB", "IE"])
        #expect(hardback.notForSaleCountryCodes == [])
        #expect(hardback.isForSaleWorldwide == false)
        #expect(hardback.salesRightsDescription == "UK and Ireland only")
        #expect(hardback.webLinks == [ConsonanceWebLink(id: 7, link: "https://snowbooks.example/goddess", role: "01", note: nil, includeInOnix: true)])
        #expect(hardback.workID == 55)
        let work = try #require(hardback.work)
        #expect(work.title == "The Goddess of Small Things")
        #expect(work.projectStage == "Published")
        #expect(work.season == "Spring 2018")
        #expect(work.imprint == ConsonanceImprint(id: 3, name: "Snowbooks"))
        #expect(work.contributorPrettyList == "Ann Author and Ed Itor")

        let ebook = try #require(page.records.first { $0.id == 102 })
        #expect(ebook.typename == "ElectronicBookProduct")
        #expect(ebook.isbn13 == nil)
        #expect(ebook.publishingStatusCode == "02")
        #expect(ebook.productForm?.code == "DG")
        #expect(ebook.productForm?.onix30Code == "ED")
        #expect(ebook.prices.isEmpty)
        #expect(ebook.forSaleCountryCodes.isEmpty)
        #expect(ebook.notForSaleCountryCodes == ["US"])
        #expect(ebook.isForSaleWorldwide == nil)
        #expect(ebook.workID == 55)
        #expect(ebook.work == nil, "work { id } alone is a reference, not a summary")

        let audio = try #require(page.records.first { $0.id == 104 })
        #expect(audio.typename == "ElectronicAudioProduct")
        #expect(audio.isbn10 == nil)
        #expect(audio.productForm?.onix30Code == "AJ")

        let generic = try #require(page.records.first { $0.id == 105 })
        #expect(generic.typename == "GenericProduct")
        #expect(generic.publicationDate == nil)
        #expect(generic.productForm?.code == "00")
        #expect(generic.publishingStatusCode == nil)
        #expect(generic.isForSaleWorldwide == true)
        #expect(generic.webLinks.isEmpty)
    }

    @Test func pricesAreExactDecimals() async throws {
        let hardback = try #require(try await productsPage().records.first)
        #expect(hardback.prices.map(\.id) == [1, 2], "the price with a non-numeric amount is dropped, the rest kept")
        let gbp = try #require(hardback.prices(currencyCode: "GBP").first)
        #expect(gbp.amount == Decimal(string: "24.99"))
        #expect(gbp.amount.description == "24.99")
        #expect(gbp.priceTypeCode == "02")
        #expect(gbp.priceTypeQualifierCode == "05")
        #expect(gbp.effectiveFrom == CalendarDate("2018-01-01"))
        #expect(gbp.effectiveTo == nil)
        #expect(hardback.prices[1].amount == Decimal(string: "32.5"))
        #expect(hardback.prices[1].priceTypeQualifierCode == nil)
    }

    @Test func worksCarryContributionsInCreditOrderAndTheirProducts() async throws {
        let transport = ScriptedTransport([dataResponse("work", Fixtures.work(id: 55, products: [Fixtures.hardback, Fixtures.malformed, Fixtures.ebook]))])
        let work = try #require(try await makeClient(transport).work(id: 55))
        #expect(work.title == "Work 55")
        #expect(work.subtitle == "A subtitle")
        #expect(work.projectStage == "Editorial")
        #expect(work.season == "Autumn 2025")
        #expect(work.editionStatement == "Second edition")
        #expect(work.imprint == nil)
        #expect(work.publishersURL == "https://snowbooks.example/w/55")
        #expect(work.products.map(\.id) == [101, 102])
        #expect(work.contributions.map(\.id) == [901, 902], "sorted by sequence number; the contribution without an id is dropped")
        let author = work.contributions[0]
        #expect(author.sequenceNumber == 1)
        #expect(author.roleCode == "A01")
        #expect(author.productIDs == [101, 102])
        #expect(author.workID == 55)
        let contributor = try #require(author.contributor)
        #expect(contributor.kind == .person)
        #expect(contributor.id == 30)
        #expect(contributor.name == "Ann Author")
        #expect(contributor.emails == ["ann@example.com"])
        #expect(contributor.phones == [ConsonanceContact.Phone(number: "+44 20 7946 0000", type: "Mobile")])
        #expect(contributor.keyNames == "Author")
        #expect(work.contributions[1].contributor?.kind == .organisation)
        #expect(work.contributions[1].contributor?.organisationName == "Editorial Collective")
        #expect(work.summary.id == 55)
        #expect(work.summary.editionStatement == "Second edition")
    }

    @Test func contractsCarryMilestonesDeliveriesAndRights() async throws {
        let transport = ScriptedTransport([dataResponse("contract", Fixtures.contract)])
        let contract = try #require(try await makeClient(transport).contract(id: 77))
        #expect(contract.contractName == "Goddess head contract")
        #expect(contract.clientName == "Ann Author")
        #expect(contract.clientID == 30)
        #expect(contract.workID == 55)
        #expect(contract.signedDate == CalendarDate("2017-06-01"))
        #expect(contract.msDeliveryDate == CalendarDate("2017-09-01"))
        #expect(contract.revisedMsDeliveryDate == CalendarDate("2017-10-15"))
        #expect(contract.actualMsDeliveryDate == nil)
        #expect(contract.effectiveMsDeliveryDate == CalendarDate("2017-10-15"))
        #expect(contract.msProofsDate == CalendarDate("2017-12-01"))
        #expect(contract.pubBeforeDate == CalendarDate("2019-06-01"))
        #expect(contract.reviewDate == CalendarDate("2024-06-01"))
        #expect(contract.term == 84)
        #expect(contract.authorDiscount == Decimal(string: "35.5"))
        #expect(contract.remainderRate == Decimal(string: "0.1"))
        #expect(contract.flatFeeValue == nil)
        #expect(contract.deliveryDates.map(\.id) == [1, 2])
        #expect(contract.deliveryDates[0].slippedDate == CalendarDate("2017-10-15"))
        #expect(contract.deliveryDates[0].expectedDate == CalendarDate("2017-10-15"))
        #expect(contract.deliveryDates[0].deliverableType == "Manuscript")
        #expect(contract.deliveryDates[0].deliveryRequirement == "Complete text")
        #expect(contract.deliveryDates[1].expectedDate == CalendarDate("2017-11-01"))
        #expect(contract.licensedRights == [ConsonanceLicensedRight(id: 5, rightType: "Audio", authorCut: 50), ConsonanceLicensedRight(id: 6, rightType: "Translation", authorCut: nil)])
    }

    @Test func contactsArePeopleOrOrganisations() async throws {
        let transport = ScriptedTransport([dataResponse("contacts", Fixtures.contacts), dataResponse("person", "null")])
        let client = makeClient(transport)
        let page = try await client.contacts(personNameContains: "auth")
        #expect(page.records.map(\.kind) == [.person, .organisation, .unknown])
        #expect(page.rejected.count == 1)
        #expect(page.records[0].webLinks.first?.role == "06")
        #expect(page.records[0].webLinks.first?.includeInOnix == false)
        #expect(page.records[1].emails.isEmpty)
        #expect(try variables(of: transport.requests[0]) == .object(["name": .string("auth")]))
        #expect(try await client.person(id: 999) == nil)
    }
}

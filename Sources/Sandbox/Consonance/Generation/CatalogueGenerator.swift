/// Builds the deterministic catalogue of a Consonance sandbox from a seed, a size and a date.
///
/// The same `(seed, workCount, today)` always gives the same catalogue. Each work draws from its own generator
/// (`SplitMix64(seed, stream, index)`), so changing one rule does not reshuffle every later work; only the shared
/// pieces (authors reused across works, ISBN counters, id counters) run in order. About 3.3 products per work;
/// 15,000 works take well under a few seconds.
struct CatalogueGenerator {
    let seed: UInt64
    let workCount: Int
    let today: SandboxDate

    /// Which formats a work is published in, and how often.
    static let formatSets: [([String], Int)] = [
        (["BB", "BC", "DG", "AJ"], 40), (["BB", "BC", "DG"], 25), (["BC", "DG", "AJ"], 15), (["BC", "DG"], 10),
        (["BB", "DG"], 5), (["BB", "BC", "AJ", "AC"], 5),
    ]

    func generate() -> Catalogue {
        var catalogue = Catalogue(today: today, seed: seed)
        var random = SplitMix64(seed: seed, stream: 0, index: 0)
        let imprintCount = 5 + random.below(4)
        var pool = Array(ConsonanceVocabulary.imprints.dropFirst(3))
        var chosen = Array(ConsonanceVocabulary.imprints.prefix(3))
        while chosen.count < imprintCount { chosen.append(pool.remove(at: random.below(pool.count))) }
        catalogue.imprints = chosen.enumerated().map { ImprintRecord(id: $0.offset + 1, name: $0.element.name, host: $0.element.host) }
        var isbns = ISBNAllocator(imprintCount: imprintCount, random: &random)

        let seriesCount = max(3, workCount / 40)
        catalogue.series = (0..<seriesCount).map { index in
            var local = SplitMix64(seed: seed, stream: 30, index: UInt64(index))
            let place = local.pick(ConsonanceVocabulary.places)
            let noun = local.pick(ConsonanceVocabulary.nouns)
            return SeriesRecord(id: index + 1, name: "The \(place) \(noun) Series",
                                subtitle: local.chance(0.3) ? "Mysteries" : nil)
        }
        var seriesParts = Array(repeating: 0, count: seriesCount)

        var people = ContactFactory(seed: seed, today: today, firstWebLinkID: 1)
        for index in 0..<ConsonanceVocabulary.agencies.count { _ = people.addAgency(index) }
        let narrators = (0..<max(4, workCount / 25)).map { _ in people.addPerson(domain: "narrators.example", stream: 21) }
        let illustrators = (0..<max(4, workCount / 20)).map { _ in people.addPerson(domain: "illustrators.example", stream: 22) }
        let editors = (0..<max(3, workCount / 50)).map { _ in people.addPerson(domain: "editors.example", stream: 23) }
        var authors: [Int] = []

        catalogue.works.reserveCapacity(workCount)
        catalogue.products.reserveCapacity(workCount * 7 / 2)
        var contracts: [ContractRecord] = []
        contracts.reserveCapacity(workCount)
        let planner = ContractPlanner(today: today)

        for workID in stride(from: 1, through: workCount, by: 1) {
            var random = SplitMix64(seed: seed, stream: 1, index: UInt64(workID))
            let stage = random.pick(weighted: ConsonanceVocabulary.stages.map { ($0.name, $0.weight) })
            var offset = random.within(ConsonanceVocabulary.publicationOffset(stage: stage))
            if stage == "Published", random.chance(0.2) { offset = -random.within(1...90) }
            let firstPublication = today.adding(days: offset)
            let imprintIndex = random.below(imprintCount)
            let (prefix, bareTitle) = title(&random)
            let fullTitle = prefix.map { "\($0) \(bareTitle)" } ?? bareTitle
            let subtitle = random.chance(0.4) ? random.pick(ConsonanceVocabulary.subtitles) : nil
            let workType = random.pick(weighted: ConsonanceVocabulary.workTypes)
            let forms = random.pick(weighted: CatalogueGenerator.formatSets)

            // Contributors: one or two authors, or an editor for anthologies; illustrators; readers for audio.
            var credits: [(role: String, contact: Int)] = []
            let anthology = random.chance(0.07)
            if anthology {
                credits.append(("B01", random.pick(editors)))
            } else {
                for _ in 0..<(random.chance(0.08) ? 2 : 1) {
                    if authors.isEmpty || random.chance(0.75) {
                        authors.append(people.addPerson(domain: "authors.example", stream: 24))
                        credits.append(("A01", authors[authors.count - 1]))
                    } else {
                        credits.append(("A01", random.pick(authors)))
                    }
                }
            }
            let illustrated = workType == "Children's" || random.chance(0.15)
            if illustrated { credits.append(("A12", random.pick(illustrators))) }
            let hasAudio = forms.contains("AJ") || forms.contains("AC")
            if hasAudio { credits.append(("E07", random.pick(narrators))) }

            // Products.
            let rights = random.pick(weighted: SalesTerritories.weighted)
            let imprint = catalogue.imprints[imprintIndex]
            let slug = fullTitle.lowercased().filter { $0.isLetter || $0 == " " }.split(separator: " ").joined(separator: "-")
            let publishersUrl = "https://www.\(imprint.host)/books/\(slug)-\(workID)"
            let pages = random.within(12...64) * 8
            var productIDs: [Int] = []
            for form in forms {
                let id = Catalogue.productIDBase + catalogue.products.count + 1
                productIDs.append(id)
                var date = firstPublication
                if form == "BC", forms.contains("BB") { date = date.adding(days: 364) }
                var status = date > today ? "02" : "04"
                var publicationDate: SandboxDate? = date
                var planned = date
                if status == "04", form == "BB", date < today.adding(days: -1_825), random.chance(0.3) { status = "07" }
                if status == "02", random.chance(0.03) {
                    status = "03"
                    publicationDate = nil
                } else if status == "02", random.chance(0.15) {
                    planned = date.adding(days: -random.within(30...90))
                }
                let isbn = stage == "Acquisition" ? nil : isbns.next(imprintIndex: imprintIndex)
                if let isbn { catalogue.productIDByISBN[isbn.isbn13] = id }
                var links: [WebLinkRecord] = []
                if random.chance(0.3) {
                    links.append(WebLinkRecord(id: people.takeWebLinkID(), link: publishersUrl, role: "02",
                                               note: nil, includeInOnix: true))
                }
                let shape = ProductShape(form: form, pages: pages, random: &random)
                catalogue.products.append(ProductRecord(
                    id: id, workID: workID, typename: shape.typename, formCode: form, isbn13: isbn?.isbn13,
                    isbnWithDashes: isbn?.withDashes, titlePrefix: prefix, titleWithoutPrefix: bareTitle,
                    subtitle: subtitle, publicationDate: publicationDate, plannedPublicationDate: planned,
                    publishingStatus: status,
                    prices: shape.prices(effectiveFrom: publicationDate, counters: &catalogue.counters, random: &random),
                    forSaleCountryCodes: rights.forSale, notForSaleCountryCodes: rights.notForSale,
                    isForSaleWorldwide: rights.worldwide, salesRightsDescription: rights.description,
                    webLinks: links, inHouseFormat: shape.inHouseFormat,
                    inHouseEdition: InHouseName(name: "First edition", code: "1ED"),
                    publishersReference: nil, internalReference: nil, pageCount: shape.pageCount,
                    heightMM: shape.heightMM, widthMM: shape.widthMM, thicknessMM: shape.thicknessMM,
                    changed: today.adding(days: -random.within(1...700))))
            }

            var contributions: [ContributionRecord] = []
            for (sequence, credit) in credits.enumerated() {
                let applies: [Int]
                switch credit.role {
                case "E07": applies = zip(forms, productIDs).filter { $0.0 == "AJ" || $0.0 == "AC" }.map { $0.1 }
                case "A12": applies = zip(forms, productIDs).filter { $0.0 != "AJ" && $0.0 != "AC" }.map { $0.1 }
                default: applies = productIDs
                }
                contributions.append(ContributionRecord(
                    id: Catalogue.IDCounters.take(&catalogue.counters.contribution), sequenceNumber: sequence + 1,
                    role: credit.role, contactID: credit.contact, productIDs: applies))
                people.noteContribution(contactID: credit.contact, workID: workID)
            }

            var membership: SeriesMembershipRecord?
            if random.chance(0.12) {
                let seriesIndex = random.below(seriesCount)
                seriesParts[seriesIndex] += 1
                membership = SeriesMembershipRecord(seriesID: seriesIndex + 1, partNumber: String(seriesParts[seriesIndex]))
            }
            let leadName = people.contacts[credits[0].contact - Catalogue.contactIDBase - 1].name
            let texts = marketingTexts(title: fullTitle, lead: leadName, published: stage == "Published",
                                       date: firstPublication, counters: &catalogue.counters)
            let season = (firstPublication.month <= 6 ? "Spring " : "Autumn ") + String(firstPublication.year)
            let edition = random.chance(0.05) ? 2 : 1
            catalogue.works.append(WorkRecord(
                id: workID, title: fullTitle, subtitle: subtitle, workType: anthology ? "Anthology" : workType,
                projectStage: stage, season: season, editionNumber: edition,
                editionStatement: edition == 2 ? "Revised edition" : nil, imprintID: imprint.id, series: membership,
                contributions: contributions, productIDs: productIDs, contractID: nil, marketingTexts: texts,
                publishersUrl: publishersUrl, changed: today.adding(days: -random.within(1...700))))
            contracts.append(planner.plan(
                workID: workID, title: fullTitle, stage: stage, firstPublication: firstPublication,
                clientID: credits[0].contact, illustrated: illustrated, random: &random, counters: &catalogue.counters))
        }

        // Contract ids follow the signing order (unsigned ones last), as a publisher's contracts accumulate.
        contracts.sort { ($0.signedDate?.daysSinceEpoch ?? .max, $0.workID) < ($1.signedDate?.daysSinceEpoch ?? .max, $1.workID) }
        for index in contracts.indices {
            contracts[index].id = index + 1
            catalogue.works[contracts[index].workID - 1].contractID = index + 1
            for delivery in contracts[index].deliveryDates { catalogue.deliveryDateContracts[delivery.id] = index + 1 }
        }
        catalogue.contracts = contracts
        catalogue.contacts = people.contacts
        catalogue.counters.webLink = people.nextWebLinkID
        for contact in catalogue.contacts {
            for link in contact.webLinks { catalogue.webLinkOwners[link.id] = .contact(contact.id) }
        }
        for product in catalogue.products {
            for link in product.webLinks { catalogue.webLinkOwners[link.id] = .product(product.id) }
        }
        return catalogue
    }

    /// A title and its prefix ("The", "A"), from a handful of patterns.
    private func title(_ random: inout SplitMix64) -> (prefix: String?, title: String) {
        let adjective = random.pick(ConsonanceVocabulary.adjectives)
        let noun = random.pick(ConsonanceVocabulary.nouns)
        let other = random.pick(ConsonanceVocabulary.nouns)
        let place = random.pick(ConsonanceVocabulary.places)
        switch random.below(7) {
        case 0, 1: return ("The", "\(adjective) \(noun)")
        case 2: return ("A", "\(noun) of \(other)s")
        case 3: return ("The", "\(noun) at \(place)")
        case 4: return (nil, "\(noun) and \(other)")
        case 5: return ("The", "Last \(noun)")
        default: return (nil, "\(adjective) \(place)")
        }
    }

    private func marketingTexts(title: String, lead: String, published: Bool, date: SandboxDate,
                                counters: inout Catalogue.IDCounters) -> [MarketingTextRecord] {
        var texts = [
            MarketingTextRecord(id: Catalogue.IDCounters.take(&counters.marketingText), variant: "SHORT_DESCRIPTION",
                                externalText: "\(title) is the new book from \(lead).", internalText: nil, fromDate: nil),
            MarketingTextRecord(id: Catalogue.IDCounters.take(&counters.marketingText), variant: "LONG_DESCRIPTION",
                                externalText: "<p>\(title) by \(lead): a story of places, people and the ties between them.</p>",
                                internalText: "Lead title for the season", fromDate: nil),
        ]
        if published {
            texts.append(MarketingTextRecord(
                id: Catalogue.IDCounters.take(&counters.marketingText), variant: "REVIEW_QUOTE",
                externalText: "“Unforgettable.” — The Sandbox Review", internalText: nil, fromDate: date))
        }
        return texts
    }
}

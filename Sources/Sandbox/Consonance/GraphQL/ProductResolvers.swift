import Foundation
import GraphQL

/// Fields of the `Product` implementations. Every product type has the interface's fields; `PhysicalBookProduct`
/// adds page count and measurements.
enum ProductResolvers {
    static let common: Resolve.Fields = [
        "id": Resolve.of(ProductNode.self) { $0.record.id },
        "isbn": Resolve.of(ProductNode.self) { node in
            guard let isbn13 = node.record.isbn13 else { return nil }
            let dashes = node.record.isbnWithDashes ?? isbn13
            let isbn10: String? = isbn13.hasPrefix("978")
                ? String(isbn13.dropFirst(3).prefix(9)) + ISBNAllocator.checkCharacter10(String(isbn13.dropFirst(3).prefix(9)))
                : nil
            return graphQLObject([
                "isbn13": isbn13, "isbn10": isbn10, "isbnWithDashes": dashes,
                "isbnWithSpaces": dashes.replacingOccurrences(of: "-", with: " "),
            ])
        },
        "fullTitle": Resolve.of(ProductNode.self) { $0.record.fullTitle },
        "titlePrefix": Resolve.of(ProductNode.self) { $0.record.titlePrefix },
        "titleWithoutPrefix": Resolve.of(ProductNode.self) { $0.record.titleWithoutPrefix },
        "subtitle": Resolve.of(ProductNode.self) { $0.record.subtitle },
        "authorshipDescription": Resolve.of(ProductNode.self) { node in
            Authorship.description(node.snapshot.catalogue, contributions: primary(node), product: node.record.id)
        },
        "productAuthorshipDescription": Resolve.of(ProductNode.self) { node in
            let work = node.snapshot.catalogue.work(node.record.workID)
            return Authorship.description(node.snapshot.catalogue, contributions: work?.contributions ?? [],
                                          product: node.record.id)
        },
        "publicationDate": Resolve.of(ProductNode.self) { $0.record.publicationDate?.description },
        "plannedPublicationDate": Resolve.of(ProductNode.self) { $0.record.plannedPublicationDate?.description },
        "publicationDateString": Resolve.with(ProductNode.self) { node, arguments, _ in
            node.record.publicationDate.map { DateDirectives.format($0, arguments.string("directives") ?? "%Y-%m-%d") }
        },
        "plannedPublicationDateString": Resolve.with(ProductNode.self) { node, arguments, _ in
            node.record.plannedPublicationDate.map { DateDirectives.format($0, arguments.string("directives") ?? "%Y-%m-%d") }
        },
        "onixPublishingStatusCode": Resolve.of(ProductNode.self) { ONIXCodes.enumValue($0.record.publishingStatus) },
        "onixPublishingStatus": Resolve.of(ProductNode.self) { ONIXCodes.object($0.record.publishingStatus, list: 64) },
        "onix21ProductFormCode": Resolve.of(ProductNode.self) { ONIXCodes.enumValue($0.record.formCode) },
        "onix21ProductForm": Resolve.of(ProductNode.self) { ONIXCodes.object($0.record.formCode, list: 7) },
        "prices": Resolve.with(ProductNode.self) { node, arguments, _ in
            let search = PriceSearch(arguments.object("priceSearch"))
            return node.record.prices.filter(search.matches).map(price)
        },
        "marketingTexts": Resolve.with(ProductNode.self) { node, arguments, _ in
            let variants = arguments.nonEmptyStrings("variantIn").map(Set.init)
            let texts = node.snapshot.catalogue.work(node.record.workID)?.marketingTexts ?? []
            return texts.filter { variants?.contains($0.variant) ?? true }.map(WorkResolvers.marketingText)
        },
        "inHouseFormat": Resolve.of(ProductNode.self) { ["name": $0.record.inHouseFormat.name, "code": $0.record.inHouseFormat.code] as [String: any Sendable] },
        "inHouseEdition": Resolve.of(ProductNode.self) { ["name": $0.record.inHouseEdition.name, "code": $0.record.inHouseEdition.code] as [String: any Sendable] },
        "forSaleCountryCodes": Resolve.of(ProductNode.self) { $0.record.forSaleCountryCodes },
        "notForSaleCountryCodes": Resolve.of(ProductNode.self) { $0.record.notForSaleCountryCodes },
        "salesRightsDescription": Resolve.of(ProductNode.self) { $0.record.salesRightsDescription },
        "isForSaleWorldwide": Resolve.of(ProductNode.self) { $0.record.isForSaleWorldwide },
        "webLinks": Resolve.of(ProductNode.self) { $0.record.webLinks.map(webLink) },
        "work": Resolve.of(ProductNode.self) { $0.snapshot.workNode($0.record.workID) },
    ]

    static let physicalBook: Resolve.Fields = common.merging([
        "approximatePageCount": Resolve.of(ProductNode.self) { $0.record.pageCount },
        "productHeight": Resolve.with(ProductNode.self) { node, arguments, _ in measure(node.record.heightMM, arguments) },
        "productWidth": Resolve.with(ProductNode.self) { node, arguments, _ in measure(node.record.widthMM, arguments) },
        "productThickness": Resolve.with(ProductNode.self) { node, arguments, _ in measure(node.record.thicknessMM, arguments) },
    ]) { first, _ in first }

    /// Millimetres by default; `CM` and `IN` converted and rounded to two decimals.
    private static func measure(_ millimetres: Double?, _ arguments: FieldArguments) -> Double? {
        guard let millimetres else { return nil }
        switch arguments.string("unit") {
        case "CM": return (millimetres * 10).rounded() / 100
        case "IN": return (millimetres / 25.4 * 100).rounded() / 100
        default: return millimetres
        }
    }

    private static func primary(_ node: ProductNode) -> [ContributionRecord] {
        let contributions = node.snapshot.catalogue.work(node.record.workID)?.contributions ?? []
        return contributions.filter { $0.role.hasPrefix("A0") || $0.role == "B01" }
    }

    static func price(_ price: PriceRecord) -> [String: any Sendable] {
        let cents = Int((price.amount * 100).rounded())
        let amount = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
        let symbols = ["GBP": "£", "USD": "$", "EUR": "€", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "ZAR": "R", "INR": "₹"]
        return graphQLObject([
            "id": price.id, "amount": price.amount, "amountWithCurrencyCode": "\(price.currencyCode) \(amount)",
            "amountWithCurrencySymbol": (symbols[price.currencyCode] ?? price.currencyCode + " ") + amount,
            "currencyCode": price.currencyCode, "onixPriceTypeCode": ONIXCodes.enumValue(price.priceType),
            "onixPriceTypeQualifierCode": price.qualifier.map(ONIXCodes.enumValue),
            "effectiveFrom": price.effectiveFrom?.description, "effectiveTo": price.effectiveTo?.description,
        ])
    }

    static func webLink(_ link: WebLinkRecord) -> [String: any Sendable] {
        graphQLObject([
            "id": link.id, "link": link.link, "role": ONIXCodes.enumValue(link.role), "note": link.note,
            "includeInOnix": link.includeInOnix,
        ])
    }
}

/// The display strings Consonance derives from contributions: "By Amelia Smith and Rhys Okafor; illustrated by …".
enum Authorship {
    static func description(_ catalogue: Catalogue, contributions: [ContributionRecord], product: Int?) -> String? {
        let relevant = contributions.filter { product == nil || $0.productIDs.contains(product!) }
        guard !relevant.isEmpty else { return nil }
        var groups: [(role: String, names: [String])] = []
        for contribution in relevant.sorted(by: { $0.sequenceNumber < $1.sequenceNumber }) {
            let name = catalogue.contact(contribution.contactID)?.name ?? "Unknown"
            if let index = groups.firstIndex(where: { $0.role == contribution.role }) {
                groups[index].names.append(name)
            } else {
                groups.append((contribution.role, [name]))
            }
        }
        let phrases = groups.enumerated().map { position, group -> String in
            let label = ONIXCodes.contributorRole[group.role].map { $0 == "By (author)" ? "By" : $0 } ?? "By"
            let text = (position == 0 ? label : label.lowercased()) + " " + list(group.names)
            return text
        }
        return phrases.joined(separator: "; ")
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}

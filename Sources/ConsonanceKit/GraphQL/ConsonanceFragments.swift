/// The shared selection sets every Consonance query is built from.
///
/// Each model decodes exactly one fragment, so every query that returns a product selects the same product fields
/// (and likewise for works, contacts and contracts): a model is never half-filled because one query forgot a field.
/// Every field here exists in the Consonance schema; `__typename` is selected on every object.
enum ConsonanceFragments {
    static let webLink = """
        fragment WebLinkFields on WebLink { __typename id link role note includeInOnix }
        """

    static let price = """
        fragment PriceFields on Price { __typename id amount currencyCode onixPriceTypeCode onixPriceTypeQualifierCode effectiveFrom effectiveTo }
        """

    static let product = """
        fragment ProductFields on Product {
          __typename id
          isbn { __typename isbn13 isbn10 isbnWithDashes }
          fullTitle subtitle publicationDate plannedPublicationDate
          onixPublishingStatusCode onix21ProductFormCode
          prices { ...PriceFields }
          forSaleCountryCodes notForSaleCountryCodes isForSaleWorldwide salesRightsDescription
          webLinks { ...WebLinkFields }
          work { __typename id }
        }
        """

    static let workSummary = """
        fragment WorkSummaryFields on Work {
          __typename id title subtitle projectStage season editionNumber editionStatement
          authorshipDescription contributorPrettyList publishersUrl
          imprint { __typename id name }
        }
        """

    static let contact = """
        fragment ContactFields on Contact {
          __typename id name
          emails { __typename email }
          phones { __typename phoneNumber phoneType }
          ... on Person { personName keyNames }
          ... on Organisation { organisationName }
        }
        """

    static let contactDetail = """
        fragment ContactDetailFields on Contact {
          ...ContactFields
          webLinks { ...WebLinkFields }
        }
        """

    static let contribution = """
        fragment ContributionFields on Contribution {
          __typename id sequenceNumber onixContributorRoleCode productIds workId
          contributor { ...ContactFields }
        }
        """

    static let work = """
        fragment WorkFields on Work {
          ...WorkSummaryFields
          contributions { ...ContributionFields }
          products { ...ProductFields }
        }
        """

    static let contract = """
        fragment ContractFields on Contract {
          __typename id contractName description signedDate term terminatedDate terminationReason reviewDate copyrightYear
          msDeliveryDate revisedMsDeliveryDate actualMsDeliveryDate msProofsDate pubBeforeDate
          freeCopies freeCopiesUsed flatFeeValue guaranteedRoyaltyValue authorDiscount remainderRate
          client { __typename id name }
          work { __typename id title }
          deliveryDates { __typename id dateDue slippedDate deliverableType deliveryRequirement percentageOfTotal }
          licensedRights { __typename id rightType authorCut }
        }
        """

    /// Every fragment by name.
    static let all: [String: String] = [
        "WebLinkFields": webLink, "PriceFields": price, "ProductFields": product, "WorkSummaryFields": workSummary,
        "ContactFields": contact, "ContactDetailFields": contactDetail, "ContributionFields": contribution,
        "WorkFields": work, "ContractFields": contract,
    ]

    /// `operation` followed by exactly the fragments it uses, directly or through other fragments
    /// (GraphQL rejects a document with an unused fragment), in a stable order.
    static func document(_ operation: String) -> String {
        var needed: Set<String> = []
        var pending = spreads(in: operation)
        while let name = pending.popLast() {
            guard needed.insert(name).inserted, let text = all[name] else { continue }
            pending.append(contentsOf: spreads(in: text))
        }
        let fragments = needed.sorted().compactMap { all[$0] }
        return ([operation] + fragments).joined(separator: "\n")
    }

    /// Names after `...` that are fragment spreads (not inline fragments, which read `... on Type`).
    static func spreads(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "...") {
            rest = rest[range.upperBound...]
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty, name != "on" { names.append(String(name)) }
        }
        return names
    }
}

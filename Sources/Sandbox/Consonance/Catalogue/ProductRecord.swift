/// The implementations of Consonance's `Product` interface (the `ProductTypename` enum of the schema).
enum ProductTypename: String, Sendable, CaseIterable {
    case physicalBook = "PhysicalBookProduct"
    case electronicBook = "ElectronicBookProduct"
    case electronicAudio = "ElectronicAudioProduct"
    case physicalAudio = "PhysicalAudioProduct"
    case physical = "PhysicalProduct"
    case electronic = "ElectronicProduct"
    case generic = "GenericProduct"
}

/// One tradeable item of a work (a hardback, an EPUB, an audiobook download) as the sandbox stores it.
///
/// ONIX codes are kept without the GraphQL underscore (`"04"`, `"02"`); the resolvers add it. The title fields are
/// the product's own (`UpdateProduct` changes them), copied from the work when the catalogue is generated.
struct ProductRecord: Sendable {
    var id: Int
    var workID: Int
    var typename: ProductTypename
    /// ONIX 2.1 List 7 (`BB`, `BC`, `DG`, `AJ`, `AC`).
    var formCode: String
    /// 13 digits, or `nil` when no ISBN is assigned yet.
    var isbn13: String?
    /// `978-1-234-56789-7`, hyphenated by the registrant's range.
    var isbnWithDashes: String?
    var titlePrefix: String?
    var titleWithoutPrefix: String
    var subtitle: String?
    var publicationDate: SandboxDate?
    var plannedPublicationDate: SandboxDate?
    /// ONIX List 64 without the underscore (`"04"`).
    var publishingStatus: String
    var prices: [PriceRecord]
    var forSaleCountryCodes: [String]
    var notForSaleCountryCodes: [String]
    var isForSaleWorldwide: Bool
    var salesRightsDescription: String?
    var webLinks: [WebLinkRecord]
    var inHouseFormat: InHouseName
    var inHouseEdition: InHouseName
    var publishersReference: String?
    var internalReference: String?
    /// Physical books only.
    var pageCount: Int?
    var heightMM: Double?
    var widthMM: Double?
    var thicknessMM: Double?
    /// The sandbox date of the last change to this record.
    var changed: SandboxDate

    var fullTitle: String {
        guard let titlePrefix, !titlePrefix.isEmpty else { return titleWithoutPrefix }
        return titlePrefix + " " + titleWithoutPrefix
    }
}

/// A publisher's own name and code for a format or edition ("B format", "BF").
struct InHouseName: Sendable, Equatable {
    var name: String
    var code: String
}

/// One price of a product.
struct PriceRecord: Sendable {
    var id: Int
    var amount: Double
    /// ISO 4217.
    var currencyCode: String
    /// ONIX List 58 without the underscore.
    var priceType: String
    /// ONIX List 59 without the underscore.
    var qualifier: String?
    var effectiveFrom: SandboxDate?
    var effectiveTo: SandboxDate?
}

/// A link on a product or a contact (ONIX List 73 role without the underscore).
struct WebLinkRecord: Sendable {
    var id: Int
    var link: String
    var role: String
    var note: String?
    var includeInOnix: Bool
}

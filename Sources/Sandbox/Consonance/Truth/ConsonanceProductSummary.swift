/// What the sandbox holds for one product. ONIX codes are plain codes (`"04"`, `"BB"`), without the GraphQL
/// underscore.
public struct ConsonanceProductSummary: Sendable, Equatable {
    public var id: Int
    public var workID: Int
    public var isbn13: String?
    public var isbn10: String?
    public var isbnWithDashes: String?
    /// `fullTitle` (prefix and title).
    public var title: String
    public var subtitle: String?
    /// `PhysicalBookProduct`, `ElectronicBookProduct`, …
    public var productType: String
    /// ONIX 2.1 List 7 (`BB`, `BC`, `DG`, `AJ`, `AC`).
    public var formCode: String
    /// ONIX List 64 (`02`, `03`, `04`, `07`).
    public var publishingStatus: String
    public var publicationDate: SandboxDate?
    public var plannedPublicationDate: SandboxDate?
    public var imprintID: Int
    public var imprintName: String
    public var forSaleCountryCodes: [String]
    public var notForSaleCountryCodes: [String]
    public var isForSaleWorldwide: Bool
    public var webLinks: [ConsonanceWebLinkSummary]
    /// When the product record last changed.
    public var changed: SandboxDate

    init(_ product: ProductRecord, in catalogue: Catalogue) {
        id = product.id
        workID = product.workID
        isbn13 = product.isbn13
        isbn10 = product.isbn13.flatMap { isbn in
            guard isbn.hasPrefix("978") else { return nil }
            let body = String(isbn.dropFirst(3).prefix(9))
            return body + ISBNAllocator.checkCharacter10(body)
        }
        isbnWithDashes = product.isbnWithDashes
        title = product.fullTitle
        subtitle = product.subtitle
        productType = product.typename.rawValue
        formCode = product.formCode
        publishingStatus = product.publishingStatus
        publicationDate = product.publicationDate
        plannedPublicationDate = product.plannedPublicationDate
        let work = catalogue.work(product.workID)
        let imprintID = work?.imprintID ?? 0
        self.imprintID = imprintID
        imprintName = catalogue.imprints.first { $0.id == imprintID }?.name ?? ""
        forSaleCountryCodes = product.forSaleCountryCodes
        notForSaleCountryCodes = product.notForSaleCountryCodes
        isForSaleWorldwide = product.isForSaleWorldwide
        webLinks = product.webLinks.map(ConsonanceWebLinkSummary.init)
        changed = product.changed
    }
}

/// A web link on a product or contact; `role` is the ONIX List 73 code (`"02"`).
public struct ConsonanceWebLinkSummary: Sendable, Equatable {
    public var id: Int
    public var link: String
    public var role: String
    public var note: String?
    public var includeInOnix: Bool

    init(_ link: WebLinkRecord) {
        id = link.id
        self.link = link.link
        role = link.role
        note = link.note
        includeInOnix = link.includeInOnix
    }
}

import ConnectorKit
import Foundation

/// One tradeable item of a work — a hardback, a paperback, an ebook, an audiobook.
///
/// `Product` is a GraphQL interface with several implementations (``typename`` says which). Codes arrive as
/// GraphQL enum values and are exposed as ONIX writes them (`_04` → `"04"`); the product form is ONIX 2.1 and
/// carries its 3.0 equivalent (``ONIX21ProductForm/onix30Code``); prices are `Decimal`.
public struct ConsonanceProduct: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    /// `__typename`: `PhysicalBookProduct`, `ElectronicBookProduct`, `ElectronicAudioProduct`, `PhysicalAudioProduct`,
    /// `PhysicalProduct`, `ElectronicProduct` or `GenericProduct`.
    public var typename: String?
    /// 13 digits, no hyphens; `nil` when no ISBN is assigned.
    public var isbn13: String?
    public var isbn10: String?
    public var isbnWithDashes: String?
    public var fullTitle: String?
    public var subtitle: String?
    public var publicationDate: CalendarDate?
    /// Internal planning date (not sent in ONIX).
    public var plannedPublicationDate: CalendarDate?
    /// ONIX List 64 (`"04"` = active).
    public var publishingStatusCode: String?
    public var productForm: ONIX21ProductForm?
    public var prices: [ConsonancePrice]
    /// ISO 3166-1 alpha-2 codes.
    public var forSaleCountryCodes: [String]
    public var notForSaleCountryCodes: [String]
    public var isForSaleWorldwide: Bool?
    public var salesRightsDescription: String?
    public var webLinks: [ConsonanceWebLink]
    public var workID: Int?
    /// The parent work's own fields, when the query selected them (root product queries do; products nested in a work do not).
    public var work: ConsonanceWorkSummary?

    public init(id: Int, typename: String? = nil, isbn13: String? = nil, fullTitle: String? = nil, publicationDate: CalendarDate? = nil, publishingStatusCode: String? = nil, productForm: ONIX21ProductForm? = nil, prices: [ConsonancePrice] = [], workID: Int? = nil) {
        self.id = id
        self.typename = typename
        self.isbn13 = isbn13
        self.fullTitle = fullTitle
        self.publicationDate = publicationDate
        self.publishingStatusCode = publishingStatusCode
        self.productForm = productForm
        self.prices = prices
        self.forSaleCountryCodes = []
        self.notForSaleCountryCodes = []
        self.webLinks = []
        self.workID = workID
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        typename = c.lenientString(AnyKey("__typename"))
        let isbn = c.lenientJSON(AnyKey("isbn"))
        isbn13 = isbn?["isbn13"]?.stringValue
        isbn10 = isbn?["isbn10"]?.stringValue
        isbnWithDashes = isbn?["isbnWithDashes"]?.stringValue
        fullTitle = c.lenientString(AnyKey("fullTitle"))
        subtitle = c.lenientString(AnyKey("subtitle"))
        publicationDate = c.lenientCalendarDate(AnyKey("publicationDate"))
        plannedPublicationDate = c.lenientCalendarDate(AnyKey("plannedPublicationDate"))
        publishingStatusCode = c.lenientCode(AnyKey("onixPublishingStatusCode"))
        productForm = c.lenientString(AnyKey("onix21ProductFormCode")).map { ONIX21ProductForm(code: $0, productTypename: c.lenientString(AnyKey("__typename"))) }
        prices = c.lossyList(ConsonancePrice.self, AnyKey("prices"))
        forSaleCountryCodes = c.lenientStrings(AnyKey("forSaleCountryCodes"))
        notForSaleCountryCodes = c.lenientStrings(AnyKey("notForSaleCountryCodes"))
        isForSaleWorldwide = c.lenientBool(AnyKey("isForSaleWorldwide"))
        salesRightsDescription = c.lenientString(AnyKey("salesRightsDescription"))
        webLinks = c.lossyList(ConsonanceWebLink.self, AnyKey("webLinks"))
        let work = c.lenientObject(ConsonanceWorkSummary.self, AnyKey("work"))
        workID = work?.id ?? c.lenientInt(AnyKey("workId"))
        // `work { id }` alone is a reference, not a summary.
        self.work = work.flatMap { $0 == ConsonanceWorkSummary(id: $0.id) ? nil : $0 }
    }

    /// The prices in one currency (`"GBP"`).
    public func prices(currencyCode: String) -> [ConsonancePrice] {
        prices.filter { $0.currencyCode == currencyCode }
    }
}

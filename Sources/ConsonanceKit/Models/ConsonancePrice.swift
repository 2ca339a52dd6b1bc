import ConnectorKit
import Foundation

/// One price of a product.
///
/// The API sends amounts as GraphQL `Float`; they are converted to `Decimal` on arrival so that `24.99` stays
/// exactly `24.99` through comparisons and hashing (price-change detection compares them).
public struct ConsonancePrice: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var amount: Decimal
    /// ISO 4217 (`GBP`).
    public var currencyCode: String?
    /// ONIX List 58 (`"02"` = RRP including tax).
    public var priceTypeCode: String?
    /// ONIX List 59 (`"05"` = consumer price).
    public var priceTypeQualifierCode: String?
    public var effectiveFrom: CalendarDate?
    public var effectiveTo: CalendarDate?

    public init(id: Int, amount: Decimal, currencyCode: String?, priceTypeCode: String? = nil, priceTypeQualifierCode: String? = nil, effectiveFrom: CalendarDate? = nil, effectiveTo: CalendarDate? = nil) {
        self.id = id
        self.amount = amount
        self.currencyCode = currencyCode
        self.priceTypeCode = priceTypeCode
        self.priceTypeQualifierCode = priceTypeQualifierCode
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        guard let amount = c.lenientDecimal(AnyKey("amount")) else {
            throw DecodingError.keyNotFound(AnyKey("amount"), .init(codingPath: c.codingPath, debugDescription: "a price needs an amount"))
        }
        self.amount = amount
        currencyCode = c.lenientString(AnyKey("currencyCode"))
        priceTypeCode = c.lenientCode(AnyKey("onixPriceTypeCode"))
        priceTypeQualifierCode = c.lenientCode(AnyKey("onixPriceTypeQualifierCode"))
        effectiveFrom = c.lenientCalendarDate(AnyKey("effectiveFrom"))
        effectiveTo = c.lenientCalendarDate(AnyKey("effectiveTo"))
    }
}

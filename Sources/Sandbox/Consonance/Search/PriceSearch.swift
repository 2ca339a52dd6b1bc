/// `PriceSearchAttributes`: filters prices in `Product.prices(priceSearch:)`, and in `products(priceSearch:)`
/// keeps the products with at least one matching price.
struct PriceSearch: Sendable {
    var amountLteq: Double?
    var currencies: Set<String>?
    var priceTypes: Set<String>?
    var qualifiers: Set<String>?

    init(_ arguments: FieldArguments?) {
        guard let arguments else { return }
        amountLteq = arguments.double("amountLteq")
        currencies = arguments.nonEmptyStrings("currencyCodeIn").map(Set.init)
        priceTypes = arguments.nonEmptyStrings("onixPriceTypeCodeIn").map { Set($0.map(ONIXCodes.code)) }
        qualifiers = arguments.nonEmptyStrings("onixPriceTypeQualifierCodeIn").map { Set($0.map(ONIXCodes.code)) }
    }

    var isEmpty: Bool { amountLteq == nil && currencies == nil && priceTypes == nil && qualifiers == nil }

    func matches(_ price: PriceRecord) -> Bool {
        if let amountLteq, price.amount > amountLteq { return false }
        if let currencies, !currencies.contains(price.currencyCode) { return false }
        if let priceTypes, !priceTypes.contains(price.priceType) { return false }
        if let qualifiers, !(price.qualifier.map(qualifiers.contains) ?? false) { return false }
        return true
    }
}

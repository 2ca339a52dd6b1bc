/// A short, stable sentence describing where a product may be sold, e.g. "World", "World except CA, US",
/// "For sale in AU, GB, IE; not for sale in CA, US".
///
/// Consonance resolves ONIX sales rights (List 46 and territories) into `forSaleCountryCodes`, `notForSaleCountryCodes` and
/// `isForSaleWorldwide`; support staff need one line, and change detection needs the same line for the same rights, so codes
/// are trimmed, upper-cased, de-duplicated and sorted. Rules:
/// - `WORLD` in the for-sale list counts as worldwide.
/// - A code in both lists is treated as not for sale (the cautious reading) and removed from the for-sale list.
/// - Worldwide: "World", or "World except …" when some countries are excluded.
/// - Otherwise "For sale in …", "Not for sale in …", both joined by "; ", or "No sales rights stated" when both are empty.
/// - A list longer than `maximumListed` codes shows the first ones and "and N more".
public struct SalesRightsSummary: Sendable, Hashable, CustomStringConvertible {
    /// How many codes a list shows before "and N more".
    public static let maximumListed = 12

    /// Normalised for-sale codes (sorted, without `WORLD` and without codes also listed as not for sale).
    public let forSale: [String]
    /// Normalised not-for-sale codes, sorted.
    public let notForSale: [String]
    public let worldwide: Bool

    public init(forSale: [String], notForSale: [String], worldwide: Bool) {
        let notForSaleSet = Self.normalised(notForSale)
        var forSaleSet = Self.normalised(forSale)
        let world = worldwide || forSaleSet.contains("WORLD")
        forSaleSet.remove("WORLD")
        forSaleSet.subtract(notForSaleSet)
        self.forSale = forSaleSet.sorted()
        self.notForSale = notForSaleSet.sorted()
        self.worldwide = world
    }

    /// The human text.
    public var text: String {
        if worldwide {
            return notForSale.isEmpty ? "World" : "World except \(Self.list(notForSale))"
        }
        switch (forSale.isEmpty, notForSale.isEmpty) {
        case (true, true): return "No sales rights stated"
        case (false, true): return "For sale in \(Self.list(forSale))"
        case (true, false): return "Not for sale in \(Self.list(notForSale))"
        case (false, false): return "For sale in \(Self.list(forSale)); not for sale in \(Self.list(notForSale))"
        }
    }

    public var description: String { text }

    /// Shorthand for `SalesRightsSummary(forSale:notForSale:worldwide:).text`.
    public static func text(forSale: [String], notForSale: [String], worldwide: Bool) -> String {
        SalesRightsSummary(forSale: forSale, notForSale: notForSale, worldwide: worldwide).text
    }

    private static func normalised(_ codes: [String]) -> Set<String> {
        Set(codes.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }) }.map { $0.uppercased() })
    }

    private static func list(_ codes: [String]) -> String {
        guard codes.count > maximumListed else { return codes.joined(separator: ", ") }
        return codes.prefix(maximumListed).joined(separator: ", ") + " and \(codes.count - maximumListed) more"
    }
}

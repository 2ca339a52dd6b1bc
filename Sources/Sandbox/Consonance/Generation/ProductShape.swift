/// What a generated product's format implies: its product type, in-house format name, physical measurements and
/// price points (GBP and USD recommended retail prices including tax, ONIX price type 02, consumer qualifier 05).
struct ProductShape {
    var typename: ProductTypename
    var inHouseFormat: InHouseName
    var pageCount: Int?
    var heightMM: Double?
    var widthMM: Double?
    var thicknessMM: Double?
    private var gbp: [Double]
    private var usd: [Double]
    private var libraryPrice = false

    init(form: String, pages: Int, random: inout SplitMix64) {
        switch form {
        case "BB":
            typename = .physicalBook
            inHouseFormat = InHouseName(name: "Hardback", code: "HB")
            (heightMM, widthMM, thicknessMM) = (234, 153, (Double(pages) * 0.06 + 4).rounded())
            pageCount = pages
            (gbp, usd) = ([16.99, 18.99, 20.00, 22.00, 25.00], [27.00, 28.99, 30.00, 32.00])
        case "BC":
            typename = .physicalBook
            let trade = random.chance(0.4)
            inHouseFormat = trade ? InHouseName(name: "Trade paperback", code: "TPB") : InHouseName(name: "B format", code: "BF")
            (heightMM, widthMM, thicknessMM) = trade ? (234, 153, (Double(pages) * 0.055 + 1).rounded())
                : (198, 129, (Double(pages) * 0.055 + 1).rounded())
            pageCount = pages
            (gbp, usd) = ([8.99, 9.99, 10.99], [16.99, 17.99, 18.00])
        case "DG":
            typename = .electronicBook
            inHouseFormat = InHouseName(name: "EPUB", code: "EB")
            (gbp, usd) = ([4.99, 6.99, 7.99, 9.99], [9.99, 12.99, 14.99])
            libraryPrice = random.chance(0.3)
        case "AJ":
            typename = .electronicAudio
            inHouseFormat = InHouseName(name: "Audio download", code: "DL")
            (gbp, usd) = ([14.99, 19.99, 24.99], [19.99, 24.99, 29.99])
        case "AC":
            typename = .physicalAudio
            inHouseFormat = InHouseName(name: "Audio CD", code: "CD")
            (gbp, usd) = ([19.99, 24.99], [24.99, 34.99])
        default:
            typename = .generic
            inHouseFormat = InHouseName(name: "Other", code: "OT")
            (gbp, usd) = ([9.99], [12.99])
        }
    }

    /// The product's prices: GBP and USD consumer prices, and for some ebooks a GBP library price (qualifier 10).
    func prices(effectiveFrom: SandboxDate?, counters: inout Catalogue.IDCounters, random: inout SplitMix64) -> [PriceRecord] {
        let pounds = random.pick(gbp)
        var prices = [
            PriceRecord(id: Catalogue.IDCounters.take(&counters.price), amount: pounds, currencyCode: "GBP",
                        priceType: "02", qualifier: "05", effectiveFrom: effectiveFrom, effectiveTo: nil),
            PriceRecord(id: Catalogue.IDCounters.take(&counters.price), amount: random.pick(usd), currencyCode: "USD",
                        priceType: "02", qualifier: "05", effectiveFrom: effectiveFrom, effectiveTo: nil),
        ]
        if libraryPrice {
            prices.append(PriceRecord(id: Catalogue.IDCounters.take(&counters.price), amount: (pounds * 250).rounded() / 100,
                                      currencyCode: "GBP", priceType: "02", qualifier: "10", effectiveFrom: effectiveFrom,
                                      effectiveTo: nil))
        }
        return prices
    }
}

/// The sales-rights patterns of generated works, as Consonance's resolved view reports them
/// (`forSaleCountryCodes`, `notForSaleCountryCodes`, `isForSaleWorldwide`, `salesRightsDescription`).
///
/// Countries are resolved into lists except for world rights (see `world`). The lists are shared static arrays, so
/// fifty thousand products cost no extra memory.
enum SalesTerritories {
    struct Pattern: Sendable {
        var forSale: [String]
        var notForSale: [String]
        var worldwide: Bool
        var description: String
    }

    /// ISO 3166-1 alpha-2, every assigned code.
    static let allCountries: [String] = """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO \
        FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE \
        JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO \
        MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW \
        PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM \
        TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.split(separator: " ").map(String.init)

    /// The UK and the Commonwealth (without Canada), as British head contracts often grant.
    static let commonwealth: [String] = """
        AG AI AU BB BD BM BN BS BW BZ CM CY DM FJ FK GB GD GH GI GM GY HK IE IN JM KE KI KN KY LC LK LS MS MT MU MV \
        MW MY MZ NA NG NR NZ PG PK RW SB SC SG SH SL SZ TC TO TT TV TZ UG VC VG VU WS ZA ZM ZW
        """.split(separator: " ").map(String.init)

    /// World rights: the flag says it all and both lists are empty (our reading of Consonance's model, where "World"
    /// is a territory of its own) — clients must read `isForSaleWorldwide`, not infer it from the lists.
    static let world = Pattern(forSale: [], notForSale: [], worldwide: true, description: "World")
    static let worldExcludingNorthAmerica = Pattern(
        forSale: allCountries.filter { $0 != "US" && $0 != "CA" }, notForSale: ["CA", "US"], worldwide: false,
        description: "World excluding USA and Canada")
    static let ukAndCommonwealth = Pattern(
        forSale: commonwealth, notForSale: ["CA", "US"], worldwide: false,
        description: "UK and Commonwealth excluding Canada")
    static let ukAndIreland = Pattern(forSale: ["GB", "IE"], notForSale: [], worldwide: false,
                                      description: "UK and Ireland only")

    static let weighted: [(Pattern, Int)] = [
        (world, 50), (worldExcludingNorthAmerica, 25), (ukAndCommonwealth, 15), (ukAndIreland, 10),
    ]

    /// A description for rights set by hand.
    static func describe(forSale: [String], notForSale: [String], worldwide: Bool) -> String {
        if worldwide { return notForSale.isEmpty ? "World" : "World excluding " + notForSale.joined(separator: ", ") }
        if forSale.count <= 6 { return forSale.joined(separator: ", ") }
        return "\(forSale.count) countries"
    }
}

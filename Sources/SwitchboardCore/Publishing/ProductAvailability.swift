import Foundation

/// ONIX 3.0 code list 65, product availability: the supplier's view, per market, of whether a product can be ordered now.
///
/// Where List 64 (`PublishingStatus`) says what the publisher intends, List 65 says what a buyer will meet today ("in stock",
/// "reprinting"). Each code falls into a `Bucket` so flows can branch on a handful of outcomes (reference §5). Codes stay
/// strings; unrecognised ones become `.unknown(code)` with bucket `.unknown`.
public enum ProductAvailability: Sendable, Hashable, CustomStringConvertible {
    /// The coarse outcome a customer cares about.
    public enum Bucket: String, Sendable, Hashable, CaseIterable, Codable {
        /// Can be ordered and supplied now (`20`–`23`).
        case available
        /// Not yet published or not yet in stock (`09`–`12`).
        case notYet
        /// Temporarily unavailable: out of stock, reprinting… (`30`–`34`).
        case temporary
        /// Not coming back from this supplier: cancelled, out of print, withdrawn… (`01`, `40`–`43`, `46`, `47`, `49`, `51`, `52`).
        case gone
        /// Special cases: apply direct, not sold separately or as a set, replaced by print-on-demand (`44`, `45`, `48`, `50`).
        case other
        /// No reliable information (`97`–`99`) or an unrecognised code.
        case unknown
    }

    case cancelled  // 01
    case notYetAvailablePostponed  // 09
    case notYetAvailable  // 10
    case awaitingStock  // 11
    case notYetAvailablePrintOnDemand  // 12
    case available  // 20
    case inStock  // 21
    case toOrder  // 22
    case printOnDemand  // 23
    case temporarilyUnavailable  // 30
    case outOfStock  // 31
    case reprinting  // 32
    case awaitingReissue  // 33
    case temporarilyWithdrawn  // 34
    case notAvailable  // 40
    case replacedByNewProduct  // 41
    case otherFormatAvailable  // 42
    case noLongerSupplied  // 43
    case applyDirect  // 44
    case notSoldSeparately  // 45
    case withdrawnFromSale  // 46
    case remaindered  // 47
    case replacedByPrintOnDemand  // 48
    case recalled  // 49
    case notSoldAsSet  // 50
    case outOfPrint  // 51
    case notSoldInMarket  // 52
    case noRecentUpdate  // 97
    case noLongerUpdated  // 98
    case contactSupplier  // 99
    /// A code not in the list as we know it (kept verbatim, trimmed).
    case unknown(String)

    private static let byCode: [String: ProductAvailability] = [
        "01": .cancelled,
        "09": .notYetAvailablePostponed,
        "10": .notYetAvailable,
        "11": .awaitingStock,
        "12": .notYetAvailablePrintOnDemand,
        "20": .available,
        "21": .inStock,
        "22": .toOrder,
        "23": .printOnDemand,
        "30": .temporarilyUnavailable,
        "31": .outOfStock,
        "32": .reprinting,
        "33": .awaitingReissue,
        "34": .temporarilyWithdrawn,
        "40": .notAvailable,
        "41": .replacedByNewProduct,
        "42": .otherFormatAvailable,
        "43": .noLongerSupplied,
        "44": .applyDirect,
        "45": .notSoldSeparately,
        "46": .withdrawnFromSale,
        "47": .remaindered,
        "48": .replacedByPrintOnDemand,
        "49": .recalled,
        "50": .notSoldAsSet,
        "51": .outOfPrint,
        "52": .notSoldInMarket,
        "97": .noRecentUpdate,
        "98": .noLongerUpdated,
        "99": .contactSupplier,
    ]
    private static let buckets: [String: Bucket] = [
        "01": .gone,
        "09": .notYet,
        "10": .notYet,
        "11": .notYet,
        "12": .notYet,
        "20": .available,
        "21": .available,
        "22": .available,
        "23": .available,
        "30": .temporary,
        "31": .temporary,
        "32": .temporary,
        "33": .temporary,
        "34": .temporary,
        "40": .gone,
        "41": .gone,
        "42": .gone,
        "43": .gone,
        "44": .other,
        "45": .other,
        "46": .gone,
        "47": .gone,
        "48": .other,
        "49": .gone,
        "50": .other,
        "51": .gone,
        "52": .gone,
        "97": .unknown,
        "98": .unknown,
        "99": .unknown,
    ]
    private static let labels: [String: String] = [
        "01": "cancelled",
        "09": "postponed indefinitely",
        "10": "not yet available",
        "11": "awaiting stock",
        "12": "not yet available (print on demand)",
        "20": "available",
        "21": "in stock",
        "22": "to order",
        "23": "print on demand",
        "30": "temporarily unavailable",
        "31": "out of stock",
        "32": "reprinting",
        "33": "awaiting reissue",
        "34": "temporarily withdrawn from sale",
        "40": "not available",
        "41": "replaced by a new product",
        "42": "other format available",
        "43": "no longer supplied",
        "44": "apply direct",
        "45": "not sold separately",
        "46": "withdrawn from sale",
        "47": "remaindered",
        "48": "replaced by print on demand",
        "49": "recalled",
        "50": "not sold as a set",
        "51": "out of print",
        "52": "not sold in this market",
        "97": "no recent update",
        "98": "no longer updated",
        "99": "contact supplier",
    ]

    /// The availability for a List 65 code; whitespace is ignored, a single digit gets its leading zero, anything else
    /// unrecognised becomes `.unknown(code)`.
    public init(code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let padded = trimmed.count == 1 && trimmed.first?.isASCII == true && trimmed.first?.isNumber == true ? "0" + trimmed : trimmed
        self = Self.byCode[padded] ?? .unknown(trimmed)
    }

    /// The two-character List 65 code (or the unrecognised code as given).
    public var code: String {
        switch self {
        case .cancelled: "01"
        case .notYetAvailablePostponed: "09"
        case .notYetAvailable: "10"
        case .awaitingStock: "11"
        case .notYetAvailablePrintOnDemand: "12"
        case .available: "20"
        case .inStock: "21"
        case .toOrder: "22"
        case .printOnDemand: "23"
        case .temporarilyUnavailable: "30"
        case .outOfStock: "31"
        case .reprinting: "32"
        case .awaitingReissue: "33"
        case .temporarilyWithdrawn: "34"
        case .notAvailable: "40"
        case .replacedByNewProduct: "41"
        case .otherFormatAvailable: "42"
        case .noLongerSupplied: "43"
        case .applyDirect: "44"
        case .notSoldSeparately: "45"
        case .withdrawnFromSale: "46"
        case .remaindered: "47"
        case .replacedByPrintOnDemand: "48"
        case .recalled: "49"
        case .notSoldAsSet: "50"
        case .outOfPrint: "51"
        case .notSoldInMarket: "52"
        case .noRecentUpdate: "97"
        case .noLongerUpdated: "98"
        case .contactSupplier: "99"
        case .unknown(let code): code
        }
    }

    public var bucket: Bucket { Self.buckets[code] ?? .unknown }

    /// A few lower-case words of our own, e.g. "reprinting". Unrecognised codes read "availability <code>".
    public var label: String { Self.labels[code] ?? "availability \(code)" }

    public var description: String { "\(code) (\(label))" }
}

extension ProductAvailability: RawRepresentable, Codable {
    /// Equality and hashing go by code, so `.unknown("21")` equals `.inStock`.
    public static func == (lhs: ProductAvailability, rhs: ProductAvailability) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// Same as `init(code:)`; never fails.
    public init?(rawValue: String) { self.init(code: rawValue) }
    public var rawValue: String { code }
}

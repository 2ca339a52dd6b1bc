import Foundation

/// ONIX 3.0 code list 64, publishing status: the publisher's view of a product's life (forthcoming, active, out of print…).
///
/// Consonance reports it as `onixPublishingStatusCode`; flows and replies need it as words and as a few yes/no questions
/// ("is it cancelled?"). Codes stay strings with their leading zeros; a code this issue of the list does not know becomes
/// `.unknown(code)` and is kept, never dropped. List 68 (market publishing status) reuses these codes but gives `12` another
/// meaning, so do not feed List 68 values to this type.
public enum PublishingStatus: Sendable, Hashable, CustomStringConvertible {
    /// `00`
    case unspecified
    /// `01` cancelled: never published.
    case cancelled
    /// `02` forthcoming.
    case forthcoming
    /// `03` postponed indefinitely.
    case postponedIndefinitely
    /// `04` active.
    case active
    /// `05` no longer this publisher's product.
    case noLongerOurs
    /// `06` out of stock indefinitely.
    case outOfStockIndefinitely
    /// `07` out of print.
    case outOfPrint
    /// `08` inactive (06 or 07, not known which).
    case inactive
    /// `09` unknown (the publisher says it does not know; distinct from an unrecognised code).
    case statusUnknown
    /// `10` remaindered.
    case remaindered
    /// `11` withdrawn from sale.
    case withdrawnFromSale
    /// `12` recalled (deprecated in favour of `15`).
    case recalledDeprecated
    /// `13` active, but not sold separately.
    case activeNotSoldSeparately
    /// `15` recalled.
    case recalled
    /// `16` temporarily withdrawn from sale.
    case temporarilyWithdrawn
    /// `17` permanently withdrawn from sale (the digital "out of print").
    case permanentlyWithdrawn
    /// `18` active, but not sold as a set.
    case activeNotSoldAsSet
    /// A code not in the list as we know it (kept verbatim, trimmed).
    case unknown(String)

    private static let byCode: [String: PublishingStatus] = [
        "00": .unspecified,
        "01": .cancelled,
        "02": .forthcoming,
        "03": .postponedIndefinitely,
        "04": .active,
        "05": .noLongerOurs,
        "06": .outOfStockIndefinitely,
        "07": .outOfPrint,
        "08": .inactive,
        "09": .statusUnknown,
        "10": .remaindered,
        "11": .withdrawnFromSale,
        "12": .recalledDeprecated,
        "13": .activeNotSoldSeparately,
        "15": .recalled,
        "16": .temporarilyWithdrawn,
        "17": .permanentlyWithdrawn,
        "18": .activeNotSoldAsSet,
    ]
    private static let labels: [String: String] = [
        "00": "unspecified",
        "01": "cancelled",
        "02": "forthcoming",
        "03": "postponed indefinitely",
        "04": "active",
        "05": "no longer ours",
        "06": "out of stock indefinitely",
        "07": "out of print",
        "08": "inactive",
        "09": "status unknown",
        "10": "remaindered",
        "11": "withdrawn from sale",
        "12": "recalled",
        "13": "active, not sold separately",
        "15": "recalled",
        "16": "temporarily withdrawn",
        "17": "permanently withdrawn",
        "18": "active, not sold as a set",
    ]

    /// The status for a List 64 code. Surrounding whitespace is ignored and a single digit is read with its leading zero
    /// (`"4"` → `04`); anything else unrecognised becomes `.unknown(code)`.
    public init(code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let padded = trimmed.count == 1 && trimmed.first?.isASCII == true && trimmed.first?.isNumber == true ? "0" + trimmed : trimmed
        self = Self.byCode[padded] ?? .unknown(trimmed)
    }

    /// The two-character List 64 code (or the unrecognised code as given).
    public var code: String {
        switch self {
        case .unspecified: "00"
        case .cancelled: "01"
        case .forthcoming: "02"
        case .postponedIndefinitely: "03"
        case .active: "04"
        case .noLongerOurs: "05"
        case .outOfStockIndefinitely: "06"
        case .outOfPrint: "07"
        case .inactive: "08"
        case .statusUnknown: "09"
        case .remaindered: "10"
        case .withdrawnFromSale: "11"
        case .recalledDeprecated: "12"
        case .activeNotSoldSeparately: "13"
        case .recalled: "15"
        case .temporarilyWithdrawn: "16"
        case .permanentlyWithdrawn: "17"
        case .activeNotSoldAsSet: "18"
        case .unknown(let code): code
        }
    }

    /// A few lower-case words of our own, e.g. "out of print". Unrecognised codes read "status <code>".
    public var label: String { Self.labels[code] ?? "status \(code)" }

    public var description: String { "\(code) (\(label))" }

    /// `01` cancelled or `03` postponed indefinitely: the product is not coming, or not on any known date; send no publication
    /// date.
    public var isCancelledOrPostponed: Bool { self == .cancelled || self == .postponedIndefinitely }

    /// `03` postponed indefinitely or `16` temporarily withdrawn from sale: not available now but may come (back) later.
    /// Cancelled (`01`) is not "delayed"; use `isCancelledOrPostponed || isDelayed` for "01, 03 or 16".
    public var isDelayed: Bool { self == .postponedIndefinitely || self == .temporarilyWithdrawn }

    /// `04`, `13`, `18`: the publisher accepts orders (stock may still vary; see List 65).
    public var isActive: Bool { self == .active || self == .activeNotSoldSeparately || self == .activeNotSoldAsSet }

    /// `05`, `06`, `07`, `08`, `10`, `11`, `12`, `15`, `17`: no longer published or sold as before.
    public var isNoLongerAvailable: Bool {
        switch self {
        case .noLongerOurs, .outOfStockIndefinitely, .outOfPrint, .inactive, .remaindered, .withdrawnFromSale, .recalledDeprecated,
            .recalled, .permanentlyWithdrawn:
            true
        default: false
        }
    }
}

extension PublishingStatus: RawRepresentable, Codable {
    /// Equality and hashing go by code, so `.unknown("04")` equals `.active`.
    public static func == (lhs: PublishingStatus, rhs: PublishingStatus) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// Same as `init(code:)`; never fails.
    public init?(rawValue: String) { self.init(code: rawValue) }
    public var rawValue: String { code }
}

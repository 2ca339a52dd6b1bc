import Foundation

/// One short answer to "is this book available?", combining the publisher's status (List 64) with the supplier's
/// availability (List 65) as reference §5 describes.
///
/// Replies to customers, ticket side panels and reports all need the same wording, so it lives here once.
///
/// Precedence:
/// 1. A decisive publisher status wins over List 65: `01` "cancelled", `03` "postponed indefinitely", `16` "temporarily
///    withdrawn from sale", `07`/`17` "out of print", `11` "withdrawn from sale", `12`/`15` "recalled", `10` "remaindered",
///    `05` "no longer available from this publisher", `06` "out of stock indefinitely", `08` "no longer available",
///    `13` "not sold separately", `18` "not sold as a set".
/// 2. Otherwise (`00`, `02`, `04`, `09`, unrecognised codes) List 65 decides when it is present and informative: available
///    → "available" ("available to order" for `22`, "available (print on demand)" for `23`/`48`); `10`/`12` and `11` under a
///    forthcoming status → "forthcoming — <date>"; `11` → "awaiting stock"; `09` → "postponed indefinitely"; `31`/`32` →
///    "temporarily out of stock"; other temporary and gone codes → their own words ("out of print" for `51`, "cancelled" for
///    `01`…); `44` "available direct from the publisher", `45`/`50` "not sold separately" / "not sold as a set".
/// 3. With no availability, or one that says nothing (`97`–`99`, unrecognised), the status alone: `02` "forthcoming — <date>"
///    (or just "forthcoming"), `04` "available", anything else "availability unknown".
///
/// `publicationDate` is shown as given, except that ONIX basic dates are dashed: `20270301` → `2027-03-01`, `202703` → `2027-03`.
public enum TitleAvailability {
    public static func summary(status: PublishingStatus, availability: ProductAvailability?, publicationDate: String?) -> String {
        if let decided = decisive(status) { return decided }
        if let availability, let answer = fromAvailability(availability, status: status, publicationDate: publicationDate) {
            return answer
        }
        switch status {
        case .forthcoming: return forthcoming(publicationDate)
        case .active: return "available"
        default: return "availability unknown"
        }
    }

    /// "forthcoming — 2027-03-01", or "forthcoming" without a date.
    static func forthcoming(_ date: String?) -> String {
        guard let date = displayDate(date) else { return "forthcoming" }
        return "forthcoming — \(date)"
    }

    /// Dashes an ONIX `YYYYMMDD` or `YYYYMM` date; passes other non-empty text through trimmed.
    static func displayDate(_ date: String?) -> String? {
        guard let trimmed = date?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return trimmed }
        let digits = Array(trimmed)
        switch digits.count {
        case 8: return "\(String(digits[0..<4]))-\(String(digits[4..<6]))-\(String(digits[6..<8]))"
        case 6: return "\(String(digits[0..<4]))-\(String(digits[4..<6]))"
        default: return trimmed
        }
    }

    private static func decisive(_ status: PublishingStatus) -> String? {
        switch status {
        case .cancelled: "cancelled"
        case .postponedIndefinitely: "postponed indefinitely"
        case .temporarilyWithdrawn: "temporarily withdrawn from sale"
        case .outOfPrint, .permanentlyWithdrawn: "out of print"
        case .withdrawnFromSale: "withdrawn from sale"
        case .recalled, .recalledDeprecated: "recalled"
        case .remaindered: "remaindered"
        case .noLongerOurs: "no longer available from this publisher"
        case .outOfStockIndefinitely: "out of stock indefinitely"
        case .inactive: "no longer available"
        case .activeNotSoldSeparately: "not sold separately"
        case .activeNotSoldAsSet: "not sold as a set"
        case .unspecified, .forthcoming, .active, .statusUnknown, .unknown: nil
        }
    }

    private static func fromAvailability(_ availability: ProductAvailability, status: PublishingStatus, publicationDate: String?)
        -> String?
    {
        switch availability {
        case .available, .inStock: "available"
        case .toOrder: "available to order"
        case .printOnDemand, .replacedByPrintOnDemand: "available (print on demand)"
        case .notYetAvailable, .notYetAvailablePrintOnDemand: forthcoming(publicationDate)
        case .awaitingStock: status == .forthcoming ? forthcoming(publicationDate) : "awaiting stock"
        case .notYetAvailablePostponed: "postponed indefinitely"
        case .outOfStock, .reprinting: "temporarily out of stock"
        case .temporarilyUnavailable: "temporarily unavailable"
        case .awaitingReissue: "awaiting reissue"
        case .temporarilyWithdrawn: "temporarily withdrawn from sale"
        case .cancelled: "cancelled"
        case .outOfPrint: "out of print"
        case .notAvailable: "not available"
        case .replacedByNewProduct: "replaced by a new edition"
        case .otherFormatAvailable: "not available in this format"
        case .noLongerSupplied: "no longer supplied"
        case .withdrawnFromSale: "withdrawn from sale"
        case .remaindered: "remaindered"
        case .recalled: "recalled"
        case .notSoldInMarket: "not sold in this market"
        case .applyDirect: "available direct from the publisher"
        case .notSoldSeparately: "not sold separately"
        case .notSoldAsSet: "not sold as a set"
        case .noRecentUpdate, .noLongerUpdated, .contactSupplier, .unknown: nil
        }
    }
}

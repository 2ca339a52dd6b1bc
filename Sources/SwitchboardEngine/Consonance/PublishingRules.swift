import Foundation
import LooseJSON
import SwitchboardStore

/// The rules that turn catalogue data into workflow exceptions and milestones. Pure functions of the snapshot and
/// the day, so they are tested without a database and give the same answer on every node.
public enum PublishingRules {
    /// A product for sale and not for sale in the same country.
    static func rightsConflict(_ product: CatalogueProduct, connection: String) -> PublishingException? {
        let forSale = Set(product.data["for_sale"].flatMap(strings) ?? [])
        let notForSale = Set(product.data["not_for_sale"].flatMap(strings) ?? [])
        let both = forSale.intersection(notForSale).sorted()
        guard !both.isEmpty else { return nil }
        let label = "\(product.title) (\(product.data["format_label"]?.stringValue ?? product.format), ISBN \(product.isbn13 ?? "none"))"
        return PublishingException(connection: connection, key: "product:\(product.id):rights_conflict", kind: "rights_conflict", workID: product.workID,
                                   isbn13: product.isbn13, title: product.title, summary: "Rights conflict: \(label)",
                                   details: "Consonance lists \(both.joined(separator: ", ")) both as for sale and as not for sale for \(label). Correct the sales rights of the product.",
                                   raisedAt: 0)
    }

    /// The manuscript was due (revised date, else contract date) before `today` and has not been delivered.
    static func deliveryOverdue(_ contract: CatalogueContract, today: String) -> (due: String, daysLate: Int)? {
        guard contract.data["actual_ms_delivery_date"]?.stringValue == nil,
              let due = contract.data["revised_ms_delivery_date"]?.stringValue ?? contract.data["ms_delivery_date"]?.stringValue, due < today else { return nil }
        return (due, days(from: due, to: today))
    }

    static func delayedDelivery(_ contract: CatalogueContract, today: String, connection: String, isbn13: String?) -> PublishingException? {
        guard let (due, late) = deliveryOverdue(contract, today: today) else { return nil }
        let title = contract.data["work_title"]?.stringValue ?? contract.name
        return PublishingException(connection: connection, key: "contract:\(contract.id):delivery", kind: "delayed_delivery", workID: contract.workID,
                                   isbn13: isbn13, title: title, summary: "Manuscript overdue: \(title)",
                                   details: "The manuscript of \(title) (contract \"\(contract.name)\", client \(contract.data["client"]?.stringValue ?? "unknown")) was due on \(due) and is \(late) day\(late == 1 ? "" : "s") late.",
                                   raisedAt: 0)
    }

    /// An approval milestone past its date, still open.
    static func missedApproval(_ milestone: PublishingMilestone, today: String, connection: String) -> PublishingException? {
        guard milestone.kind == "approval", milestone.status == "open", milestone.dueOn < today else { return nil }
        let title = milestone.title ?? "a title"
        return PublishingException(connection: connection, key: "milestone:\(milestone.id):approval", kind: "missed_approval", workID: milestone.workID,
                                   isbn13: milestone.isbn13, title: milestone.title, summary: "Missed approval: \(milestone.name) for \(title)",
                                   details: "\(milestone.name) for \(title) was due on \(milestone.dueOn)\(milestone.owner.map { " (owner: \($0))" } ?? "") and is not approved yet.",
                                   raisedAt: 0)
    }

    /// A rights review waiting longer than `days` for a decision.
    static func missedApproval(_ review: RightsReview, now: Int64, days: Int, connection: String) -> PublishingException? {
        guard review.status == "requested", now - review.createdAt > Int64(days) * 86_400 else { return nil }
        let title = review.title ?? "a title"
        return PublishingException(connection: connection, key: "review:\(review.id):approval", kind: "missed_approval", workID: review.workID,
                                   isbn13: review.isbn13, title: review.title, summary: "Rights review waiting: \(title)",
                                   details: "The rights review \(review.id) for \(title)\(review.question.map { " (\"\($0)\")" } ?? "") has waited more than \(days) days for a decision.",
                                   raisedAt: 0)
    }

    /// Milestones Consonance's dates imply for a contract: manuscript delivery (done once delivered) and proofs.
    static func milestones(for contract: CatalogueContract, connection: String, isbn13: String?, now: Int64) -> [PublishingMilestone] {
        let title = contract.data["work_title"]?.stringValue
        var result: [PublishingMilestone] = []
        if let due = contract.data["revised_ms_delivery_date"]?.stringValue ?? contract.data["ms_delivery_date"]?.stringValue {
            let delivered = contract.data["actual_ms_delivery_date"]?.stringValue != nil
            result.append(PublishingMilestone(originKey: "\(connection):contract:\(contract.id):ms_delivery", name: "Manuscript delivery", kind: "delivery",
                                              dueOn: due, workID: contract.workID, isbn13: isbn13, title: title, status: delivered ? "done" : "open",
                                              doneAt: delivered ? now : nil, createdAt: now))
        }
        if let proofs = contract.data["ms_proofs_date"]?.stringValue {
            result.append(PublishingMilestone(originKey: "\(connection):contract:\(contract.id):ms_proofs", name: "Proofs", kind: "proofs", dueOn: proofs,
                                              workID: contract.workID, isbn13: isbn13, title: title, createdAt: now))
        }
        return result
    }

    /// The publication milestone of a work: its earliest forthcoming or active product's publication date.
    static func publicationMilestone(_ work: CatalogueWork, products: [CatalogueProduct], connection: String, now: Int64) -> PublishingMilestone? {
        let dated = products.filter { ["02", "04"].contains($0.status ?? "") }.compactMap { product in product.publicationDate.map { ($0, product) } }
        guard let (date, product) = dated.min(by: { $0.0 < $1.0 }) else { return nil }
        return PublishingMilestone(originKey: "\(connection):work:\(work.id):publication", name: "Publication", kind: "publication", dueOn: date,
                                   workID: work.id, isbn13: product.isbn13, title: work.title, createdAt: now)
    }

    /// Whole days from one ISO date to another (positive when `to` is later).
    static func days(from: String, to: String) -> Int {
        guard let start = date(from), let end = date(to) else { return 0 }
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    /// Midnight UTC of an ISO day written exactly `YYYY-MM-DD` (dates are compared as text, so `2027-1-5` is refused),
    /// nil if it is not one.
    public static func date(_ iso: String) -> Date? {
        guard iso.utf8.count == 10, iso.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: iso)
    }

    /// The UTC day of an instant, `YYYY-MM-DD`.
    public static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func strings(_ value: JSONValue) -> [String]? {
        guard case .array(let items) = value else { return nil }
        return items.compactMap(\.stringValue)
    }
}

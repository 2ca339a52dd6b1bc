import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Project context for an author or other contributor who contacts support: for each of their works, the stage,
/// the contract's dates and the deliveries still to come — what an agent needs to answer "where is my book?".
struct ContributorContext {
    let name: String?
    let email: String
    let works: [(work: CatalogueWork, products: [CatalogueProduct], contracts: [CatalogueContract], role: String)]
    let today: String

    var note: String {
        var lines = ["Project context from Consonance (Switchboard)", "", "\(name ?? email) <\(email)> is a contributor to \(works.count) title\(works.count == 1 ? "" : "s"):"]
        for (work, products, contracts, role) in works {
            lines.append("")
            lines.append("\(work.title) — \(ContributorRole(code: role).label), \(work.imprint ?? "no imprint")")
            lines.append("Stage: \(work.stage ?? "not set")")
            let dated = products.compactMap { product in product.publicationDate.map { "\(TitleContext.formatLabel(product)) \($0)" } }
            if !dated.isEmpty { lines.append("Publication: " + dated.joined(separator: " · ")) }
            for contract in contracts {
                let data = contract.data
                var dates: [String] = []
                for (label, key) in [("signed", "signed_date"), ("manuscript due", "ms_delivery_date"), ("revised delivery", "revised_ms_delivery_date"),
                                     ("delivered", "actual_ms_delivery_date"), ("proofs", "ms_proofs_date"), ("publish before", "pub_before_date")] {
                    if let value = data[key]?.stringValue { dates.append("\(label) \(value)") }
                }
                lines.append("Contract \"\(contract.name)\": " + (dates.isEmpty ? "no dates" : dates.joined(separator: ", ")))
                let upcoming = upcomingDeliveries(contract)
                lines.append("Upcoming deliveries: " + (upcoming.isEmpty ? "none" : upcoming.joined(separator: "; ")))
            }
            if let url = work.data["url"]?.stringValue { lines.append("Consonance: \(url)") }
        }
        lines.append("")
        lines.append("Add the tag needs_editorial to create a task for the editorial or production team.")
        return lines.joined(separator: "\n")
    }

    func upcomingDeliveries(_ contract: CatalogueContract) -> [String] {
        var items: [String] = []
        if contract.data["actual_ms_delivery_date"]?.stringValue == nil,
           let due = contract.data["revised_ms_delivery_date"]?.stringValue ?? contract.data["ms_delivery_date"]?.stringValue {
            items.append("manuscript \(due)\(due < today ? " (overdue)" : "")")
        }
        if case .array(let deliveries)? = contract.data["delivery_dates"] {
            for delivery in deliveries {
                guard let date = delivery["slipped_date"]?.stringValue ?? delivery["date_due"]?.stringValue, date >= today else { continue }
                items.append("\(delivery["deliverable"]?.stringValue ?? "delivery") \(date)")
            }
        }
        return items
    }

    var output: JSONValue {
        let first = works.first
        return .object([
            "found": .bool(true), "name": name.map(JSONValue.string) ?? .null, "email": .string(email),
            "work_ids": .array(works.map { .number(Double($0.work.id)) }), "titles": .array(works.map { .string($0.work.title) }),
            "note": .string(note), "isbn13": (first?.products.compactMap(\.isbn13).first).map(JSONValue.string) ?? .null,
            "work_id": first.map { .number(Double($0.work.id)) } ?? .null, "title": first.map { .string($0.work.title) } ?? .null,
        ])
    }

    static func notFound(email: String?) -> JSONValue {
        .object(["found": .bool(false), "email": email.map(JSONValue.string) ?? .null, "work_ids": .array([]), "titles": .array([])])
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// What support needs to know about a title, written for a ticket note and served to the Zendesk sidebar app:
/// publication status, ISBNs per format with availability, imprint, rights territories and release dates.
struct TitleContext {
    let match: TitleMatch
    /// The title's contracts, for the rights summary (licensed rights) and project context.
    let contracts: [CatalogueContract]

    var focus: CatalogueProduct? { match.product ?? match.products.first { $0.status == "04" } ?? match.products.first }

    /// Overall status: the matched product's, else the best among the formats.
    var statusLine: String {
        guard let product = focus else { return "no formats in Consonance" }
        return Self.availability(product)
    }

    static func availability(_ product: CatalogueProduct) -> String {
        let status = PublishingStatus(code: product.status ?? "00")
        return TitleAvailability.summary(status: status, availability: nil, publicationDate: product.publicationDate)
    }

    static func formatLabel(_ product: CatalogueProduct) -> String {
        product.data["format_label"]?.stringValue ?? product.format
    }

    var formatLines: [String] {
        match.products.map { product in
            var line = "- \(Self.formatLabel(product)): ISBN \(product.data["isbn_with_dashes"]?.stringValue ?? product.isbn13 ?? "none") — \(Self.availability(product))"
            if let date = product.publicationDate { line += " — publication \(date)" }
            return line
        }
    }

    var rightsLine: String {
        guard let product = focus else { return "unknown" }
        let summary = Self.salesRights(product)
        let others = match.products.filter { Self.salesRights($0) != summary }
        guard !others.isEmpty else { return summary }
        return summary + " (" + others.map { "\(Self.formatLabel($0)): \(Self.salesRights($0))" }.joined(separator: "; ") + ")"
    }

    static func salesRights(_ product: CatalogueProduct) -> String {
        let forSale = product.data["for_sale"].flatMap(PublishingRules.strings) ?? []
        let notForSale = product.data["not_for_sale"].flatMap(PublishingRules.strings) ?? []
        return SalesRightsSummary.text(forSale: forSale, notForSale: notForSale, worldwide: product.data["worldwide"] == .bool(true))
    }

    var releaseLine: String {
        let dated = match.products.compactMap { product in product.publicationDate.map { "\(Self.formatLabel(product)) \($0)" } }
        return dated.isEmpty ? "no dates in Consonance" : dated.joined(separator: " · ")
    }

    var heading: String {
        var text = match.work.title
        if let subtitle = match.work.subtitle, !subtitle.isEmpty { text += ": \(subtitle)" }
        if let authors = match.work.data["authorship"]?.stringValue { text += " — \(authors)" }
        return text
    }

    /// The internal note for the ticket.
    var note: String {
        var lines = ["Title context from Consonance (Switchboard)", "", heading]
        lines.append("Publication status: \(statusLine)")
        lines.append("Imprint: \(match.work.imprint ?? "unknown")")
        lines.append("Formats and ISBNs:")
        lines += formatLines
        lines.append("Rights (territories): \(rightsLine)")
        lines.append("Release dates: \(releaseLine)")
        if let url = match.work.data["url"]?.stringValue { lines.append("Consonance: \(url)") }
        return lines.joined(separator: "\n")
    }

    /// The rights summary for rights inquiries: territories per format and the rights the publisher holds.
    var rightsNote: String {
        var lines = ["Rights summary from Consonance (Switchboard)", "", heading]
        lines.append("Sales territories: \(rightsLine)")
        for product in match.products {
            if let description = product.data["rights_description"]?.stringValue, !description.isEmpty {
                lines.append("- \(Self.formatLabel(product)): \(description)")
            }
        }
        let rights = contracts.flatMap { contract -> [String] in
            guard case .array(let items)? = contract.data["licensed_rights"] else { return [] }
            return items.compactMap { item in
                item["right_type"]?.stringValue.map { type in type + (item["author_cut"]?.stringValue.map { " (author \($0)%)" } ?? "") }
            }
        }
        lines.append("Rights held under contract: " + (rights.isEmpty ? "none recorded in Consonance" : rights.joined(separator: ", ")))
        if let contract = contracts.first {
            lines.append("Contract: \(contract.name)" + (contract.data["signed_date"]?.stringValue.map { ", signed \($0)" } ?? ""))
        }
        lines.append("Add the tag rights_review to send this inquiry to the rights team for a decision.")
        return lines.joined(separator: "\n")
    }

    /// `isbn_…`, `imprint_…` and `format_…` tags: the matched product's, or every format's when the title matched by name.
    var tags: [String] {
        let products = match.product.map { [$0] } ?? match.products
        var tags: [String] = []
        for product in products {
            if let isbn = product.isbn13.flatMap(ISBN.init) { tags.append(ZendeskTagName.isbn(isbn)) }
            tags.append(ZendeskTagName.format(FormatFamily(rawValue: product.format) ?? .other))
        }
        if let imprint = match.work.imprint { tags.append(ZendeskTagName.imprint(imprint)) }
        var seen: Set<String> = []
        return tags.filter { seen.insert($0).inserted }
    }

    /// The flow output of `consonance.find_title`.
    func output(fields: [String: Int64], topics: [String], rejected: [String]) -> JSONValue {
        let product = focus
        var custom: [String: JSONValue] = [:]
        let values: [String: String?] = [
            "isbn": product?.isbn13, "title": match.work.title, "imprint": match.work.imprint, "format": product.map(Self.formatLabel),
            "publication_date": product?.publicationDate, "status": statusLine,
        ]
        for (role, id) in fields { if let value = values[role] ?? nil { custom[String(id)] = .string(value) } }
        return .object([
            "found": .bool(true), "matched_by": .string(match.matchedBy), "connection": .string(match.connection),
            "work_id": .number(Double(match.work.id)), "product_id": product.map { .number(Double($0.id)) } ?? .null,
            "isbn13": (product?.isbn13).map(JSONValue.string) ?? .null, "isbns": .array(match.products.compactMap(\.isbn13).map(JSONValue.string)),
            "title": .string(match.work.title), "imprint": match.work.imprint.map(JSONValue.string) ?? .null,
            "format": product.map { .string(Self.formatLabel($0)) } ?? .null,
            "formats": .array(match.products.map { .string(Self.formatLabel($0)) }), "status": .string(statusLine),
            "publication_date": (product?.publicationDate).map(JSONValue.string) ?? .null, "note": .string(note), "rights_note": .string(rightsNote),
            "tags": .array(tags.map(JSONValue.string)), "custom_fields": .object(custom), "url": match.work.data["url"] ?? .null,
            "topics": .array(topics.map(JSONValue.string)), "rejected_isbns": .array(rejected.map(JSONValue.string)),
        ])
    }

    /// The same data as JSON for `GET /api/titles/{isbn}` (the Zendesk sidebar app).
    var json: JSONValue {
        .object([
            "title": .string(match.work.title), "subtitle": match.work.subtitle.map(JSONValue.string) ?? .null,
            "authorship": match.work.data["authorship"] ?? .null, "imprint": match.work.imprint.map(JSONValue.string) ?? .null,
            "stage": match.work.stage.map(JSONValue.string) ?? .null, "status": .string(statusLine), "url": match.work.data["url"] ?? .null,
            "work_id": .number(Double(match.work.id)), "rights": .string(rightsLine), "release_dates": .string(releaseLine),
            "formats": .array(match.products.map { product in
                .object(["product_id": .number(Double(product.id)), "isbn13": product.isbn13.map(JSONValue.string) ?? .null,
                         "isbn": product.data["isbn_with_dashes"] ?? .null, "format": .string(Self.formatLabel(product)),
                         "status": product.status.map(JSONValue.string) ?? .null, "availability": .string(Self.availability(product)),
                         "publication_date": product.publicationDate.map(JSONValue.string) ?? .null,
                         "for_sale": product.data["for_sale"] ?? .array([]), "not_for_sale": product.data["not_for_sale"] ?? .array([]),
                         "worldwide": product.data["worldwide"] ?? .bool(false)])
            }),
            "tags": .array(tags.map(JSONValue.string)),
        ])
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Which titles, formats and imprints generate the most support: tickets in the Zendesk mirror counted by their
/// `isbn_…`, `format_…` and `imprint_…` tags (which the title-context recipe adds, and agents may add by hand).
/// A report by title also stores each title's all-time count on its support signal.
public struct SupportReport: Sendable {
    public enum Grouping: String, Sendable, CaseIterable {
        case title, format, imprint

        var prefix: String {
            switch self {
            case .title: return "isbn_"
            case .format: return "format_"
            case .imprint: return "imprint_"
            }
        }
    }

    public struct Row: Sendable, Equatable {
        /// The tag (or, by title, the work: `work:<connection>:<id>`).
        public var key: String
        public var label: String
        public var tickets: Int
        /// Per-format ISBNs that were merged into a title row.
        public var isbns: [String]
    }

    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The report, most tickets first. By title, the ISBNs of one work are one row, and a ticket tagged with several
    /// formats of the title counts once.
    public func rows(by grouping: Grouping, connection: String? = nil, limit: Int = 20) async throws -> [Row] {
        guard grouping == .title else {
            let counts = try await store.session { try await $0.ticketCounts(tagPrefix: grouping.prefix, connection: connection) }
            return counts.prefix(limit).map { Row(key: $0.tag, label: String($0.tag.dropFirst(grouping.prefix.count)).replacingOccurrences(of: "_", with: " "),
                                                 tickets: $0.tickets, isbns: []) }
        }
        let pairs = try await store.session { try await $0.ticketTags(prefix: grouping.prefix, connection: connection) }
        var tickets: [String: Set<String>] = [:]
        var byWork: [String: Row] = [:]
        var workRefs: [String: (String, Int64)] = [:]
        var productByISBN: [String: CatalogueProduct?] = [:]
        for (ticketConnection, ticketID, tag) in pairs {
            let isbn = String(tag.dropFirst(grouping.prefix.count))
            if productByISBN[isbn] == nil { productByISBN[isbn] = .some(try await store.session { try await $0.catalogueProducts(isbn13: isbn) }.first) }
            let product = productByISBN[isbn] ?? nil
            let key = product.map { "work:\($0.connection):\($0.workID)" } ?? tag
            var row = byWork[key] ?? Row(key: key, label: product.map { $0.title } ?? "ISBN \(isbn) (not in Consonance)", tickets: 0, isbns: [])
            if !row.isbns.contains(isbn) { row.isbns.append(isbn) }
            byWork[key] = row
            tickets[key, default: []].insert("\(ticketConnection):\(ticketID)")
            if let product { workRefs[key] = (product.connection, product.workID) }
        }
        for key in byWork.keys { byWork[key]?.tickets = tickets[key]?.count ?? 0; byWork[key]?.isbns.sort() }
        let sorted = byWork.values.sorted { ($0.tickets, $1.label) > ($1.tickets, $0.label) }
        let refs = workRefs
        try await store.transaction { session in
            for row in sorted { if let (connection, workID) = refs[row.key] { try await session.setReportedTickets(connection: connection, workID: workID, count: row.tickets) } }
        }
        return Array(sorted.prefix(limit))
    }

    public static func text(_ rows: [Row], by grouping: Grouping) -> String {
        guard !rows.isEmpty else { return "No tickets carry \(grouping.prefix)… tags yet." }
        let width = rows.map(\.label.count).max() ?? 10
        return rows.map { $0.label.padding(toLength: max(width, 10), withPad: " ", startingAt: 0) + "  " + String($0.tickets) }.joined(separator: "\n")
    }

    public static func csv(_ rows: [Row], by grouping: Grouping) -> String {
        func field(_ text: String) -> String { text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text }
        return ([grouping.rawValue + ",tickets,isbns"] + rows.map { [field($0.label), String($0.tickets), field($0.isbns.joined(separator: " "))].joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    public static func json(_ rows: [Row]) -> JSONValue {
        .array(rows.map { .object(["key": .string($0.key), "label": .string($0.label), "tickets": .number(Double($0.tickets)),
                                   "isbns": .array($0.isbns.map(JSONValue.string))]) })
    }
}

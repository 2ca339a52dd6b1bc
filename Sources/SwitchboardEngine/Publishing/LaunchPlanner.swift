import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Launch preparation for support: the titles publishing in the next N days with their formats, dates and
/// territories, and an inquiry forecast for each from comparable titles (same imprint, already published): the
/// average number of tickets they drew in the 30 days after publication.
public struct LaunchPlanner: Sendable {
    public struct Launch: Sendable {
        public var work: CatalogueWork
        public var products: [CatalogueProduct]
        /// The earliest publication date among the launching formats.
        public var date: String
        public var forecast: Int
        public var comparables: Int
    }

    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func launches(days: Int, today: String) async throws -> [Launch] {
        let horizon = PublishingRules.isoDay((PublishingRules.date(today) ?? Date()).addingTimeInterval(Double(days) * 86_400))
        let launching = try await store.session { try await $0.catalogueProducts(publishedFrom: today, to: horizon) }
            .filter { ["02", "04"].contains($0.status ?? "") }
        let grouped = Dictionary(grouping: launching) { "\($0.connection)\u{1f}\($0.workID)" }
        var result: [Launch] = []
        for products in grouped.values {
            guard let first = products.first, let work = try await store.session({ try await $0.catalogueWork(connection: first.connection, id: first.workID) }) else { continue }
            let all = try await store.session { try await $0.catalogueProducts(connection: first.connection, workIDs: [first.workID]) }
            let (forecast, comparables) = try await forecast(imprint: work.imprint, excluding: work.id, today: today)
            result.append(Launch(work: work, products: all, date: products.compactMap(\.publicationDate).min() ?? today, forecast: forecast, comparables: comparables))
        }
        return result.sorted { ($0.date, $0.work.title) < ($1.date, $1.work.title) }
    }

    /// Average tickets in the 30 days after publication of up to 20 titles of the same imprint published in the last year.
    func forecast(imprint: String?, excluding workID: Int64, today: String) async throws -> (Int, Int) {
        let yearAgo = PublishingRules.isoDay((PublishingRules.date(today) ?? Date()).addingTimeInterval(-365 * 86_400))
        let published = try await store.session { try await $0.catalogueProducts(publishedFrom: yearAgo, to: today) }
            .filter { $0.imprint == imprint && $0.workID != workID }
        var firstDates: [Int64: String] = [:]
        for product in published { if let date = product.publicationDate { firstDates[product.workID] = min(firstDates[product.workID] ?? date, date) } }
        let sample = firstDates.sorted { $0.value > $1.value }.prefix(20)
        guard !sample.isEmpty else { return (0, 0) }
        var total = 0
        for (work, date) in sample {
            guard let start = PublishingRules.date(date) else { continue }
            let from = Int64(start.timeIntervalSince1970), to = from + 30 * 86_400
            total += try await store.session { try await $0.titleMentions(workID: work, since: from) }.filter { $0.mentionedAt < to }.count
        }
        return (Int((Double(total) / Double(sample.count)).rounded()), sample.count)
    }

    static func formats(_ launch: Launch) -> String {
        launch.products.map { TitleContext.formatLabel($0) + ($0.publicationDate.map { " \($0)" } ?? "") }.joined(separator: ", ")
    }

    static func territories(_ launch: Launch) -> String {
        let match = TitleMatch(connection: launch.work.connection, work: launch.work, products: launch.products, product: nil, matchedBy: "launch")
        return TitleContext(match: match, contracts: []).rightsLine
    }

    public static func digest(_ launches: [Launch], days: Int) -> String {
        guard !launches.isEmpty else { return "No launches in the next \(days) days." }
        var lines = ["Launches in the next \(days) days (Switchboard)", ""]
        for launch in launches {
            lines.append("\(launch.date) — \(launch.work.title) (\(launch.work.imprint ?? "no imprint"))")
            lines.append("  Formats: \(formats(launch))")
            lines.append("  Territories: \(territories(launch))")
            lines.append("  Expected inquiries in the first 30 days: \(launch.forecast)" + (launch.comparables > 0 ? " (from \(launch.comparables) comparable titles)" : " (no comparable history yet)"))
        }
        lines.append("")
        lines.append("Total expected inquiries: \(launches.reduce(0) { $0 + $1.forecast })")
        return lines.joined(separator: "\n")
    }

    /// The text of a title's launch macro: what agents send customers who ask.
    public static func macroText(_ launch: Launch) -> String {
        """
        Thank you for asking about \(launch.work.title). It will be published on \(launch.date).
        Formats: \(formats(launch)).
        Where it is on sale: \(territories(launch)).
        """
    }
}

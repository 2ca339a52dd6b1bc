import ConnectorKit
import Foundation

/// A work (the title as an editorial project) with its contributions and products.
///
/// This is the unit change polling reads: `works(changedSince:)` fires for changes to the work, its
/// contributors and its products, so one page of works carries everything needed to detect a moved
/// publication date, a new status or a changed stage.
public struct ConsonanceWork: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var title: String?
    public var subtitle: String?
    /// The publisher's own stage name (tenant-specific free text; compare, don't parse).
    public var projectStage: String?
    public var season: String?
    public var editionNumber: Int?
    public var editionStatement: String?
    public var imprint: ConsonanceImprint?
    public var authorshipDescription: String?
    public var contributorPrettyList: String?
    public var publishersURL: String?
    /// In credit order (``ConsonanceContribution/sequenceNumber``).
    public var contributions: [ConsonanceContribution]
    public var products: [ConsonanceProduct]

    public init(summary: ConsonanceWorkSummary, contributions: [ConsonanceContribution] = [], products: [ConsonanceProduct] = []) {
        id = summary.id
        title = summary.title
        subtitle = summary.subtitle
        projectStage = summary.projectStage
        season = summary.season
        editionNumber = summary.editionNumber
        editionStatement = summary.editionStatement
        imprint = summary.imprint
        authorshipDescription = summary.authorshipDescription
        contributorPrettyList = summary.contributorPrettyList
        publishersURL = summary.publishersURL
        self.contributions = contributions
        self.products = products
    }

    public init(from decoder: any Decoder) throws {
        let summary = try ConsonanceWorkSummary(from: decoder)
        let c = try decoder.container(keyedBy: AnyKey.self)
        let contributions = c.lossyList(ConsonanceContribution.self, AnyKey("contributions"))
            .sorted { ($0.sequenceNumber ?? .max, $0.id) < ($1.sequenceNumber ?? .max, $1.id) }
        self.init(summary: summary, contributions: contributions, products: c.lossyList(ConsonanceProduct.self, AnyKey("products")))
    }

    /// The work's own fields, without products and contributions.
    public var summary: ConsonanceWorkSummary {
        var summary = ConsonanceWorkSummary(id: id, title: title, subtitle: subtitle, projectStage: projectStage, season: season, imprint: imprint)
        summary.editionNumber = editionNumber
        summary.editionStatement = editionStatement
        summary.authorshipDescription = authorshipDescription
        summary.contributorPrettyList = contributorPrettyList
        summary.publishersURL = publishersURL
        return summary
    }
}

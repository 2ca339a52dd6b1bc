import ConnectorKit
import Foundation

/// A work's own fields without its products and contributions: what a product query brings along about its work.
///
/// Kept apart from ``ConsonanceWork`` so that an empty contributions list always means "none", never "not selected".
public struct ConsonanceWorkSummary: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var title: String?
    public var subtitle: String?
    /// The publisher's own stage name (tenant-specific free text; compare, don't parse).
    public var projectStage: String?
    /// The publisher's own season name.
    public var season: String?
    public var editionNumber: Int?
    public var editionStatement: String?
    public var imprint: ConsonanceImprint?
    public var authorshipDescription: String?
    public var contributorPrettyList: String?
    public var publishersURL: String?

    public init(id: Int, title: String? = nil, subtitle: String? = nil, projectStage: String? = nil, season: String? = nil, imprint: ConsonanceImprint? = nil) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.projectStage = projectStage
        self.season = season
        self.imprint = imprint
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        title = c.lenientString(AnyKey("title"))
        subtitle = c.lenientString(AnyKey("subtitle"))
        projectStage = c.lenientString(AnyKey("projectStage"))
        season = c.lenientString(AnyKey("season"))
        editionNumber = c.lenientInt(AnyKey("editionNumber"))
        editionStatement = c.lenientString(AnyKey("editionStatement"))
        imprint = c.lenientObject(ConsonanceImprint.self, AnyKey("imprint"))
        authorshipDescription = c.lenientString(AnyKey("authorshipDescription"))
        contributorPrettyList = c.lenientString(AnyKey("contributorPrettyList"))
        publishersURL = c.lenientString(AnyKey("publishersUrl"))
    }
}

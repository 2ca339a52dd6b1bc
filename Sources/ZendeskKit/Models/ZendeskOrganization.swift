import ConnectorKit
import Foundation

/// A Zendesk organization (reference §5.5); exports add `deleted_at`.
public struct ZendeskOrganization: Sendable, Equatable, Decodable, ZendeskResource {
    public static let collectionKey = "organizations"

    public var id: Int64
    public var url: String?
    public var name: String?
    public var domainNames: [String]
    public var externalID: String?
    public var details: String?
    public var notes: String?
    public var groupID: Int64?
    public var tags: [String]
    public var organizationFields: [String: JSONValue]
    public var createdAt: Date?
    public var updatedAt: Date?
    public var deletedAt: Date?

    public init(id: Int64, name: String?, domainNames: [String] = [], updatedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.domainNames = domainNames
        self.tags = []
        self.organizationFields = [:]
        self.updatedAt = updatedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        url = c.lenientString(AnyKey("url"))
        name = c.lenientString(AnyKey("name"))
        domainNames = c.lenientStrings(AnyKey("domain_names"))
        externalID = c.lenientString(AnyKey("external_id"))
        details = c.lenientString(AnyKey("details"))
        notes = c.lenientString(AnyKey("notes"))
        groupID = c.lenientInt64(AnyKey("group_id"))
        tags = c.lenientStrings(AnyKey("tags"))
        if case .object(let fields)? = c.lenientJSON(AnyKey("organization_fields")) { organizationFields = fields } else { organizationFields = [:] }
        createdAt = c.lenientDate(AnyKey("created_at"))
        updatedAt = c.lenientDate(AnyKey("updated_at"))
        deletedAt = c.lenientDate(AnyKey("deleted_at"))
    }
}

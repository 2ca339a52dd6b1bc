import ConnectorKit
import Foundation

/// A Zendesk user — end user (customer), agent or admin (reference §5.4), decoded leniently.
public struct ZendeskUser: Sendable, Equatable, Decodable, ZendeskResource {
    public static let collectionKey = "users"

    public var id: Int64
    public var url: String?
    public var name: String?
    public var email: String?
    public var phone: String?
    /// `end-user`, `agent` or `admin`.
    public var role: String?
    public var organizationID: Int64?
    public var externalID: String?
    public var tags: [String]
    public var active: Bool?
    public var suspended: Bool?
    public var verified: Bool?
    public var timeZone: String?
    public var locale: String?
    public var notes: String?
    public var details: String?
    public var defaultGroupID: Int64?
    public var userFields: [String: JSONValue]
    public var createdAt: Date?
    public var updatedAt: Date?
    public var lastLoginAt: Date?

    public init(id: Int64, name: String? = nil, email: String? = nil, role: String? = nil, organizationID: Int64? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.organizationID = organizationID
        self.tags = []
        self.userFields = [:]
        self.updatedAt = updatedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        url = c.lenientString(AnyKey("url"))
        name = c.lenientString(AnyKey("name"))
        email = c.lenientString(AnyKey("email"))
        phone = c.lenientString(AnyKey("phone"))
        role = c.lenientString(AnyKey("role"))
        organizationID = c.lenientInt64(AnyKey("organization_id"))
        externalID = c.lenientString(AnyKey("external_id"))
        tags = c.lenientStrings(AnyKey("tags"))
        active = c.lenientBool(AnyKey("active"))
        suspended = c.lenientBool(AnyKey("suspended"))
        verified = c.lenientBool(AnyKey("verified"))
        timeZone = c.lenientString(AnyKey("iana_time_zone")) ?? c.lenientString(AnyKey("time_zone"))
        locale = c.lenientString(AnyKey("locale"))
        notes = c.lenientString(AnyKey("notes"))
        details = c.lenientString(AnyKey("details"))
        defaultGroupID = c.lenientInt64(AnyKey("default_group_id"))
        if case .object(let fields)? = c.lenientJSON(AnyKey("user_fields")) { userFields = fields } else { userFields = [:] }
        createdAt = c.lenientDate(AnyKey("created_at"))
        updatedAt = c.lenientDate(AnyKey("updated_at"))
        lastLoginAt = c.lenientDate(AnyKey("last_login_at"))
    }

    public var isAgent: Bool { role == "agent" || role == "admin" }
}

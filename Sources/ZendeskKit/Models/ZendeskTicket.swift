import ConnectorKit
import Foundation

/// A Zendesk ticket as the API reports it (reference §5.1), decoded leniently.
public struct ZendeskTicket: Sendable, Equatable, Decodable, ZendeskResource {
    public static let collectionKey = "tickets"

    /// One custom field value; `value` may be any JSON type (string, number, bool, array, null).
    public struct CustomField: Sendable, Equatable, Codable {
        public var id: Int64
        public var value: JSONValue
        public init(id: Int64, value: JSONValue) { self.id = id; self.value = value }
    }

    public var id: Int64
    public var url: String?
    public var externalID: String?
    public var type: String?
    public var subject: String?
    public var description: String?
    public var priority: String?
    /// `new`, `open`, `pending`, `hold`, `solved`, `closed`, or `deleted` in exports; unknown values are kept.
    public var status: String?
    public var requesterID: Int64?
    public var submitterID: Int64?
    public var assigneeID: Int64?
    public var organizationID: Int64?
    public var groupID: Int64?
    public var brandID: Int64?
    public var ticketFormID: Int64?
    public var problemID: Int64?
    public var tags: [String]
    public var customFields: [CustomField]
    public var viaChannel: String?
    public var isPublic: Bool?
    public var dueAt: Date?
    public var createdAt: Date?
    public var updatedAt: Date?
    /// Moves on every change, including system changes; the order of cursor exports.
    public var generatedTimestamp: Int64?

    public init(id: Int64, subject: String? = nil, status: String? = nil, tags: [String] = [], customFields: [CustomField] = [], createdAt: Date? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.subject = subject
        self.status = status
        self.tags = tags
        self.customFields = customFields
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        url = c.lenientString(AnyKey("url"))
        externalID = c.lenientString(AnyKey("external_id"))
        type = c.lenientString(AnyKey("type"))
        subject = c.lenientString(AnyKey("subject"))
        description = c.lenientString(AnyKey("description"))
        priority = c.lenientString(AnyKey("priority"))
        status = c.lenientString(AnyKey("status"))
        requesterID = c.lenientInt64(AnyKey("requester_id"))
        submitterID = c.lenientInt64(AnyKey("submitter_id"))
        assigneeID = c.lenientInt64(AnyKey("assignee_id"))
        organizationID = c.lenientInt64(AnyKey("organization_id"))
        groupID = c.lenientInt64(AnyKey("group_id"))
        brandID = c.lenientInt64(AnyKey("brand_id"))
        ticketFormID = c.lenientInt64(AnyKey("ticket_form_id"))
        problemID = c.lenientInt64(AnyKey("problem_id"))
        tags = c.lenientStrings(AnyKey("tags"))
        customFields = Self.decodeCustomFields(c)
        viaChannel = c.lenientViaChannel(AnyKey("via"))
        isPublic = c.lenientBool(AnyKey("is_public"))
        dueAt = c.lenientDate(AnyKey("due_at"))
        createdAt = c.lenientDate(AnyKey("created_at"))
        updatedAt = c.lenientDate(AnyKey("updated_at"))
        generatedTimestamp = c.lenientInt64(AnyKey("generated_timestamp"))
    }

    private static func decodeCustomFields(_ c: KeyedDecodingContainer<AnyKey>) -> [CustomField] {
        let raw = c.lenientJSON(AnyKey("custom_fields")) ?? c.lenientJSON(AnyKey("fields"))
        guard case .array(let items)? = raw else { return [] }
        return items.compactMap { item in
            guard let id = item["id"]?.int64Value else { return nil }
            return CustomField(id: id, value: item["value"] ?? .null)
        }
    }

    /// The version to compare when two copies of the ticket meet: newer wins.
    public var version: Int64 {
        generatedTimestamp ?? updatedAt.map { Int64($0.timeIntervalSince1970) } ?? 0
    }
}

import ConnectorKit
import Foundation

/// A ticket comment — a public reply or an internal note (`public == false`) — from
/// `GET /tickets/{id}/comments` or a sideloaded `comment_events` child of a ticket event.
public struct ZendeskComment: Sendable, Equatable, Decodable, ZendeskResource {
    public static let collectionKey = "comments"

    /// An attachment's metadata; the file itself stays in Zendesk.
    public struct Attachment: Sendable, Equatable, Codable {
        public var id: Int64?
        public var fileName: String?
        public var contentURL: String?
        public var contentType: String?
        public var size: Int64?
    }

    public var id: Int64
    /// Not part of the comment resource; filled in from the parent audit for exported comments.
    public var ticketID: Int64?
    public var type: String?
    public var authorID: Int64?
    public var body: String?
    public var htmlBody: String?
    public var plainBody: String?
    public var isPublic: Bool
    public var auditID: Int64?
    public var viaChannel: String?
    public var attachments: [Attachment]
    public var createdAt: Date?

    public init(id: Int64, ticketID: Int64?, authorID: Int64?, body: String?, isPublic: Bool, createdAt: Date?) {
        self.id = id
        self.ticketID = ticketID
        self.authorID = authorID
        self.body = body
        self.isPublic = isPublic
        self.attachments = []
        self.createdAt = createdAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        ticketID = c.lenientInt64(AnyKey("ticket_id"))
        type = c.lenientString(AnyKey("type"))
        authorID = c.lenientInt64(AnyKey("author_id"))
        body = c.lenientString(AnyKey("body"))
        htmlBody = c.lenientString(AnyKey("html_body"))
        plainBody = c.lenientString(AnyKey("plain_body"))
        isPublic = c.lenientBool(AnyKey("public")) ?? true
        auditID = c.lenientInt64(AnyKey("audit_id"))
        viaChannel = c.lenientViaChannel(AnyKey("via"))
        attachments = Self.decodeAttachments(c)
        createdAt = c.lenientDate(AnyKey("created_at"))
    }

    private static func decodeAttachments(_ c: KeyedDecodingContainer<AnyKey>) -> [Attachment] {
        guard case .array(let items)? = c.lenientJSON(AnyKey("attachments")) else { return [] }
        return items.map { item in
            Attachment(id: item["id"]?.int64Value, fileName: item["file_name"]?.stringValue, contentURL: item["content_url"]?.stringValue,
                       contentType: item["content_type"]?.stringValue, size: item["size"]?.int64Value)
        }
    }
}

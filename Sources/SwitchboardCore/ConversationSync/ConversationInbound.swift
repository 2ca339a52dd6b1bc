import Foundation
import LooseJSON

/// One message delivered to `POST /api/conversations/{channel}/messages`, checked field by field so a malformed body
/// is answered with a message that says what is wrong. Exists apart from the HTTP layer so the WhatsApp connector
/// and tests build the same value.
public struct ConversationInbound: Sendable, Equatable {
    public var conversationID: String
    public var account: String
    public var messageID: String
    public var author: ConversationAuthorKind
    public var authorName: String?
    public var text: String
    public var attachments: [ConversationAttachment]
    public var sentAt: Int64?
    public var contactHandle: String
    public var contactName: String?
    public var contactEmail: String?
    /// Extra contact fields and conversation data, readable by paths `contact.<field>` and `data.<key>`.
    public var contactFields: [String: JSONValue]
    public var data: [String: JSONValue]
    /// Replaces the conversation's tags when present.
    public var tags: [String]?
    /// Routes the conversation to this team when present.
    public var team: String?
    /// Closes (true) or reopens (false) the conversation when present.
    public var closed: Bool?

    public init(conversationID: String, account: String, messageID: String, author: ConversationAuthorKind, authorName: String? = nil, text: String,
                attachments: [ConversationAttachment] = [], sentAt: Int64? = nil, contactHandle: String, contactName: String? = nil, contactEmail: String? = nil,
                contactFields: [String: JSONValue] = [:], data: [String: JSONValue] = [:], tags: [String]? = nil, team: String? = nil, closed: Bool? = nil) {
        self.conversationID = conversationID
        self.account = account
        self.messageID = messageID
        self.author = author
        self.authorName = authorName
        self.text = text
        self.attachments = attachments
        self.sentAt = sentAt
        self.contactHandle = contactHandle
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactFields = contactFields
        self.data = data
        self.tags = tags
        self.team = team
        self.closed = closed
    }

    /// The documented shape:
    /// `{"conversation_id", "account", "message": {"id", "author": customer|advisor|bot, "author_name"?, "text", "attachments"?: [{"url", "name"?}],
    /// "sent_at"?: unix seconds}, "contact": {"handle", "name"?, "email"?, "fields"?: {}}, "data"?: {}, "tags"?: [], "team"?, "closed"?}`.
    public static func parse(_ json: JSONValue) throws(ConversationInboundError) -> ConversationInbound {
        guard case .object = json else { throw .init("the body must be a JSON object") }
        func text(_ value: JSONValue?, _ path: String, required: Bool = true) throws(ConversationInboundError) -> String? {
            guard let value, value != .null else {
                if required { throw .init("\(path) is required") }
                return nil
            }
            guard case .string(let string) = value else {
                if case .number = value, let number = value.stringValue { return number }
                throw .init("\(path) must be a string")
            }
            if required && string.trimmingCharacters(in: .whitespaces).isEmpty { throw .init("\(path) must not be empty") }
            return string
        }
        guard let message = json["message"], case .object = message else { throw .init("message is required: {\"id\", \"author\", \"text\"}") }
        guard let contact = json["contact"], case .object = contact else { throw .init("contact is required: {\"handle\", \"name\"?, \"email\"?}") }
        let authorText = try text(message["author"], "message.author")!
        guard let author = ConversationAuthorKind(rawValue: authorText) else { throw .init("message.author must be customer, advisor or bot, not \"\(authorText)\"") }
        var attachments: [ConversationAttachment] = []
        if let list = message["attachments"], list != .null {
            guard case .array(let items) = list else { throw .init("message.attachments must be a list of {\"url\", \"name\"?}") }
            for (index, item) in items.enumerated() {
                guard let attachment = ConversationAttachment(json: item) else { throw .init("message.attachments[\(index)].url is required") }
                attachments.append(attachment)
            }
        }
        let body = try text(message["text"], "message.text", required: false) ?? ""
        guard !body.isEmpty || !attachments.isEmpty else { throw .init("message.text is required (or at least one attachment)") }
        var sentAt: Int64?
        if let value = message["sent_at"], value != .null {
            if let seconds = value.int64Value { sentAt = seconds }
            else if let string = value.stringValue, let date = ISO8601DateFormatter().date(from: string) { sentAt = Int64(date.timeIntervalSince1970) }
            else { throw .init("message.sent_at must be Unix seconds or an ISO-8601 time") }
        }
        var tags: [String]?
        if let list = json["tags"], list != .null {
            guard case .array(let items) = list, items.allSatisfy({ $0.stringValue != nil }) else { throw .init("tags must be a list of strings") }
            tags = ConversationInbound.normalizedTags(items.compactMap(\.stringValue))
        }
        var closed: Bool?
        if let value = json["closed"], value != .null {
            guard case .bool(let flag) = value else { throw .init("closed must be true or false") }
            closed = flag
        }
        func object(_ value: JSONValue?, _ path: String) throws(ConversationInboundError) -> [String: JSONValue] {
            guard let value, value != .null else { return [:] }
            guard case .object(let fields) = value else { throw .init("\(path) must be an object") }
            return fields
        }
        return ConversationInbound(
            conversationID: try text(json["conversation_id"], "conversation_id")!, account: try text(json["account"], "account")!,
            messageID: try text(message["id"], "message.id")!, author: author, authorName: try text(message["author_name"], "message.author_name", required: false),
            text: body, attachments: attachments, sentAt: sentAt, contactHandle: try text(contact["handle"], "contact.handle")!,
            contactName: try text(contact["name"], "contact.name", required: false), contactEmail: try text(contact["email"], "contact.email", required: false),
            contactFields: try object(contact["fields"], "contact.fields"), data: try object(json["data"], "data"), tags: tags,
            team: try text(json["team"], "team", required: false), closed: closed)
    }

    /// Zendesk tags: lower case, no spaces, each once, sorted.
    public static func normalizedTags(_ tags: [String]) -> [String] {
        Array(Set(tags.map { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_") }.filter { !$0.isEmpty })).sorted()
    }
}

/// Why an inbound conversation message was refused.
public struct ConversationInboundError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reading a value from a conversation's data by path: `contact.email`, `contact.fields.loyalty`, `data.order_id`.
public enum ConversationDataPath {
    public static func read(_ path: String, in data: JSONValue) -> String? {
        var value: JSONValue? = data
        for part in path.split(separator: ".") { value = value?[String(part)] }
        guard let value, value != .null, let text = value.stringValue, !text.isEmpty else { return nil }
        return text
    }
}

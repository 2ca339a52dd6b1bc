import Foundation
import LooseJSON

/// Who wrote a message in a synchronised conversation. Mode 1 needs to tell a human advisor from a bot.
public enum ConversationAuthorKind: String, Sendable, CaseIterable {
    case customer, advisor, bot
}

/// A file sent in a conversation, by reference (the channel hosts it).
public struct ConversationAttachment: Sendable, Equatable {
    public var url: String
    public var name: String?
    public var mimeType: String?

    public init(url: String, name: String? = nil, mimeType: String? = nil) {
        self.url = url
        self.name = name
        self.mimeType = mimeType
    }

    public var json: JSONValue {
        .object(["url": .string(url), "name": name.map(JSONValue.string) ?? .null, "mime_type": mimeType.map(JSONValue.string) ?? .null])
    }

    public init?(json: JSONValue) {
        guard let url = json["url"]?.stringValue, !url.isEmpty else { return nil }
        self.init(url: url, name: json["name"]?.stringValue, mimeType: json["mime_type"]?.stringValue)
    }
}

/// One message of a conversation as the sync engine sees it: its place in the conversation (`sequence`) decides
/// the order of the ticket's comments.
public struct ConversationSyncMessage: Sendable, Equatable {
    public var conversationID: String
    public var sequence: Int64
    public var externalID: String
    public var author: ConversationAuthorKind
    public var authorName: String?
    public var text: String
    public var attachments: [ConversationAttachment]
    public var sentAt: Int64
    /// The ticket it went to, once synchronised.
    public var ticketID: Int64?
    /// `ticket` (part of the ticket's first comment), `comment`, `skipped` (never sent, by rule), or nil (not yet).
    public var syncedAs: String?
    /// The marker of a send that may have happened (set just before sending, cleared by the result).
    public var pendingMarker: String?

    public init(conversationID: String, sequence: Int64, externalID: String, author: ConversationAuthorKind, authorName: String? = nil, text: String,
                attachments: [ConversationAttachment] = [], sentAt: Int64, ticketID: Int64? = nil, syncedAs: String? = nil, pendingMarker: String? = nil) {
        self.conversationID = conversationID
        self.sequence = sequence
        self.externalID = externalID
        self.author = author
        self.authorName = authorName
        self.text = text
        self.attachments = attachments
        self.sentAt = sentAt
        self.ticketID = ticketID
        self.syncedAs = syncedAs
        self.pendingMarker = pendingMarker
    }
}

import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// A conversation of a messaging channel as Switchboard keeps it for the Zendesk sync: who it is with, where it is
/// routed, its tags and status, and whether (and why not) it is synchronised.
public struct SyncedConversation: Sendable, Equatable {
    public var id: String
    public var channel: String
    public var externalID: String
    public var account: String
    public var contactHandle: String
    public var contactName: String?
    public var contactEmail: String?
    /// The Zendesk customer the contact is associated with (mode 1).
    public var associatedUserID: Int64?
    /// `{"contact": {...}, "data": {...}}`: what configured paths read (`contact.email`, `data.order`).
    public var data: JSONValue
    public var team: String?
    public var tags: [String]
    /// `open` or `closed`.
    public var status: String
    public var humanReplied: Bool
    /// `pending`, `waiting`, `blocked`, `syncing`, `synced` or `failed`.
    public var syncState: String
    public var syncReason: String?
    public var lastSequence: Int64
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        channel = try row.decode(column: "channel", as: String.self)
        externalID = try row.decode(column: "external_id", as: String.self)
        account = try row.decode(column: "account", as: String.self)
        contactHandle = try row.decode(column: "contact_handle", as: String.self)
        contactName = try row.decode(column: "contact_name", as: String?.self)
        contactEmail = try row.decode(column: "contact_email", as: String?.self)
        associatedUserID = try row.decode(column: "zendesk_user_id", as: Int64?.self)
        data = JSONValue.stored(try row.decode(column: "data", as: String.self)) ?? .object([:])
        team = try row.decode(column: "team", as: String?.self)
        if case .array(let items)? = JSONValue.stored(try row.decode(column: "tags", as: String.self)) { tags = items.compactMap(\.stringValue) } else { tags = [] }
        status = try row.decode(column: "status", as: String.self)
        humanReplied = try row.decode(column: "human_replied", as: Bool.self)
        syncState = try row.decode(column: "sync_state", as: String.self)
        syncReason = try row.decode(column: "sync_reason", as: String?.self)
        lastSequence = try row.decode(column: "last_seq", as: Int64.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
    }

    public var isClosed: Bool { status == "closed" }
}

/// One Zendesk ticket of a conversation (a conversation has several when a closed ticket was followed by new
/// messages, or when its channel opens a ticket per message).
public struct ConversationTicketLink: Sendable, Equatable {
    public var conversationID: String
    public var generation: Int64
    public var connection: String
    /// Nil until Zendesk answered the create (the create is repeated with the same Idempotency-Key).
    public var ticketID: Int64?
    public var requesterID: Int64?
    /// The messages the ticket's first comment holds (the unsynced ones in this range when the create was started).
    public var firstSequence: Int64
    public var throughSequence: Int64
    /// `creating`, `open` or `closed`.
    public var status: String
    public var contextAdded: Bool
    public var syncedTags: [String]
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        conversationID = try row.decode(column: "conversation_id", as: String.self)
        generation = try row.decode(column: "generation", as: Int64.self)
        connection = try row.decode(column: "connection", as: String.self)
        ticketID = try row.decode(column: "ticket_id", as: Int64?.self)
        requesterID = try row.decode(column: "requester_id", as: Int64?.self)
        firstSequence = try row.decode(column: "first_seq", as: Int64.self)
        throughSequence = try row.decode(column: "through_seq", as: Int64.self)
        status = try row.decode(column: "status", as: String.self)
        contextAdded = try row.decode(column: "context_added", as: Bool.self)
        if case .array(let items)? = JSONValue.stored(try row.decode(column: "synced_tags", as: String.self)) { syncedTags = items.compactMap(\.stringValue) } else { syncedTags = [] }
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
    }

    /// The Idempotency-Key of this ticket's create: the same on every attempt, different for every generation.
    public var idempotencyKey: String { "sb-conversation:\(conversationID):\(generation)" }
}

extension ConversationSyncMessage {
    init(row: any SQLRow) throws {
        var attachments: [ConversationAttachment] = []
        if case .array(let items)? = JSONValue.stored(try row.decode(column: "attachments", as: String.self)) { attachments = items.compactMap(ConversationAttachment.init(json:)) }
        self.init(conversationID: try row.decode(column: "conversation_id", as: String.self), sequence: try row.decode(column: "seq", as: Int64.self),
                  externalID: try row.decode(column: "external_id", as: String.self),
                  author: ConversationAuthorKind(rawValue: try row.decode(column: "author", as: String.self)) ?? .customer,
                  authorName: try row.decode(column: "author_name", as: String?.self), text: try row.decode(column: "body", as: String.self),
                  attachments: attachments, sentAt: try row.decode(column: "sent_at", as: Int64.self), ticketID: try row.decode(column: "ticket_id", as: Int64?.self),
                  syncedAs: try row.decode(column: "synced_as", as: String?.self), pendingMarker: try row.decode(column: "pending_marker", as: String?.self))
    }
}

import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// Recording conversations and their messages (once per message id), and reading them back for the API, the CLI
/// and the sync engine.
extension StoreSession {
    static let conversationSelect: SQLQueryString = """
        SELECT c.*, k.name AS contact_name, k.email AS contact_email, k.zendesk_user_id FROM cs_conversations c
        LEFT JOIN cs_contacts k ON k.channel = c.channel AND k.handle = c.contact_handle
        """

    /// What recording an inbound message did.
    public enum ConversationMessageOutcome: Sendable, Equatable {
        /// The message id was seen before on this channel: nothing changed.
        case duplicate(conversationID: String)
        case recorded(conversationID: String, sequence: Int64)
    }

    /// Record one message and what came with it (contact, tags, team, closed), creating the conversation on its first
    /// message. A customer message reopens a closed conversation.
    public func recordConversationMessage(channel: String, _ inbound: ConversationInbound, now: Int64) async throws -> ConversationMessageOutcome {
        if let row = try await rows("SELECT conversation_id FROM cs_messages WHERE channel = \(bind: channel) AND external_id = \(bind: inbound.messageID)").first {
            return .duplicate(conversationID: try row.decode(column: "conversation_id", as: String.self))
        }
        try await run("""
            INSERT INTO cs_contacts (channel, handle, name, email, zendesk_user_id, associated_at, updated_at)
            VALUES (\(bind: channel), \(bind: inbound.contactHandle), \(SQLValue.text(inbound.contactName)), \(SQLValue.text(inbound.contactEmail)), NULL, NULL, \(bind: now))
            ON CONFLICT (channel, handle) DO UPDATE SET name = COALESCE(excluded.name, cs_contacts.name), email = COALESCE(excluded.email, cs_contacts.email),
                updated_at = excluded.updated_at
            """)
        var contact: [String: JSONValue] = ["handle": .string(inbound.contactHandle)]
        if let name = inbound.contactName { contact["name"] = .string(name) }
        if let email = inbound.contactEmail { contact["email"] = .string(email) }
        if !inbound.contactFields.isEmpty { contact["fields"] = .object(inbound.contactFields) }
        let existing = try await conversation(channel: channel, externalID: inbound.conversationID)
        let id: String
        if let existing {
            id = existing.id
            var data = existing.data
            if case .object(var fields) = data {
                var merged: [String: JSONValue] = [:]
                if case .object(let old)? = fields["contact"] { merged = old }
                merged.merge(contact) { _, new in new }
                fields["contact"] = .object(merged)
                var extra: [String: JSONValue] = [:]
                if case .object(let old)? = fields["data"] { extra = old }
                extra.merge(inbound.data) { _, new in new }
                fields["data"] = .object(extra)
                data = .object(fields)
            }
            var status = existing.status
            if let closed = inbound.closed { status = closed ? "closed" : "open" } else if inbound.author == .customer { status = "open" }
            let tags = inbound.tags ?? existing.tags
            try await run("""
                UPDATE cs_conversations SET data = \(bind: data.jsonText), team = \(SQLValue.text(inbound.team ?? existing.team)),
                    tags = \(bind: JSONValue.array(tags.map(JSONValue.string)).jsonText), status = \(bind: status), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """)
        } else {
            id = UUID().uuidString.lowercased()
            let data = JSONValue.object(["contact": .object(contact), "data": .object(inbound.data)])
            try await run("""
                INSERT INTO cs_conversations (id, channel, external_id, account, contact_handle, data, team, tags, status, human_replied, sync_state, sync_reason,
                                              last_seq, lease_owner, lease_until, dirty, created_at, updated_at)
                VALUES (\(bind: id), \(bind: channel), \(bind: inbound.conversationID), \(bind: inbound.account), \(bind: inbound.contactHandle), \(bind: data.jsonText),
                        \(SQLValue.text(inbound.team)), \(bind: JSONValue.array((inbound.tags ?? []).map(JSONValue.string)).jsonText),
                        \(bind: inbound.closed == true ? "closed" : "open"), \(bind: false), 'pending', NULL, 0, NULL, NULL, \(bind: false), \(bind: now), \(bind: now))
                ON CONFLICT (channel, external_id) DO NOTHING
                """)
            guard let created = try await conversation(channel: channel, externalID: inbound.conversationID) else { throw StoreError.notFound("conversation \(inbound.conversationID)") }
            guard created.id == id else { return try await recordConversationMessage(channel: channel, inbound, now: now) }
        }
        let sequence = try await appendConversationMessage(conversationID: id, channel: channel, externalID: inbound.messageID, author: inbound.author,
                                                           authorName: inbound.authorName, text: inbound.text, attachments: inbound.attachments,
                                                           sentAt: inbound.sentAt ?? now, now: now)
        guard let sequence else { return .duplicate(conversationID: id) }
        return .recorded(conversationID: id, sequence: sequence)
    }

    /// Append a message at the conversation's next sequence number (claimed by one `UPDATE`, which also serialises
    /// concurrent appends on PostgreSQL). Nil when the message id is already recorded on the channel.
    public func appendConversationMessage(conversationID: String, channel: String, externalID: String, author: ConversationAuthorKind, authorName: String?,
                                          text: String, attachments: [ConversationAttachment], sentAt: Int64, now: Int64) async throws -> Int64? {
        let claimed = try await rows("""
            UPDATE cs_conversations SET last_seq = last_seq + 1, updated_at = \(bind: now),
                human_replied = \(author == .advisor ? SQLQueryString("\(bind: true)") : SQLQueryString("human_replied"))
            WHERE id = \(bind: conversationID) RETURNING last_seq
            """)
        guard let sequence = try claimed.first?.decode(column: "last_seq", as: Int64.self) else { throw StoreError.notFound("conversation \(conversationID)") }
        let inserted = try await rows("""
            INSERT INTO cs_messages (conversation_id, seq, channel, external_id, author, author_name, body, attachments, sent_at, ticket_id, synced_as, pending_marker, synced_at)
            VALUES (\(bind: conversationID), \(bind: sequence), \(bind: channel), \(bind: externalID), \(bind: author.rawValue), \(SQLValue.text(authorName)), \(bind: text),
                    \(bind: JSONValue.array(attachments.map(\.json)).jsonText), \(bind: sentAt), NULL, NULL, NULL, NULL)
            ON CONFLICT (channel, external_id) DO NOTHING RETURNING seq
            """)
        return inserted.isEmpty ? nil : sequence
    }

    public func conversation(id: String) async throws -> SyncedConversation? {
        try await rows(Self.conversationSelect + " WHERE c.id = \(bind: id)").first.map(SyncedConversation.init(row:))
    }

    public func conversation(channel: String, externalID: String) async throws -> SyncedConversation? {
        try await rows(Self.conversationSelect + " WHERE c.channel = \(bind: channel) AND c.external_id = \(bind: externalID)").first.map(SyncedConversation.init(row:))
    }

    /// Conversations, most recently updated first; optionally of one channel, sync state or contact.
    public func conversations(channel: String? = nil, syncState: String? = nil, contactHandle: String? = nil, limit: Int = 200) async throws -> [SyncedConversation] {
        var query = Self.conversationSelect + " WHERE 1 = 1"
        if let channel { query += " AND c.channel = \(bind: channel)" }
        if let syncState { query += " AND c.sync_state = \(bind: syncState)" }
        if let contactHandle { query += " AND c.contact_handle = \(bind: contactHandle)" }
        query += " ORDER BY c.updated_at DESC, c.id LIMIT \(literal: limit)"
        return try await rows(query).map(SyncedConversation.init(row:))
    }

    public func conversationMessages(conversationID: String) async throws -> [ConversationSyncMessage] {
        try await rows("SELECT * FROM cs_messages WHERE conversation_id = \(bind: conversationID) ORDER BY seq").map(ConversationSyncMessage.init(row:))
    }

    public func conversationTickets(conversationID: String) async throws -> [ConversationTicketLink] {
        try await rows("SELECT * FROM cs_tickets WHERE conversation_id = \(bind: conversationID) ORDER BY generation").map(ConversationTicketLink.init(row:))
    }

    /// The conversation a Zendesk ticket was made from (for replies made in Zendesk), with its channel and contact.
    public func conversationForTicket(connection: String, ticketID: Int64) async throws -> SyncedConversation? {
        guard let row = try await rows("SELECT conversation_id FROM cs_tickets WHERE connection = \(bind: connection) AND ticket_id = \(bind: ticketID)").first else { return nil }
        return try await conversation(id: try row.decode(column: "conversation_id", as: String.self))
    }

    // MARK: Changes made in Switchboard

    public func setConversationTags(id: String, tags: [String], now: Int64) async throws {
        try await run("UPDATE cs_conversations SET tags = \(bind: JSONValue.array(tags.map(JSONValue.string)).jsonText), updated_at = \(bind: now) WHERE id = \(bind: id)")
    }

    public func setConversationTeam(id: String, team: String?, now: Int64) async throws {
        try await run("UPDATE cs_conversations SET team = \(SQLValue.text(team)), updated_at = \(bind: now) WHERE id = \(bind: id)")
    }

    public func setConversationStatus(id: String, status: String, now: Int64) async throws {
        try await run("UPDATE cs_conversations SET status = \(bind: status), updated_at = \(bind: now) WHERE id = \(bind: id)")
    }

    /// Associate a channel contact with a Zendesk customer (nil: disassociate). Returns the contact's conversations.
    public func associateContact(channel: String, handle: String, zendeskUserID: Int64?, now: Int64) async throws -> [String] {
        try await run("""
            UPDATE cs_contacts SET zendesk_user_id = \(SQLValue.int(zendeskUserID)), associated_at = \(zendeskUserID == nil ? SQLValue.null : SQLValue.int(now)),
                updated_at = \(bind: now) WHERE channel = \(bind: channel) AND handle = \(bind: handle)
            """)
        return try await rows("SELECT id FROM cs_conversations WHERE channel = \(bind: channel) AND contact_handle = \(bind: handle) ORDER BY created_at, id")
            .map { try $0.decode(column: "id", as: String.self) }
    }

    public func setConversationSyncState(id: String, state: String, reason: String?, now: Int64) async throws {
        try await run("UPDATE cs_conversations SET sync_state = \(bind: state), sync_reason = \(SQLValue.text(reason)) WHERE id = \(bind: id)")
    }

    // MARK: Channel settings

    public func channelSyncSettings(channel: String) async throws -> ChannelSyncSettings? {
        guard let row = try await rows("SELECT settings FROM cs_channels WHERE channel = \(bind: channel)").first else { return nil }
        return ChannelSyncSettings.stored(channel: channel, json: JSONValue.stored(try row.decode(column: "settings", as: String.self)))
    }

    public func allChannelSyncSettings() async throws -> [ChannelSyncSettings] {
        try await rows("SELECT channel, settings FROM cs_channels ORDER BY channel").map { row in
            ChannelSyncSettings.stored(channel: try row.decode(column: "channel", as: String.self), json: JSONValue.stored(try row.decode(column: "settings", as: String.self)))
        }
    }

    public func saveChannelSyncSettings(_ settings: ChannelSyncSettings, now: Int64) async throws {
        try await run("""
            INSERT INTO cs_channels (channel, settings, updated_at) VALUES (\(bind: settings.channel), \(bind: settings.json.jsonText), \(bind: now))
            ON CONFLICT (channel) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """)
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// What an advisor or an operator does to a synchronised conversation from Switchboard (API and CLI): associate the
/// contact with a Zendesk customer (found, searched or created), disassociate, tag, route, close, reply, and set the
/// channel's rules. Every change raises `conversation.changed`, so Zendesk follows without anyone's action.
public struct ConversationSyncAdmin: Sendable {
    public let store: Store
    public let runtime: FlowRuntime
    public let zendesk: ZendeskClientPool

    public init(store: Store, runtime: FlowRuntime, zendesk: ZendeskClientPool) {
        self.store = store
        self.runtime = runtime
        self.zendesk = zendesk
    }

    /// A request that cannot be carried out, with the reason for the caller.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var status: Int
        public var description: String
        init(_ status: Int, _ description: String) {
            self.status = status
            self.description = description
        }
    }

    public static func badRequest(_ text: String) -> Failure { Failure(400, text) }

    private var now: Int64 { Int64(Date().timeIntervalSince1970) }

    public func existing(_ id: String) async throws -> SyncedConversation {
        guard let conversation = try await store.session({ try await $0.conversation(id: id) }) else { throw Failure(404, "no conversation \(id)") }
        return conversation
    }

    /// Apply `change` and raise the event in one transaction.
    @discardableResult
    private func change(_ id: String, _ name: String, _ body: @escaping @Sendable (StoreSession, SyncedConversation) async throws -> [String]) async throws -> SyncedConversation {
        let conversation = try await existing(id)
        let runtime = self.runtime
        try await store.transaction { session in
            for affected in try await body(session, conversation) {
                try await ConversationSyncEvents.changed(affected, change: name, in: session, runtime: runtime)
            }
        }
        runtime.signal?.notify()
        return try await existing(id)
    }

    /// Associate the conversation's contact with Zendesk customer `userID`: this conversation and the contact's
    /// earlier ones are synchronised by their rules (retroactivity; closed tickets stay untouched).
    public func associate(_ id: String, userID: Int64) async throws -> SyncedConversation {
        let conversation = try await existing(id)
        let client = try await zendesk.client(for: try await settings(conversation.channel).zendeskConnection)
        do { _ = try await client.user(id: userID) } catch let error as ZendeskError where error.kind == .notFound { throw Failure(404, "no Zendesk user \(userID)") }
        let now = self.now
        return try await change(id, "associated") { session, conversation in
            try await session.associateContact(channel: conversation.channel, handle: conversation.contactHandle, zendeskUserID: userID, now: now)
        }
    }

    /// Remove the association; tickets already created keep being updated.
    public func disassociate(_ id: String) async throws -> SyncedConversation {
        let now = self.now
        return try await change(id, "disassociated") { session, conversation in
            _ = try await session.associateContact(channel: conversation.channel, handle: conversation.contactHandle, zendeskUserID: nil, now: now)
            return [conversation.id]
        }
    }

    public func setTags(_ id: String, tags: [String]) async throws -> SyncedConversation {
        let now = self.now
        let normalized = ConversationInbound.normalizedTags(tags)
        return try await change(id, "tags") { session, conversation in
            try await session.setConversationTags(id: conversation.id, tags: normalized, now: now)
            return [conversation.id]
        }
    }

    public func route(_ id: String, team: String?) async throws -> SyncedConversation {
        let now = self.now
        return try await change(id, "routed") { session, conversation in
            try await session.setConversationTeam(id: conversation.id, team: team, now: now)
            return [conversation.id]
        }
    }

    public func setStatus(_ id: String, closed: Bool) async throws -> SyncedConversation {
        let now = self.now
        return try await change(id, closed ? "closed" : "reopened") { session, conversation in
            try await session.setConversationStatus(id: conversation.id, status: closed ? "closed" : "open", now: now)
            return [conversation.id]
        }
    }

    /// Record a reply written by a human advisor in Switchboard. It reaches the ticket through the sync
    /// (`conversation.changed`), and `conversation.replied` lets the recipe send it on the channel: on WhatsApp through
    /// the WhatsApp send path (`whatsapp.send_conversation_reply`).
    public func recordAdvisorReply(_ id: String, text: String, advisor: String?, externalID: String? = nil) async throws -> (SyncedConversation, Int64) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Failure(400, "text is required") }
        let now = self.now
        let conversation = try await existing(id)
        let runtime = self.runtime
        let messageID = externalID ?? "switchboard-reply:\(UUID().uuidString.lowercased())"
        let sequence = try await store.transaction { session -> Int64 in
            guard let sequence = try await session.appendConversationMessage(conversationID: conversation.id, channel: conversation.channel, externalID: messageID,
                                                                              author: .advisor, authorName: advisor, text: text, attachments: [], sentAt: now, now: now) else {
                throw Failure(409, "message \(messageID) is already recorded")
            }
            try await ConversationSyncEvents.changed(conversation.id, change: "reply", in: session, runtime: runtime)
            try await ConversationSyncEvents.replied(conversation.id, sequence: sequence, in: session, runtime: runtime)
            return sequence
        }
        runtime.signal?.notify()
        return (try await existing(id), sequence)
    }

    // MARK: Channels

    public func settings(_ channel: String) async throws -> ChannelSyncSettings {
        try await store.session { try await $0.channelSyncSettings(channel: channel) } ?? ChannelSyncSettings(channel: channel)
    }

    /// Update a channel's settings with the fields given; every conversation of the channel is looked at again.
    public func updateSettings(_ channel: String, with json: JSONValue) async throws -> ChannelSyncSettings {
        guard ConversationSyncInbox.validChannel(channel) else { throw Failure(400, "channel names are lower-case letters, digits, - and _") }
        let updated: ChannelSyncSettings
        do { updated = try await settings(channel).updated(with: json) } catch let error as ChannelSyncSettingsError { throw Failure(400, error.description) }
        let now = self.now
        let runtime = self.runtime
        try await store.transaction { session in
            try await session.saveChannelSyncSettings(updated, now: now)
            for conversation in try await session.conversations(channel: channel, limit: 10_000) {
                try await ConversationSyncEvents.changed(conversation.id, change: "settings", in: session, runtime: runtime)
            }
        }
        runtime.signal?.notify()
        return updated
    }

    // MARK: Zendesk customers

    /// Customers matching an email, phone or name (Zendesk's user search), to pick one to associate.
    public func searchCustomers(_ query: String, channel: String) async throws -> [ZendeskUser] {
        let client = try await zendesk.client(for: try await settings(channel).zendeskConnection)
        return try await client.searchUsers(query: query)
    }

    /// Create (or find by email) a Zendesk customer for the conversation's contact, with the channel's `user_fields`
    /// mapping and any extra fields given, and associate it.
    public func createCustomer(_ id: String, name: String?, email: String?, phone: String?, userFields: [String: JSONValue]) async throws -> (ZendeskUser, SyncedConversation) {
        let conversation = try await existing(id)
        let settings = try await settings(conversation.channel)
        let client = try await zendesk.client(for: settings.zendeskConnection)
        let email = email ?? conversation.contactEmail
        var user: [String: JSONValue] = ["role": "end-user", "skip_verify_email": .bool(true),
                                         "name": .string(name ?? conversation.contactName ?? email ?? conversation.contactHandle)]
        if let email { user["email"] = .string(email) }
        if let phone { user["phone"] = .string(phone) }
        var fields: [String: JSONValue] = [:]
        for (key, path) in settings.userFields {
            if let value = ConversationDataPath.read(path, in: conversation.data) { fields[key] = .string(value) }
        }
        for (key, value) in userFields { fields[key.hasPrefix("user_fields.") ? String(key.dropFirst(12)) : key] = value }
        if !fields.isEmpty { user["user_fields"] = .object(fields) }
        let created = email != nil ? try await client.createOrUpdateUser(.object(user)).user : try await client.createUser(.object(user))
        return (created, try await associate(id, userID: created.id))
    }
}

import ConnectorKit
import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// Brings one conversation's Zendesk ticket(s) up to date with what Switchboard knows, by the channel's rules.
///
/// It is state-driven and idempotent: every run compares the conversation with what was already sent (messages
/// marked synced, the ticket's recorded tags and status) and sends only the difference, recording each step in the
/// same store call that follows its success. A ticket create repeats its Idempotency-Key; a comment whose send may
/// have happened before a crash is looked up in the ticket's audits by its marker before it is sent again. Runs for
/// the same conversation never interleave: a lease on the conversation row is taken atomically, and a run that finds
/// it taken marks the conversation dirty so the holder syncs once more before letting go.
public struct ConversationSyncer: Sendable {
    /// What a run did.
    public struct Summary: Sendable, Equatable {
        public var state: String
        public var reason: String?
        public var ticketIDs: [Int64] = []
        public var commentsAdded = 0
        public var ticketsCreated = 0

        public var json: JSONValue {
            .object(["state": .string(state), "reason": reason.map(JSONValue.string) ?? .null, "ticket_ids": .array(ticketIDs.map { .number(Double($0)) }),
                     "comments_added": .number(Double(commentsAdded)), "tickets_created": .number(Double(ticketsCreated))])
        }
    }

    public let store: Store
    public let zendesk: ZendeskClientPool
    /// Switchboard's public address: the context comment links to the last message there.
    public let publicURL: String
    public let logger: Logger
    public let leaseMilliseconds: Int64
    /// Called right after each accepted Zendesk write, before it is recorded (crash tests).
    public let afterSend: @Sendable (String) -> Void

    public init(store: Store, zendesk: ZendeskClientPool, publicURL: String, logger: Logger = Logger(label: "switchboard.conversation-sync"),
                leaseMilliseconds: Int64 = 120_000, afterSend: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.zendesk = zendesk
        self.publicURL = publicURL
        self.logger = logger
        self.leaseMilliseconds = leaseMilliseconds
        self.afterSend = afterSend
    }

    /// Sync the conversation now, or leave it to the run already syncing it.
    public func sync(conversationID: String) async throws -> Summary {
        let owner = UUID().uuidString.lowercased()
        let lease = leaseMilliseconds
        guard try await store.session({ try await $0.claimConversationSync(id: conversationID, owner: owner, nowMilliseconds: epochMilliseconds(), leaseMilliseconds: lease) }) else {
            return Summary(state: "deferred", reason: "another run is syncing this conversation and will include this change")
        }
        do {
            var summary = Summary(state: "synced")
            while true {
                try await pass(conversationID, owner: owner, into: &summary)
                if try await store.session({ try await $0.releaseConversationSync(id: conversationID, owner: owner) }) { return summary }
            }
        } catch {
            let reason = "Zendesk: \(ActionError.from(error).description) (will retry)"
            _ = try? await store.session { session in
                try await session.setConversationSyncState(id: conversationID, state: "retrying", reason: reason, now: Int64(Date().timeIntervalSince1970))
                try await session.abandonConversationSync(id: conversationID, owner: owner)
            }
            throw error
        }
    }

    private struct Loaded: Sendable {
        var conversation: SyncedConversation
        var messages: [ConversationSyncMessage]
        var tickets: [ConversationTicketLink]
        var settings: ChannelSyncSettings
    }

    private func load(_ id: String) async throws -> Loaded? {
        try await store.session { session -> Loaded? in
            guard let conversation = try await session.conversation(id: id) else { return nil }
            return Loaded(conversation: conversation, messages: try await session.conversationMessages(conversationID: id),
                          tickets: try await session.conversationTickets(conversationID: id),
                          settings: try await session.channelSyncSettings(channel: conversation.channel) ?? ChannelSyncSettings(channel: conversation.channel))
        }
    }

    private func record(_ id: String, _ decision: SyncDecision, into summary: inout Summary) async throws {
        summary.state = decision.state == "syncing" ? "synced" : decision.state
        summary.reason = decision.reason
        let state = summary.state
        try await store.session { try await $0.setConversationSyncState(id: id, state: state, reason: decision.reason, now: Int64(Date().timeIntervalSince1970)) }
    }

    /// One comparison of the conversation with Zendesk, sending the difference.
    private func pass(_ id: String, owner: String, into summary: inout Summary) async throws {
        for _ in 0..<20 {  // a ticket found closed meanwhile starts the pass again (a new generation)
            guard let loaded = try await load(id) else { throw ActionError.permanent("no conversation \(id)", response: nil) }
            if try await passOnce(loaded, owner: owner, into: &summary) { return }
        }
        throw ActionError.transient("conversation \(id) kept changing under the sync", response: nil)
    }

    /// Returns false when the pass must be started again.
    private func passOnce(_ loaded: Loaded, owner: String, into summary: inout Summary) async throws -> Bool {
        let conversation = loaded.conversation
        let settings = loaded.settings
        let continuing = settings.mode == .advisorReply || settings.continueAfterTicketCreation
        let live = loaded.tickets.last { $0.status != "closed" }
        var facts = ConversationSyncFacts(settings: settings, hasLiveTicket: live != nil && continuing && live?.status == "open",
                                          associatedUserID: conversation.associatedUserID, humanReplied: conversation.humanReplied, team: conversation.team,
                                          email: settings.emailField.flatMap { ConversationDataPath.read($0, in: conversation.data) })
        let first = SyncDecision.decide(facts)
        guard first == .sync else {
            try await record(conversation.id, first, into: &summary)
            return true
        }
        let connection = live?.connection ?? settings.zendeskConnection
        let client: ZendeskClient
        do { client = try await zendesk.client(for: connection) } catch { throw ActionError.from(error) }
        let content = ConversationSyncContent(settings: settings, contactName: conversation.contactName, contactHandle: conversation.contactHandle)

        // The customer: the live ticket's requester, the associated customer (mode 1), or found/created by email (mode 2).
        var requester: ZendeskUser?
        if let known = (facts.hasLiveTicket || live?.status == "creating" ? live?.requesterID : nil) ?? (settings.mode == .advisorReply ? conversation.associatedUserID : nil) {
            requester = try await client.user(id: known)
        } else if let email = facts.email?.lowercased() {
            requester = try await client.searchUsers(query: "email:\(email)").first { $0.email?.lowercased() == email }
        }
        facts.customerSuspended = requester?.suspended ?? false
        facts.customerID = requester?.id
        let second = SyncDecision.decide(facts)
        guard second == .sync else {
            try await record(conversation.id, second, into: &summary)
            return true
        }
        if requester == nil, let email = facts.email?.lowercased() {
            requester = try await createCustomer(client: client, email: email, conversation: conversation, settings: settings)
        }
        let unsynced = loaded.messages.filter { $0.syncedAs == nil }
        let everHadTicket = !loaded.tickets.isEmpty

        if let live, live.status == "open", continuing {
            guard try await update(live, conversation: conversation, unsynced: unsynced, content: content, client: client, owner: owner, into: &summary) else { return false }
        } else if continuing || !everHadTicket || live?.status == "creating" {
            // A first ticket (the whole history), a follow-up after a closed ticket, or a create that must be finished.
            if !unsynced.isEmpty || live?.status == "creating" {
                _ = try await create(live, messages: unsynced, conversation: conversation, content: content, requester: requester?.id,
                                     client: client, connection: connection, settings: settings, owner: owner, into: &summary)
                return false  // read again: later messages, tags and status are handled as updates
            }
        } else {
            // Continue-after-creation off: each new customer message opens a ticket; nothing else touches Zendesk.
            for message in unsynced {
                if message.author == .customer {
                    _ = try await create(nil, messages: [message], conversation: conversation, content: content, requester: requester?.id,
                                         client: client, connection: connection, settings: settings, owner: owner, into: &summary)
                } else {
                    try await store.session { try await $0.markConversationMessage(conversationID: conversation.id, sequence: message.sequence, ticketID: nil,
                                                                                   syncedAs: "skipped", now: Int64(Date().timeIntervalSince1970)) }
                }
            }
        }
        summary.ticketIDs = Array(Set(summary.ticketIDs + loaded.tickets.compactMap(\.ticketID))).sorted()
        try await record(conversation.id, .sync, into: &summary)
        return true
    }

    private func createCustomer(client: ZendeskClient, email: String, conversation: SyncedConversation, settings: ChannelSyncSettings) async throws -> ZendeskUser {
        var user: [String: JSONValue] = ["email": .string(email), "role": "end-user", "skip_verify_email": .bool(true),
                                         "name": .string(settings.effectiveForbidNames ? email : (conversation.contactName ?? email))]
        var fields: [String: JSONValue] = [:]
        for (key, path) in settings.userFields {
            if let value = ConversationDataPath.read(path, in: conversation.data) { fields[key] = .string(value) }
        }
        if !fields.isEmpty { user["user_fields"] = .object(fields) }
        let created = try await client.createOrUpdateUser(.object(user)).user
        afterSend("customer")
        return created
    }
}

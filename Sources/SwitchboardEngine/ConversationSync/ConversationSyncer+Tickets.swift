import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// The Zendesk writes of a sync: create a ticket (with the context comment), append messages, mirror tags, close.
extension ConversationSyncer {
    static let markerKey = "switchboard_conversation_marker"

    private var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Create the ticket of a generation (or finish creating it): its first comment is the transcript of `messages`
    /// (public), then an internal comment gives the context. Returns the ticket id.
    func create(_ pending: ConversationTicketLink?, messages: [ConversationSyncMessage], conversation: SyncedConversation, content: ConversationSyncContent,
                requester: Int64?, client: ZendeskClient, connection: String, settings: ChannelSyncSettings, owner: String,
                into summary: inout Summary) async throws -> Int64 {
        let now = self.now
        var link: ConversationTicketLink
        if let pending, pending.status == "creating" {
            link = pending
        } else {
            let first = messages.map(\.sequence).min() ?? conversation.lastSequence
            let through = messages.map(\.sequence).max() ?? conversation.lastSequence
            let tags = conversation.tags
            link = try await store.session { try await $0.startConversationTicket(conversationID: conversation.id, connection: connection, requesterID: requester,
                                                                                  firstSequence: first, throughSequence: through, tags: tags, now: now) }
        }
        let covered = messages.filter { $0.sequence >= link.firstSequence && $0.sequence <= link.throughSequence }
        var ticket: [String: JSONValue] = [
            "subject": .string(content.subject(account: conversation.account)),
            "comment": .object(["body": .string(content.transcript(covered)), "public": .bool(true)]),
            "external_id": .string("switchboard-conversation:\(conversation.id)"),
            // The marker tells the reply path that this first comment (the transcript) is Switchboard's, not an agent's.
            "metadata": .object(["custom": .object([Self.markerKey: .string("\(link.idempotencyKey):transcript")])]),
        ]
        if let requester = link.requesterID { ticket["requester_id"] = .number(Double(requester)) }
        if !link.syncedTags.isEmpty { ticket["tags"] = .array(link.syncedTags.map(JSONValue.string)) }
        let created = try await client.createTicket(.object(ticket), idempotencyKey: link.idempotencyKey).ticket
        afterSend("create")
        let sequences = covered.map(\.sequence)
        let generation = link.generation
        try await store.transaction { session in
            try await session.ticketCreated(conversationID: conversation.id, generation: generation, ticketID: created.id, sequences: sequences, now: now)
        }
        summary.ticketsCreated += 1
        summary.ticketIDs.append(created.id)
        // The context: a link to the last message in Switchboard and the origin.
        let last = (covered.last?.sequence).map(String.init) ?? "latest"
        let url = "\(publicURL)/api/conversations/\(conversation.id)/messages/\(last)"
        let body = ConversationSyncContent.contextComment(lastMessageURL: url, network: settings.network, account: conversation.account)
        _ = try await comment(ticketID: created.id, body: body, isPublic: false, authorID: nil, marker: "\(link.idempotencyKey):context", mayHaveSent: true, client: client)
        try await store.session { try await $0.updateConversationTicket(conversationID: conversation.id, generation: generation, contextAdded: true, now: now) }
        return created.id
    }

    /// Append the unsynced messages in order, then mirror tags and the closed status. False when the ticket turned
    /// out to be closed in Zendesk (the caller starts again, with a new ticket for what is left).
    func update(_ link: ConversationTicketLink, conversation: SyncedConversation, unsynced: [ConversationSyncMessage], content: ConversationSyncContent,
                client: ZendeskClient, owner: String, into summary: inout Summary) async throws -> Bool {
        guard let ticketID = link.ticketID else { return true }
        for message in unsynced {
            let marker = "sb-conversation:\(conversation.id):m\(message.sequence)"
            let mayHaveSent = message.pendingMarker == marker
            if !mayHaveSent {
                try await store.session { try await $0.markConversationMessagePending(conversationID: conversation.id, sequence: message.sequence, marker: marker) }
            }
            do {
                let authorID = message.author == .customer ? link.requesterID : nil
                if try await comment(ticketID: ticketID, body: content.body(message), isPublic: true, authorID: authorID, marker: marker, mayHaveSent: mayHaveSent, client: client) {
                    summary.commentsAdded += 1
                }
            } catch let error as ZendeskError where error.status == 422 {
                guard try await closedInZendesk(link, client: client) else { throw error }
                return false
            }
            let now = self.now
            try await store.session { try await $0.markConversationMessage(conversationID: conversation.id, sequence: message.sequence, ticketID: ticketID, syncedAs: "comment", now: now) }
            try await store.session { try await $0.extendConversationSync(id: conversation.id, owner: owner, untilMilliseconds: epochMilliseconds() + leaseMilliseconds) }
        }
        let add = conversation.tags.filter { !link.syncedTags.contains($0) }
        let remove = link.syncedTags.filter { !conversation.tags.contains($0) }
        if !add.isEmpty || !remove.isEmpty {
            do {
                if !add.isEmpty { try await client.addTags(ticketID: ticketID, add) }
                if !remove.isEmpty { try await client.removeTags(ticketID: ticketID, remove) }
            } catch let error as ZendeskError where error.status == 422 {
                guard try await closedInZendesk(link, client: client) else { throw error }
                return false
            }
            afterSend("tags")
            let tags = conversation.tags
            let now = self.now
            try await store.session { try await $0.updateConversationTicket(conversationID: conversation.id, generation: link.generation, syncedTags: tags, now: now) }
        }
        if conversation.isClosed {
            try await close(ticketID, conversationID: conversation.id, client: client)
        }
        summary.ticketIDs.append(ticketID)
        return true
    }

    /// Set the ticket closed (once) and remember it: a closed ticket is never written again.
    func close(_ ticketID: Int64, conversationID: String, client: ZendeskClient) async throws {
        let links = try await store.session { try await $0.conversationTickets(conversationID: conversationID) }
        guard let link = links.first(where: { $0.ticketID == ticketID }), link.status != "closed" else { return }
        do {
            _ = try await client.updateTicket(id: ticketID, .object(["status": "closed"]))
            afterSend("close")
        } catch let error as ZendeskError where error.status == 422 {
            guard try await closedInZendesk(link, client: client) else { throw error }
            return
        }
        let now = self.now
        try await store.session { try await $0.updateConversationTicket(conversationID: conversationID, generation: link.generation, status: "closed", now: now) }
    }

    /// After a 422: is the ticket closed in Zendesk? Then record it so nothing writes to it again.
    private func closedInZendesk(_ link: ConversationTicketLink, client: ZendeskClient) async throws -> Bool {
        guard let ticketID = link.ticketID, try await client.ticket(id: ticketID).status == "closed" else { return false }
        let now = self.now
        try await store.session { try await $0.updateConversationTicket(conversationID: link.conversationID, generation: link.generation, status: "closed", now: now) }
        return true
    }

    /// Add a comment carrying `marker` in the audit's `metadata.custom`; when an earlier attempt may have sent it,
    /// the ticket's recent audits are searched for the marker first. True when this call added it.
    @discardableResult
    func comment(ticketID: Int64, body: String, isPublic: Bool, authorID: Int64?, marker: String, mayHaveSent: Bool, client: ZendeskClient) async throws -> Bool {
        if mayHaveSent {
            let audits = try await client.audits(ticketID: ticketID)
            if audits.contains(where: { $0.customMetadata[Self.markerKey]?.stringValue == marker }) {
                logger.info("comment already on the ticket from an earlier attempt", metadata: ["ticket": "\(ticketID)", "marker": "\(marker)"])
                return false
            }
        }
        var comment: [String: JSONValue] = ["body": .string(body), "public": .bool(isPublic)]
        if let authorID { comment["author_id"] = .number(Double(authorID)) }
        _ = try await client.updateTicket(id: ticketID, .object(["comment": .object(comment), "metadata": .object(["custom": .object([Self.markerKey: .string(marker)])])]))
        afterSend("comment")
        return true
    }
}

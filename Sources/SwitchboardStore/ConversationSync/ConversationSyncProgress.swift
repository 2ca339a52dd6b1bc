import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// The sync engine's bookkeeping: the per-conversation lease that keeps two jobs (or two nodes) from syncing the
/// same conversation at once, the tickets it opened, and which message went where — each recorded in the same step
/// that succeeded in Zendesk.
extension StoreSession {
    /// Take the conversation's sync lease, or, if someone holds it, mark the conversation dirty so the holder syncs
    /// again before letting go. True when `owner` now holds the lease.
    public func claimConversationSync(id: String, owner: String, nowMilliseconds now: Int64, leaseMilliseconds: Int64) async throws -> Bool {
        while true {
            let claimed = try await rows("""
                UPDATE cs_conversations SET lease_owner = \(bind: owner), lease_until = \(bind: now + leaseMilliseconds), dirty = \(bind: false)
                WHERE id = \(bind: id) AND (lease_owner IS NULL OR lease_until < \(bind: now) OR lease_owner = \(bind: owner)) RETURNING id
                """)
            if !claimed.isEmpty { return true }
            let marked = try await rows("""
                UPDATE cs_conversations SET dirty = \(bind: true)
                WHERE id = \(bind: id) AND lease_owner IS NOT NULL AND lease_until >= \(bind: now) RETURNING id
                """)
            if !marked.isEmpty { return false }
            if try await conversation(id: id) == nil { return false }
        }
    }

    /// Let go of the lease unless the conversation changed meanwhile (then the dirty mark is cleared and false
    /// returned: sync again, still holding the lease).
    public func releaseConversationSync(id: String, owner: String) async throws -> Bool {
        let released = try await rows("""
            UPDATE cs_conversations SET lease_owner = NULL, lease_until = NULL
            WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND dirty = \(bind: false) RETURNING id
            """)
        if !released.isEmpty { return true }
        let cleared = try await rows("UPDATE cs_conversations SET dirty = \(bind: false) WHERE id = \(bind: id) AND lease_owner = \(bind: owner) RETURNING id")
        return cleared.isEmpty  // lease lost to another owner: nothing more to do here
    }

    /// Give up the lease after a failure (the job's retry takes it again).
    public func abandonConversationSync(id: String, owner: String) async throws {
        try await run("UPDATE cs_conversations SET lease_owner = NULL, lease_until = NULL WHERE id = \(bind: id) AND lease_owner = \(bind: owner)")
    }

    public func extendConversationSync(id: String, owner: String, untilMilliseconds: Int64) async throws {
        try await run("UPDATE cs_conversations SET lease_until = \(bind: untilMilliseconds) WHERE id = \(bind: id) AND lease_owner = \(bind: owner)")
    }

    /// Start a ticket generation (before the create is sent, so a retry repeats the same Idempotency-Key).
    public func startConversationTicket(conversationID: String, connection: String, requesterID: Int64?, firstSequence: Int64, throughSequence: Int64, tags: [String], now: Int64) async throws -> ConversationTicketLink {
        let next = try await scalar("SELECT COALESCE(MAX(generation), 0) + 1 AS value FROM cs_tickets WHERE conversation_id = \(bind: conversationID)")
        try await run("""
            INSERT INTO cs_tickets (conversation_id, generation, connection, ticket_id, requester_id, first_seq, through_seq, status, context_added, synced_tags, created_at, updated_at)
            VALUES (\(bind: conversationID), \(bind: next), \(bind: connection), NULL, \(SQLValue.int(requesterID)), \(bind: firstSequence), \(bind: throughSequence), 'creating', \(bind: false),
                    \(bind: JSONValue.array(tags.map(JSONValue.string)).jsonText), \(bind: now), \(bind: now))
            """)
        return try await conversationTickets(conversationID: conversationID).first { $0.generation == next }!
    }

    /// The ticket was created: it holds `sequences` (its first comment's transcript).
    public func ticketCreated(conversationID: String, generation: Int64, ticketID: Int64, sequences: [Int64], now: Int64) async throws {
        try await run("""
            UPDATE cs_tickets SET ticket_id = \(bind: ticketID), status = 'open', updated_at = \(bind: now)
            WHERE conversation_id = \(bind: conversationID) AND generation = \(bind: generation)
            """)
        for sequence in sequences {
            try await markConversationMessage(conversationID: conversationID, sequence: sequence, ticketID: ticketID, syncedAs: "ticket", now: now)
        }
    }

    public func updateConversationTicket(conversationID: String, generation: Int64, status: String? = nil, contextAdded: Bool? = nil, syncedTags: [String]? = nil,
                                         now: Int64) async throws {
        var sets: SQLQueryString = "updated_at = \(bind: now)"
        if let status { sets += ", status = \(bind: status)" }
        if let contextAdded { sets += ", context_added = \(bind: contextAdded)" }
        if let syncedTags { sets += ", synced_tags = \(bind: JSONValue.array(syncedTags.map(JSONValue.string)).jsonText)" }
        try await run("UPDATE cs_tickets SET " + sets + " WHERE conversation_id = \(bind: conversationID) AND generation = \(bind: generation)")
    }

    /// About to send a message's comment with this marker (found again in the ticket's audits after a crash).
    public func markConversationMessagePending(conversationID: String, sequence: Int64, marker: String) async throws {
        try await run("UPDATE cs_messages SET pending_marker = \(bind: marker) WHERE conversation_id = \(bind: conversationID) AND seq = \(bind: sequence)")
    }

    /// The message is on `ticketID` (`ticket`, `comment`) or will never be sent (`skipped`, ticketID nil).
    public func markConversationMessage(conversationID: String, sequence: Int64, ticketID: Int64?, syncedAs: String, now: Int64) async throws {
        try await run("""
            UPDATE cs_messages SET ticket_id = \(SQLValue.int(ticketID)), synced_as = \(bind: syncedAs), pending_marker = NULL, synced_at = \(bind: now)
            WHERE conversation_id = \(bind: conversationID) AND seq = \(bind: sequence)
            """)
    }
}

import Foundation
import SQLKit
import SwitchboardCore

/// The way back from Zendesk: an agent's public comment on a conversation's ticket becomes an advisor message of the
/// conversation, claimed once per comment, so two runs for the same comment (a redelivered webhook, the mirror's
/// event for it) never both send it. The message is recorded as already on the ticket (`synced_as = 'zendesk'`), so
/// the sync never copies it back as a new comment.
extension StoreSession {
    /// What claiming a Zendesk comment found.
    public enum TicketReplyClaim: Sendable, Equatable {
        /// This owner holds the claim (just taken, or taken by an earlier attempt of the same run): send it.
        case mine(sequence: Int64)
        /// Another run holds it and is sending it.
        case heldByOther(sequence: Int64, owner: String)
        /// It was handled already (sent, or not sendable and noted on the ticket).
        case done(sequence: Int64)
    }

    /// The message id under which an agent's Zendesk comment is recorded on its conversation's channel.
    public static func ticketReplyMessageID(connection: String, commentID: Int64) -> String { "zendesk-comment:\(connection):\(commentID)" }

    public func conversationMessage(channel: String, externalID: String) async throws -> ConversationSyncMessage? {
        try await rows("SELECT * FROM cs_messages WHERE channel = \(bind: channel) AND external_id = \(bind: externalID)").first.map(ConversationSyncMessage.init(row:))
    }

    public func conversationMessage(conversationID: String, sequence: Int64) async throws -> ConversationSyncMessage? {
        try await rows("SELECT * FROM cs_messages WHERE conversation_id = \(bind: conversationID) AND seq = \(bind: sequence)").first.map(ConversationSyncMessage.init(row:))
    }

    /// Record the agent's comment as an advisor message of the conversation (already on `ticketID`) held by `owner`,
    /// or report who has it. Call inside a transaction.
    public func claimTicketReply(conversationID: String, channel: String, messageID: String, authorName: String?, text: String, ticketID: Int64,
                                 owner: String, now: Int64) async throws -> TicketReplyClaim {
        for _ in 0..<2 {
            if let existing = try await conversationMessage(channel: channel, externalID: messageID) {
                guard let holder = existing.pendingMarker else { return .done(sequence: existing.sequence) }
                return holder == owner ? .mine(sequence: existing.sequence) : .heldByOther(sequence: existing.sequence, owner: holder)
            }
            guard let sequence = try await appendConversationMessage(conversationID: conversationID, channel: channel, externalID: messageID, author: .advisor,
                                                                     authorName: authorName, text: text, attachments: [], sentAt: now, now: now) else { continue }
            try await run("""
                UPDATE cs_messages SET ticket_id = \(bind: ticketID), synced_as = 'zendesk', synced_at = \(bind: now), pending_marker = \(bind: owner)
                WHERE conversation_id = \(bind: conversationID) AND seq = \(bind: sequence)
                """)
            return .mine(sequence: sequence)
        }
        throw StoreError.notFound("message \(messageID) of conversation \(conversationID)")
    }

    /// The claimed comment was handled (sent, or noted on the ticket as not sendable): nobody sends it again.
    public func finishTicketReply(conversationID: String, sequence: Int64, owner: String) async throws {
        try await run("""
            UPDATE cs_messages SET pending_marker = NULL
            WHERE conversation_id = \(bind: conversationID) AND seq = \(bind: sequence) AND pending_marker = \(bind: owner) AND synced_as = 'zendesk'
            """)
    }
}

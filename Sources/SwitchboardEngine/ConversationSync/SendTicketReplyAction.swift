import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// `whatsapp.send_ticket_reply`: an agent's public comment on the Zendesk ticket of a WhatsApp conversation goes to the
/// contact on WhatsApp (issue 6 A.11), once per comment, never echoing what Switchboard itself wrote.
///
/// Checked in order, each a reason in the output when nothing is sent: an internal note; a ticket that is no
/// conversation's; a conversation of another channel; a comment by the requester (the contact's own message) or by
/// a non-agent; a comment already handled (or being handled by another run); a comment whose audit carries
/// Switchboard's marker (`metadata.custom.switchboard_conversation_marker`: the transcript, customer messages, advisor
/// replies and notes it synchronised). Then the comment is claimed as an advisor message of the conversation (already
/// on the ticket, so never synchronised back) and sent through ``ConversationWhatsAppReply``; when it cannot be sent
/// (window closed and no `reply_template`, opted out, refused…) an internal note on the ticket says why.
struct SendTicketReplyAction: FlowAction {
    let name = "whatsapp.send_ticket_reply"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let connection = input.optionalText("connection") ?? context.eventConnection ?? "default"
        let ticketID = try input.integer("ticket_id")
        let commentID = try input.integer("comment_id")
        let body = input["body"]?.stringValue ?? ""
        func ignored(_ reason: String, conversation: String? = nil, sequence: Int64? = nil) -> JSONValue {
            .object(["status": "ignored", "reason": .string(reason), "conversation_id": conversation.map(JSONValue.string) ?? .null,
                     "sequence": sequence.map { .number(Double($0)) } ?? .null, "message_id": .null, "wamid": .null, "kind": .null, "template": .null,
                     "note_added": .bool(false)])
        }
        guard input.optionalBool("public") == true else { return ignored("internal notes are never sent to the contact") }
        guard let conversation = try await context.store.session({ try await $0.conversationForTicket(connection: connection, ticketID: ticketID) }) else {
            return ignored("ticket \(ticketID) was not made from a conversation")
        }
        guard conversation.channel == ConversationSyncWhatsApp.channel else {
            return ignored("replies from Zendesk are sent back on WhatsApp only; this conversation is on channel \(conversation.channel)", conversation: conversation.id)
        }
        let authorID = try input.optionalInteger("author_id")
        let links = try await context.store.session { try await $0.conversationTickets(conversationID: conversation.id) }
        let requesters = Set(links.compactMap(\.requesterID) + [try input.optionalInteger("requester_id")].compactMap { $0 })
        if let authorID, requesters.contains(authorID) { return ignored("written by the requester (the contact's own message)", conversation: conversation.id) }
        if input.optionalBool("author_is_staff") == false { return ignored("written by someone who is not an agent", conversation: conversation.id) }

        let messageID = StoreSession.ticketReplyMessageID(connection: connection, commentID: commentID)
        let owner = context.idempotencyKey
        let existing = try await context.store.session { try await $0.conversationMessage(channel: conversation.channel, externalID: messageID) }
        if let existing, existing.pendingMarker != owner {
            return ignored(existing.pendingMarker == nil ? "comment \(commentID) was handled already" : "comment \(commentID) is being sent by another run",
                           conversation: conversation.id, sequence: existing.sequence)
        }
        let client: ZendeskClient
        do { client = try await context.zendesk.client(for: connection) } catch { throw ActionError.from(error) }
        if existing == nil {
            // Only an agent's own comment goes back: anything Switchboard wrote carries its marker in the audit.
            let audits: [ZendeskAudit]
            do { audits = try await client.audits(ticketID: ticketID) } catch { throw ActionError.from(error) }
            guard let audit = audits.first(where: { $0.commentIDs.contains(commentID) }) else {
                return ignored("comment \(commentID) is not among ticket \(ticketID)'s latest audits, so it cannot be told apart from Switchboard's own; not sent",
                               conversation: conversation.id)
            }
            if audit.customMetadata[ConversationSyncer.markerKey] != nil && audit.customMetadata[ConversationSyncer.markerKey] != .null {
                return ignored("written by Switchboard (its marker is on the comment's audit)", conversation: conversation.id)
            }
        }
        let now = Int64(Date().timeIntervalSince1970)
        let claim = try await context.store.transaction { session in
            try await session.claimTicketReply(conversationID: conversation.id, channel: conversation.channel, messageID: messageID,
                                               authorName: input.optionalText("author_name"), text: body, ticketID: ticketID, owner: owner, now: now)
        }
        let sequence: Int64
        switch claim {
        case .mine(let claimed): sequence = claimed
        case .done(let done): return ignored("comment \(commentID) was handled already", conversation: conversation.id, sequence: done)
        case .heldByOther(let held, _): return ignored("comment \(commentID) is being sent by another run", conversation: conversation.id, sequence: held)
        }

        let settings = try await context.store.session { try await $0.channelSyncSettings(channel: conversation.channel) } ?? ChannelSyncSettings(channel: conversation.channel)
        let result = try await ConversationWhatsAppReply(context: context, action: name).send(body, conversation: conversation, sequence: sequence, settings: settings)
        var noteAdded = false
        let syncer = ConversationSyncer(store: context.store, zendesk: context.zendesk, publicURL: context.publicURL, logger: context.logger)
        let marker = "sb-reply:\(connection):\(commentID):note"
        do {
            if let reason = result.notSent {
                noteAdded = try await syncer.comment(ticketID: ticketID, body: "Not sent to the contact on WhatsApp: \(reason).", isPublic: false, authorID: nil,
                                                     marker: marker, mayHaveSent: true, client: client)
            } else if let template = result.template, result.outcome?.fallback == true {
                noteAdded = try await syncer.comment(ticketID: ticketID, body: "Sent to the contact on WhatsApp as the approved template \"\(template)\": their 24-hour window is closed, so free-form text is not allowed.",
                                                     isPublic: false, authorID: nil, marker: marker, mayHaveSent: true, client: client)
            }
        } catch {
            throw ActionError.from(error)
        }
        try await context.store.session { try await $0.finishTicketReply(conversationID: conversation.id, sequence: sequence, owner: owner) }
        return Self.output(result, conversationID: conversation.id, sequence: sequence, noteAdded: noteAdded)
    }

    static func output(_ result: ConversationWhatsAppReply.Result, conversationID: String, sequence: Int64, noteAdded: Bool) -> JSONValue {
        let record = result.outcome?.record
        let status = result.notSent != nil ? "not_sent" : (result.outcome?.status == .alreadySent ? "already_sent" : "sent")
        return .object(["status": .string(status), "reason": result.notSent.map(JSONValue.string) ?? .null, "conversation_id": .string(conversationID),
                        "sequence": .number(Double(sequence)), "message_id": record.map { .string($0.id) } ?? .null,
                        "wamid": record?.wamid.map(JSONValue.string) ?? .null, "kind": record.map { .string($0.kind) } ?? .null,
                        "template": result.template.map(JSONValue.string) ?? .null, "note_added": .bool(noteAdded)])
    }
}

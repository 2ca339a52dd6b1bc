import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// The JSON shapes of the conversation sync API, shared by its routes (and read back by the CLI).
enum ConversationSyncJSON {
    static func conversation(_ c: SyncedConversation) -> JSONValue {
        .object([
            "id": .string(c.id), "channel": .string(c.channel), "external_id": .string(c.externalID), "account": .string(c.account),
            "contact": .object(["handle": .string(c.contactHandle), "name": c.contactName.map(JSONValue.string) ?? .null,
                                "email": c.contactEmail.map(JSONValue.string) ?? .null]),
            "zendesk_user_id": c.associatedUserID.map { .number(Double($0)) } ?? .null, "data": c.data, "team": c.team.map(JSONValue.string) ?? .null,
            "tags": .array(c.tags.map(JSONValue.string)), "status": .string(c.status), "human_replied": .bool(c.humanReplied),
            "sync": .object(["state": .string(c.syncState), "reason": c.syncReason.map(JSONValue.string) ?? .null]),
            "message_count": .number(Double(c.lastSequence)), "created_at": .number(Double(c.createdAt)), "updated_at": .number(Double(c.updatedAt)),
        ])
    }

    static func message(_ m: ConversationSyncMessage) -> JSONValue {
        .object([
            "sequence": .number(Double(m.sequence)), "id": .string(m.externalID), "author": .string(m.author.rawValue),
            "author_name": m.authorName.map(JSONValue.string) ?? .null, "text": .string(m.text), "attachments": .array(m.attachments.map(\.json)),
            "sent_at": .number(Double(m.sentAt)), "ticket_id": m.ticketID.map { .number(Double($0)) } ?? .null,
            "synced_as": m.syncedAs.map(JSONValue.string) ?? .null,
        ])
    }

    static func ticket(_ t: ConversationTicketLink) -> JSONValue {
        .object([
            "generation": .number(Double(t.generation)), "connection": .string(t.connection), "ticket_id": t.ticketID.map { .number(Double($0)) } ?? .null,
            "requester_id": t.requesterID.map { .number(Double($0)) } ?? .null, "status": .string(t.status), "tags": .array(t.syncedTags.map(JSONValue.string)),
        ])
    }

    static func detail(_ c: SyncedConversation, messages: [ConversationSyncMessage], tickets: [ConversationTicketLink]) -> JSONValue {
        guard case .object(var fields) = conversation(c) else { return .null }
        fields["messages"] = .array(messages.map(message))
        fields["tickets"] = .array(tickets.map(ticket))
        return .object(fields)
    }

    static func user(_ u: ZendeskUser) -> JSONValue {
        .object([
            "id": .number(Double(u.id)), "name": u.name.map(JSONValue.string) ?? .null, "email": u.email.map(JSONValue.string) ?? .null,
            "phone": u.phone.map(JSONValue.string) ?? .null, "role": u.role.map(JSONValue.string) ?? .null, "suspended": .bool(u.suspended ?? false),
            "user_fields": .object(u.userFields),
        ])
    }
}

import Foundation

/// How flows see the conversation sync: the `conversation.changed` event (any change to a conversation that Zendesk
/// may need to hear about) and the `zendesk.sync_conversation` action that brings its ticket up to date; the way back,
/// `conversation.replied` (an advisor replied through the API) and the two actions that send advisors' and agents'
/// replies on WhatsApp.
extension ActionCatalog {
    public static let conversationSync: [ActionSpec] = [
        ActionSpec(name: "zendesk.sync_conversation", summary: "Bring a conversation's Zendesk ticket up to date by the channel's rules: create it with the whole history and an internal context comment, append new messages in order, mirror tags, close it; or record why it waits or is blocked.", parameters: [
            .init("conversation_id", .string, required: true, "The conversation ({{conversation.id}})."),
        ], outputs: .object(["conversation_id": .string, "state": .string, "reason": .optional(.string), "ticket_ids": .list(.integer),
                             "comments_added": .integer, "tickets_created": .integer])),
        ActionSpec(name: "whatsapp.send_ticket_reply", summary: "Send an agent's public comment on a WhatsApp conversation's Zendesk ticket to the contact on WhatsApp, once per comment: free-form text inside the 24-hour window, else the channel's reply_template, else an internal note on the ticket saying why it was not sent. Internal notes, the requester's comments and comments Switchboard wrote are never sent.", parameters: [
            .init("connection", .string, "Zendesk connection of the ticket (default: the event's, else \"default\")."),
            .init("ticket_id", .integer, required: true, "The ticket ({{ticket.id}})."),
            .init("comment_id", .integer, required: true, "The comment ({{comment.id}})."),
            .init("body", .string, required: true, "The comment's text ({{comment.body}})."),
            .init("public", .boolean, required: true, "Whether the comment is public ({{comment.public}}); internal notes are never sent."),
            .init("author_id", .integer, "The comment's author ({{comment.author_id}})."),
            .init("author_name", .string, "The author's name, recorded with the message."),
            .init("author_is_staff", .boolean, "False when the author is not an agent (then nothing is sent)."),
            .init("requester_id", .integer, "The ticket's requester ({{ticket.requester_id}}): their own comments are never sent back."),
        ], outputs: .object(["status": .string, "reason": .optional(.string), "conversation_id": .optional(.string), "sequence": .optional(.integer),
                             "message_id": .optional(.string), "wamid": .optional(.string), "kind": .optional(.string), "template": .optional(.string),
                             "note_added": .boolean])),
        ActionSpec(name: "whatsapp.send_conversation_reply", summary: "Send an advisor's reply recorded through the API on a WhatsApp conversation to the contact, once per message: free-form text inside the 24-hour window, else the channel's reply_template, else not sent (with the reason).", parameters: [
            .init("conversation_id", .string, required: true, "The conversation ({{conversation.id}})."),
            .init("sequence", .integer, required: true, "The reply's place in the conversation ({{conversation.message_sequence}})."),
        ], outputs: .object(["status": .string, "reason": .optional(.string), "conversation_id": .optional(.string), "sequence": .optional(.integer),
                             "message_id": .optional(.string), "wamid": .optional(.string), "kind": .optional(.string), "template": .optional(.string),
                             "note_added": .boolean])),
    ]
}

extension EventSchemas {
    /// `conversation.changed`: a message, a tag, a team, a status or an association changed; `conversation.replied`:
    /// an advisor's reply was recorded through the API (`message_sequence` is its place in the conversation).
    public static let syncedConversation: FieldType = .object([
        "id": .string, "channel": .string, "change": .string, "external_id": .string, "contact_handle": .string,
        "account": .optional(.string), "message_sequence": .optional(.integer),
    ])
}

extension FlowTrigger {
    public static let conversationSyncEvents = ["conversation.changed", "conversation.replied"]
}

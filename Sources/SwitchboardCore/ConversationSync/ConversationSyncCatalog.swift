import Foundation

/// How flows see the conversation sync: the `conversation.changed` event (any change to a conversation that Zendesk
/// may need to hear about) and the `zendesk.sync_conversation` action that brings its ticket up to date.
extension ActionCatalog {
    public static let conversationSync: [ActionSpec] = [
        ActionSpec(name: "zendesk.sync_conversation", summary: "Bring a conversation's Zendesk ticket up to date by the channel's rules: create it with the whole history and an internal context comment, append new messages in order, mirror tags, close it; or record why it waits or is blocked.", parameters: [
            .init("conversation_id", .string, required: true, "The conversation ({{conversation.id}})."),
        ], outputs: .object(["conversation_id": .string, "state": .string, "reason": .optional(.string), "ticket_ids": .list(.integer),
                             "comments_added": .integer, "tickets_created": .integer])),
    ]
}

extension EventSchemas {
    /// `conversation.changed`: a message, a tag, a team, a status or an association changed.
    public static let syncedConversation: FieldType = .object([
        "id": .string, "channel": .string, "change": .string, "external_id": .string, "contact_handle": .string,
    ])
}

extension FlowTrigger {
    public static let conversationSyncEvents = ["conversation.changed"]
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `whatsapp.send_conversation_reply`: an advisor's reply recorded through the admin API on a WhatsApp conversation
/// is sent to the contact (it reaches the ticket through the ordinary sync), once per message.
struct SendConversationReplyAction: FlowAction {
    let name = "whatsapp.send_conversation_reply"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let id = try input.text("conversation_id")
        let sequence = try input.integer("sequence")
        let (conversation, message) = try await context.store.session { session in
            (try await session.conversation(id: id), try await session.conversationMessage(conversationID: id, sequence: sequence))
        }
        guard let conversation, let message else { throw ActionError.permanent("\(name): no message \(sequence) in conversation \(id)", response: nil) }
        guard conversation.channel == ConversationSyncWhatsApp.channel, message.author == .advisor else {
            return .object(["status": "ignored", "reason": .string("only advisor replies on channel whatsapp are sent"), "conversation_id": .string(id),
                            "sequence": .number(Double(sequence)), "message_id": .null, "wamid": .null, "kind": .null, "template": .null, "note_added": .bool(false)])
        }
        let settings = try await context.store.session { try await $0.channelSyncSettings(channel: conversation.channel) } ?? ChannelSyncSettings(channel: conversation.channel)
        let result = try await ConversationWhatsAppReply(context: context, action: name).send(message.text, conversation: conversation, sequence: sequence, settings: settings)
        return SendTicketReplyAction.output(result, conversationID: id, sequence: sequence, noteAdded: false)
    }
}

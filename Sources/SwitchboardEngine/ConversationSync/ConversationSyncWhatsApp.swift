import Foundation
import SwitchboardCore
import SwitchboardStore

/// WhatsApp messages feeding the conversation sync: once channel `whatsapp` is configured
/// (`PUT /api/conversation-channels/whatsapp`), each inbound WhatsApp message (already verified and deduplicated by
/// the webhook) is recorded in the conversation of its sender on that business number — contact = the phone number —
/// in the webhook's own transaction.
public enum ConversationSyncWhatsApp {
    public static let channel = "whatsapp"

    public static func record(connection: String, waID: String, name: String?, messageID: String, kind: String, text: String?, at time: Int64,
                              in session: StoreSession, runtime: FlowRuntime) async throws {
        guard try await session.channelSyncSettings(channel: channel) != nil else { return }
        let body = text?.isEmpty == false ? text! : "[\(kind) message]"
        let inbound = ConversationInbound(conversationID: "\(connection):\(waID)", account: connection, messageID: messageID, author: .customer, text: body,
                                          sentAt: time, contactHandle: "+" + waID, contactName: name)
        if case .recorded(let id, _) = try await session.recordConversationMessage(channel: channel, inbound, now: time) {
            try await ConversationSyncEvents.changed(id, change: "message", in: session, runtime: runtime)
        }
    }
}

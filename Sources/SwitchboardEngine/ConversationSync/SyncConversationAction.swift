import Foundation
import LooseJSON
import SwitchboardCore

/// `zendesk.sync_conversation`: runs ``ConversationSyncer`` for the conversation of a `conversation.changed` event,
/// so the flow runtime's retries with backoff, dead letters and replay apply to the sync. Safe to repeat: the sync
/// sends only what Zendesk does not have yet.
struct SyncConversationAction: FlowAction {
    let name = "zendesk.sync_conversation"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let id = try input.text("conversation_id")
        let syncer = ConversationSyncer(store: context.store, zendesk: context.zendesk, publicURL: context.publicURL, logger: context.logger,
                                        afterSend: { context.failPoints.hit("after-send:\(name):\($0)") })
        do {
            var output = try await syncer.sync(conversationID: id).json
            if case .object(var fields) = output {
                fields["conversation_id"] = .string(id)
                output = .object(fields)
            }
            return output
        } catch {
            throw ActionError.from(error)
        }
    }
}

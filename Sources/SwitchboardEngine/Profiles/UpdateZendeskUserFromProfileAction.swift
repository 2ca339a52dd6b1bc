import Foundation
import LooseJSON
import SwitchboardCore

/// `zendesk.update_user_from_profile`: pushes a profile's changed fields to one of its Zendesk users
/// (``ZendeskProfilePush``), so the flow runtime's retries with backoff, dead letters and replay apply to the update.
/// Safe to repeat: it sends the profile's current values and skips what Zendesk already holds.
struct UpdateZendeskUserFromProfileAction: FlowAction {
    let name = "zendesk.update_user_from_profile"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let profileID = try input.text("profile_id")
        let userID = try input.integer("user_id")
        let connection = input.optionalText("connection") ?? context.eventConnection ?? "default"
        var fields = ZendeskUserFields.pushed
        if let list = input["fields"], list != .null {
            guard case .array(let names) = list else { throw ActionError.permanent("parameter fields must be a list of profile field names, got \(list.jsonText)", response: nil) }
            fields = []
            for name in names {
                guard let text = name.stringValue, let field = try? ProfileField(parsing: text) else {
                    throw ActionError.permanent("parameter fields: \(name.jsonText) is not a profile field", response: nil)
                }
                fields.append(field)
            }
        }
        do {
            let pusher = ZendeskProfilePush(store: context.store, client: try await context.zendesk.client(for: connection))
            var output = try await pusher.push(profileID: profileID, connection: connection, userID: userID, fields: fields).json
            if case .object(var object) = output {
                object["profile_id"] = .string(profileID)
                output = .object(object)
            }
            return output
        } catch {
            throw ActionError.from(error)
        }
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `whatsapp.notify_contacts`: one approved template to every directory contact with one of the roles (finance, a
/// coordinator…), whatever titles they work on — each person once, under their own idempotency key, through
/// ``WhatsAppFanOut``. Consent and the registry are checked per person as for every send; one person's permanent
/// failure does not stop the others.
struct WhatsAppNotifyContactsAction: FlowAction {
    let name = "whatsapp.notify_contacts"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        guard let call = try TemplateCall.read(input) else { throw ActionError.permanent("\(name): parameter template is missing or empty", response: nil) }
        var roles: [ContactRole] = []
        for text in input.strings("roles") {
            do { roles.append(try ContactRole(parsing: text)) } catch { throw ActionError.permanent("\(name): parameter roles: \(error.description)", response: nil) }
        }
        guard !roles.isEmpty else { throw ActionError.permanent("\(name): parameter roles is missing or empty", response: nil) }
        let sender = try await WhatsAppSender.make(input, context: context, action: name)
        var people: [WhatsAppFanOut.Recipient] = []
        for role in roles {
            for contact in try await context.store.session({ try await $0.contacts(role: role) }) {
                people.append(WhatsAppFanOut.Recipient(contact: contact, role: role))
            }
        }
        let report = try await WhatsAppFanOut(sender: sender, template: call, key: context.idempotencyKey).send(to: people)
        return .object(try report.output())
    }
}

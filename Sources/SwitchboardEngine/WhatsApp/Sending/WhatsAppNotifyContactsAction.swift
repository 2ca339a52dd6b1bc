import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `whatsapp.notify_contacts`: one approved template to every directory contact with one of the roles (finance, a
/// coordinator…), whatever titles they work on — each person once, under their own idempotency key. Consent and
/// the registry are checked per person as for every send; one person's permanent failure does not stop the others.
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
        var people: [(MessagingContact, ContactRole)] = []
        for role in roles {
            for contact in try await context.store.session({ try await $0.contacts(role: role) }) where !people.contains(where: { $0.0.id == contact.id }) {
                people.append((contact, role))
            }
        }
        var sent: [JSONValue] = [], skipped: [JSONValue] = [], failed: [JSONValue] = []
        var firstFailure: ActionError?
        for (contact, role) in people {
            let who: [String: JSONValue] = ["contact_id": .string(contact.id), "name": .string(contact.name), "role": .string(role.rawValue)]
            do {
                let outcome = try await sender.deliver(to: contact, address: contact.phone.e164, key: "\(context.idempotencyKey):\(contact.id)", template: call)
                if outcome.status == .skipped {
                    skipped.append(.object(who.merging(["reason": .string(outcome.reason ?? "skipped")]) { $1 }))
                } else {
                    sent.append(.object(who.merging(["wamid": PublishingRecords.text(outcome.record?.wamid), "message_id": .string(outcome.record?.id ?? "")]) { $1 }))
                }
            } catch let error as ActionError where error.isPermanent {
                failed.append(.object(who.merging(["error": .string(error.description)]) { $1 }))
                firstFailure = firstFailure ?? error
            }
        }
        if let firstFailure, sent.isEmpty { throw firstFailure }
        return .object(["sent": .array(sent), "skipped": .array(skipped), "failed": .array(failed), "sent_count": .number(Double(sent.count)),
                        "skipped_count": .number(Double(skipped.count))])
    }
}

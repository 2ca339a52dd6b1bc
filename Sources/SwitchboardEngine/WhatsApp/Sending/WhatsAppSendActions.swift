import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// `whatsapp.send_template`: an approved template to one contact — the message that may start a conversation.
struct WhatsAppSendTemplateAction: FlowAction {
    let name = "whatsapp.send_template"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        guard let call = try TemplateCall.read(input) else { throw ActionError.permanent("\(name): parameter template is missing or empty", response: nil) }
        let sender = try await WhatsAppSender.make(input, context: context, action: name)
        let (contact, address) = try await sender.recipient(try input.text("to"))
        return try await sender.deliver(to: contact, address: address, key: context.idempotencyKey, template: call).json
    }
}

/// `whatsapp.send_text`: free-form text inside the contact's 24-hour window, else the fallback template (or a skip).
struct WhatsAppSendTextAction: FlowAction {
    let name = "whatsapp.send_text"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let body = try input.text("body")
        guard body.count <= WhatsAppOutboundMessage.maxTextLength else {
            throw ActionError.permanent("\(name): body is \(body.count) characters; WhatsApp allows \(WhatsAppOutboundMessage.maxTextLength)", response: nil)
        }
        let fallback = try TemplateCall.read(input, prefix: "fallback_")
        let sender = try await WhatsAppSender.make(input, context: context, action: name)
        let (contact, address) = try await sender.recipient(try input.text("to"))
        let message = FreeFormMessage(content: .text(body: body, previewURL: input.optionalBool("preview_url") ?? false), kind: "text", body: body, replyOptions: [])
        return try await sender.deliver(to: contact, address: address, key: context.idempotencyKey, template: nil, freeForm: message, fallback: fallback).json
    }
}

/// `whatsapp.send_buttons`: up to three reply buttons inside the window; outside it the fallback template, whose
/// quick replies default to the buttons' ids so a tap means the same either way.
struct WhatsAppSendButtonsAction: FlowAction {
    let name = "whatsapp.send_buttons"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let body = try input.text("body")
        guard case .array(let items)? = input["buttons"], (1...3).contains(items.count) else {
            throw ActionError.permanent("\(name): parameter buttons must be a list of 1 to 3 buttons, each {id, title}", response: nil)
        }
        var buttons: [WhatsAppReplyButton] = []
        for (index, item) in items.enumerated() {
            guard let id = item["id"]?.stringValue, !id.isEmpty, let title = item["title"]?.stringValue, !title.isEmpty else {
                throw ActionError.permanent("\(name): buttons[\(index)] needs an id and a title", response: nil)
            }
            buttons.append(WhatsAppReplyButton(id: id, title: title))
        }
        let interactive = WhatsAppInteractive.replyButtons(WhatsAppReplyButtons(header: input.optionalText("header").map { .text($0) }, body: body,
                                                                                footer: input.optionalText("footer"), buttons: buttons))
        let fallback = try TemplateCall.read(input, prefix: "fallback_")
        let sender = try await WhatsAppSender.make(input, context: context, action: name)
        let (contact, address) = try await sender.recipient(try input.text("to"))
        let message = FreeFormMessage(content: .interactive(interactive), kind: "interactive", body: body, replyOptions: buttons.map(\.id))
        return try await sender.deliver(to: contact, address: address, key: context.idempotencyKey, template: nil, freeForm: message, fallback: fallback,
                                        defaultQuickReplies: buttons.map(\.id)).json
    }
}

/// `whatsapp.notify_title_contacts`: one approved template to every contact of a title with the given roles (each
/// once, under its own idempotency key, through ``WhatsAppFanOut``), with who was sent, who was skipped and why, and
/// whose send failed.
struct WhatsAppNotifyTitleContactsAction: FlowAction {
    let name = "whatsapp.notify_title_contacts"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        guard let call = try TemplateCall.read(input) else { throw ActionError.permanent("\(name): parameter template is missing or empty", response: nil) }
        let title: ContactTitleReference
        if let isbn = input.optionalText("isbn") {
            guard let parsed = ISBN(isbn) else { throw ActionError.permanent("\(name): parameter isbn: \"\(isbn)\" is not a valid ISBN", response: nil) }
            title = .isbn(parsed)
        } else if let work = try input.optionalInteger("work_id") {
            title = .work(work)
        } else {
            throw ActionError.permanent("\(name): give isbn or work_id", response: nil)
        }
        var roles: [ContactRole] = []
        for text in input.strings("roles") {
            do { roles.append(try ContactRole(parsing: text)) } catch { throw ActionError.permanent("\(name): parameter roles: \(error.description)", response: nil) }
        }
        guard !roles.isEmpty else { throw ActionError.permanent("\(name): parameter roles is missing or empty", response: nil) }
        let sender = try await WhatsAppSender.make(input, context: context, action: name)
        let contacts = try await context.store.session { [roles] in try await $0.contacts(forTitle: title, roles: roles) }
        let report = try await WhatsAppFanOut(sender: sender, template: call, key: context.idempotencyKey)
            .send(to: contacts.map { WhatsAppFanOut.Recipient(contact: $0.contact, role: $0.role) })
        return .object(try report.output().merging(["title": .string(title.description)]) { $1 })
    }
}

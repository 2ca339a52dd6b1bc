import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// The JSON shapes of the WhatsApp directory — contacts, title links, templates and messages — shared by the admin
/// API and the CLI's `--json` output so the two never drift apart.
public enum WhatsAppJSON {
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func number(_ value: Int64?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    static func time(_ value: Int64?) -> JSONValue { PublishingJSON.time(value) }

    /// A contact; `titles` (their title links) is included when given.
    public static func contact(_ contact: MessagingContact, titles: [ContactTitleLink]? = nil, now: Int64 = Int64(Date().timeIntervalSince1970)) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(contact.id), "name": .string(contact.name), "phone": .string(contact.phone.e164), "wa_id": text(contact.waID),
            "email": text(contact.email), "language": text(contact.language), "consonance_contact_id": number(contact.consonanceContactID),
            "roles": .array(contact.roles.map { .string($0.rawValue) }), "opted_in": .bool(contact.consent.optedIn),
            "opted_out": .bool(contact.consent.isOptedOut), "opted_in_at": time(contact.consent.optedInAt),
            "opted_out_at": time(contact.consent.optedOutAt), "opt_out_reason": text(contact.consent.optOutReason),
            "last_inbound_at": time(contact.lastInboundAt), "window_open": .bool(contact.conversationWindow.isOpen(at: now, margin: 0)),
            "created_at": time(contact.createdAt), "updated_at": time(contact.updatedAt),
        ]
        if let titles { fields["titles"] = .array(titles.map(link)) }
        return .object(fields)
    }

    public static func link(_ link: ContactTitleLink) -> JSONValue {
        .object(["title_key": .string(link.titleKey), "isbn13": text(link.isbn13), "work_id": number(link.workID), "title": text(link.title),
                 "role": .string(link.role.rawValue), "created_at": time(link.createdAt)])
    }

    public static func template(_ template: RegisteredTemplate) -> JSONValue {
        .object(["name": .string(template.name), "language": .string(template.language), "category": .string(template.category),
                 "body": text(template.body), "body_parameters": .array(template.bodyParameters.map(JSONValue.string)),
                 "buttons": .array(template.buttons.map { .object(["type": .string($0.type), "text": .string($0.text), "payload": text($0.payload)]) }),
                 "status": .string(template.status.rawValue), "updated_at": time(template.updatedAt)])
    }

    public static func message(_ message: MessageRecord) -> JSONValue {
        .object(["id": .string(message.id), "wamid": text(message.wamid), "connection": .string(message.connection), "contact_id": text(message.contactID),
                 "wa_id": text(message.waID), "direction": .string(message.direction.rawValue), "kind": .string(message.kind),
                 "template_name": text(message.templateName), "template_language": text(message.templateLanguage), "body": text(message.body),
                 "reply_id": text(message.replyID), "reply_options": .array(message.replyOptions.map(JSONValue.string)),
                 "context_wamid": text(message.contextWamid), "correlation": text(message.correlation), "run_id": text(message.runID),
                 "step_key": text(message.stepKey), "status": .string(message.status.rawValue), "status_at": time(message.statusAt),
                 "error": message.error.map { .object(["code": number($0.code), "title": text($0.title), "details": text($0.details)]) } ?? .null,
                 "created_at": time(message.createdAt), "updated_at": time(message.updatedAt)])
    }

    /// The answer to an import: counts, or every problem as `line N: field: problem`.
    public static func importReport(_ report: ContactImportReport) -> JSONValue {
        var fields: [String: JSONValue] = [
            "rows": .number(Double(report.rowCount)), "errors": .array(report.problems.map { .string($0.description) }),
            "written": .bool(report.summary != nil),
        ]
        if let summary = report.summary {
            fields["created"] = .number(Double(summary.created))
            fields["updated"] = .number(Double(summary.updated))
            fields["unchanged"] = .number(Double(summary.unchanged))
            fields["title_links"] = .number(Double(summary.titleLinks))
            fields["opted_in"] = .number(Double(summary.optedIn))
            fields["kept_opted_out"] = .array(summary.keptOptedOut.map { .string($0.e164) })
        } else {
            for key in ["created", "updated", "unchanged"] { fields[key] = .number(0) }
        }
        return .object(fields)
    }
}

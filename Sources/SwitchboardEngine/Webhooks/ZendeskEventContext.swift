import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import ZendeskKit

/// Turns Zendesk webhook payloads into the event context flows read (see ``SwitchboardCore/EventSchemas``):
/// string ids become numbers, `"0"` becomes null, enum values are lower-cased, and the event's comment or change
/// is lifted to `comment` / `change`.
enum ZendeskEventContext {
    static func context(for event: ZendeskWebhookEvent) -> JSONValue {
        let detail = event.detail
        func id(_ key: String) -> JSONValue { event.detailID(key).map { .number(Double($0)) } ?? .null }
        func lower(_ key: String) -> JSONValue {
            guard let text = detail[key]?.stringValue, !text.isEmpty else { return .null }
            return .string(text.lowercased())
        }
        var ticket: [String: JSONValue] = [
            "id": id("id"), "subject": detail["subject"] ?? .null, "description": detail["description"] ?? .null,
            "status": lower("status"), "priority": lower("priority"), "type": lower("type"),
            "tags": detail["tags"].map { tags in
                if case .array = tags { return tags }
                return .array((tags.stringValue ?? "").split(separator: " ").map { .string(String($0)) })
            } ?? .array([]),
            "requester_id": id("requester_id"), "submitter_id": id("submitter_id"), "assignee_id": id("assignee_id"), "group_id": id("group_id"),
            "organization_id": id("organization_id"), "brand_id": id("brand_id"), "form_id": id("form_id"),
            "external_id": detail["external_id"]?.stringValue.flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null,
            "via_channel": detail["via"]?["channel"] ?? .null, "is_public": detail["is_public"] ?? .null,
            "created_at": detail["created_at"] ?? .null, "updated_at": detail["updated_at"] ?? .null, "custom_fields": .object([:]),
        ]
        if ticket["id"] == .null, let subject = event.subject, subject.hasPrefix("zen:ticket:"), let number = Int64(subject.dropFirst("zen:ticket:".count)) {
            ticket["id"] = .number(Double(number))
        }
        var context: [String: JSONValue] = ["ticket": .object(ticket), "actor_id": id("actor_id")]
        if case .object(let comment)? = event.event["comment"] {
            func number(_ value: JSONValue?) -> JSONValue { value?.int64Value.map { .number(Double($0)) } ?? .null }
            let author = comment["author"]
            var fields: [String: JSONValue] = [:]
            fields["id"] = number(comment["id"])
            fields["body"] = comment["body"] ?? .null
            fields["public"] = comment["is_public"] ?? comment["public"] ?? .null
            fields["author_id"] = number(author?["id"])
            fields["author_name"] = author?["name"] ?? .null
            fields["author_is_staff"] = author?["is_staff"] ?? .null
            fields["ticket_id"] = ticket["id"] ?? .null
            context["comment"] = .object(fields)
        }
        let type = event.shortType
        if type.hasSuffix("_changed") {
            let field = String(type.dropFirst("ticket.".count).dropLast("_changed".count))
            context["change"] = .object(["field": .string(field), "previous": event.event["previous"] ?? .null, "current": event.event["current"] ?? .null])
        }
        return .object(context)
    }

    /// The context of a trigger webhook's free-form body: the body as `payload`, and `ticket.id` when the body names one.
    static func context(forTriggerBody body: JSONValue) -> JSONValue {
        let ticketID = body["ticket_id"]?.int64Value ?? body["ticket"]?["id"]?.int64Value ?? body["id"]?.int64Value
        return .object(["payload": body, "ticket": .object(["id": ticketID.map { .number(Double($0)) } ?? .null])])
    }
}

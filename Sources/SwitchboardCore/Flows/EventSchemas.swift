import Foundation

/// The fields each trigger's events carry, so lint can reject `ticket.stauts` or `{{ticket.requester.email}}`
/// before a flow ever runs.
public enum EventSchemas {
    public static let ticket: FieldType = .object([
        "id": .integer, "url": .optional(.string), "subject": .string, "description": .optional(.string),
        "status": .oneOf(["new", "open", "pending", "hold", "solved", "closed", "deleted"]),
        "priority": .optional(.oneOf(["low", "normal", "high", "urgent"])),
        "type": .optional(.oneOf(["question", "incident", "problem", "task"])),
        "tags": .list(.string), "requester_id": .integer, "submitter_id": .optional(.integer), "assignee_id": .optional(.integer),
        "group_id": .optional(.integer), "organization_id": .optional(.integer), "brand_id": .optional(.integer), "form_id": .optional(.integer),
        "external_id": .optional(.string), "via_channel": .optional(.string), "is_public": .optional(.boolean),
        "created_at": .optional(.string), "updated_at": .optional(.string), "custom_fields": .map(.any),
    ])

    public static let comment: FieldType = .object([
        "id": .integer, "ticket_id": .optional(.integer), "body": .string, "public": .boolean, "author_id": .optional(.integer),
        "author_name": .optional(.string), "author_is_staff": .optional(.boolean), "created_at": .optional(.string),
    ])

    public static let change: FieldType = .object(["field": .string, "previous": .any, "current": .any])

    public static let event: FieldType = .object([
        "id": .string, "source": .string, "type": .string, "external_id": .string, "connection": .optional(.string), "time": .string,
    ])

    public static let schedule: FieldType = .object(["flow": .string, "slot": .string, "timezone": .string])

    /// Everything a flow with this trigger can read (before step outputs are added).
    public static func context(for trigger: FlowTrigger) -> FieldType {
        var fields: [String: FieldType] = ["event": event]
        switch trigger {
        case .zendeskWebhook(_, let events):
            fields["ticket"] = ticket
            fields["actor_id"] = .optional(.integer)
            if events.contains(where: { $0.hasPrefix("ticket.comment") || $0 == "*" }) { fields["comment"] = .optional(comment) }
            if events.contains(where: { $0.hasSuffix("_changed") || $0 == "*" }) { fields["change"] = .optional(change) }
            if events.contains("trigger") || events.contains("*") { fields["payload"] = .any }
        case .zendeskMirror(_, let events):
            fields["ticket"] = ticket
            if events.contains("comment.added") || events.contains("*") { fields["comment"] = .optional(comment) }
        case .schedule:
            fields["schedule"] = schedule
        }
        return .object(fields)
    }
}

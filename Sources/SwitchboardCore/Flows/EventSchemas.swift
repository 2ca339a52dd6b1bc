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

    /// What changed. `direction` is set for dates: `later`, `earlier`, `set` or `removed`.
    public static let change: FieldType = .object(["field": .string, "previous": .any, "current": .any, "direction": .optional(.string)])

    public static let event: FieldType = .object([
        "id": .string, "source": .string, "type": .string, "external_id": .string, "connection": .optional(.string), "time": .string,
    ])

    public static let schedule: FieldType = .object(["flow": .string, "slot": .string, "timezone": .string])

    // MARK: Consonance and Switchboard's own records

    public static let work: FieldType = .object([
        "id": .integer, "title": .string, "subtitle": .optional(.string), "stage": .optional(.string), "imprint": .optional(.string),
        "url": .optional(.string), "isbn13": .optional(.string),
    ])

    public static let product: FieldType = .object([
        "id": .integer, "work_id": .integer, "isbn13": .optional(.string), "isbn10": .optional(.string), "isbn_with_dashes": .optional(.string),
        "title": .string, "format": .string, "format_label": .optional(.string), "form": .optional(.string), "form21": .optional(.string),
        "typename": .optional(.string), "status": .optional(.string), "status_label": .optional(.string), "publication_date": .optional(.string),
        "planned_publication_date": .optional(.string), "imprint": .optional(.string), "for_sale": .list(.string), "not_for_sale": .list(.string),
        "worldwide": .boolean, "rights_description": .optional(.string),
        "prices": .list(.object(["amount": .string, "currency": .optional(.string), "type": .optional(.string)])),
    ])

    public static let contract: FieldType = .object([
        "id": .integer, "name": .string, "work_id": .optional(.integer), "work_title": .optional(.string), "client": .optional(.string),
        "delivery_due": .optional(.string), "days_overdue": .optional(.integer),
    ])

    public static let milestone: FieldType = .object([
        "id": .string, "name": .string, "kind": .string, "due_on": .string, "days": .integer, "owner": .optional(.string),
        "work_id": .optional(.integer), "isbn13": .optional(.string), "title": .optional(.string),
    ])

    public static let exception: FieldType = .object([
        "key": .string, "kind": .oneOf(["missed_approval", "delayed_delivery", "rights_conflict"]), "summary": .string, "details": .string,
        "work_id": .optional(.integer), "isbn13": .optional(.string), "title": .optional(.string), "occurrence": .integer,
    ])

    public static let task: FieldType = .object([
        "id": .string, "title": .string, "status": .oneOf(["open", "in_progress", "done", "cancelled"]), "owner": .optional(.string),
        "due_on": .optional(.string), "details": .optional(.string), "connection": .optional(.string), "ticket_id": .optional(.integer),
        "work_id": .optional(.integer), "isbn13": .optional(.string), "url": .optional(.string),
    ])

    public static let review: FieldType = .object([
        "id": .string, "status": .oneOf(["requested", "approved", "declined", "question"]), "question": .optional(.string),
        "right_type": .optional(.string), "territory": .optional(.string), "decision_note": .optional(.string), "decided_by": .optional(.string),
        "requested_by": .optional(.string),
        "connection": .optional(.string), "ticket_id": .optional(.integer), "work_id": .optional(.integer), "isbn13": .optional(.string),
        "title": .optional(.string), "url": .optional(.string),
    ])

    public static let signal: FieldType = .object([
        "id": .string, "isbn13": .optional(.string), "work_id": .optional(.integer), "title": .optional(.string), "ticket_count": .integer,
        "window_days": .integer, "top_topics": .list(.string), "url": .optional(.string),
    ])

    /// A deadline reminder that fell due (`milestone.reminder`): `before` a milestone (`days` left, 3 and 1 by
    /// default) or `overdue` (`days` late; `overdue_count` reminders so far, `escalate` once past the setting).
    public static let reminder: FieldType = .object([
        "stage": .oneOf(["before", "overdue"]), "overdue": .boolean, "days": .integer, "overdue_count": .integer, "escalate": .boolean, "on": .string,
    ])

    /// A title whose launch checklist is complete (`title.launch_ready`, once per title).
    public static let launch: FieldType = .object([
        "work_id": .optional(.integer), "isbn13": .optional(.string), "title": .string, "publication_date": .optional(.string),
        "checklist": .list(.string),
    ])

    /// A follow-up rung that fell due (`followup.due`): which request, which rung, who an escalation goes to, and the
    /// `context` the flow that opened it stored (free-form).
    public static let followUp: FieldType = .object([
        "id": .string, "key": .string, "kind": .string, "stage": .oneOf(["reminder", "escalation"]), "stage_index": .integer,
        "reminders": .integer, "escalations": .integer, "roles": .list(.string), "label": .optional(.string), "started_at": .integer,
        "hours_waiting": .integer, "last": .boolean, "context": .any,
    ])

    // MARK: WhatsApp

    /// The message an event is about: the inbound message (`from` its sender), or, for statuses, the outbound one
    /// (`to` its recipient). `text` is the body, caption or tapped title.
    public static let whatsappMessage: FieldType = .object([
        "id": .string, "type": .optional(.string), "text": .optional(.string), "from": .optional(.string), "to": .optional(.string),
        "timestamp": .optional(.integer),
    ])

    /// Who wrote: the directory contact when the number is known (`id` null otherwise).
    public static let whatsappContact: FieldType = .object([
        "id": .optional(.string), "name": .optional(.string), "wa_id": .string, "roles": .list(.string), "opted_in": .optional(.boolean),
    ])

    /// A tapped reply button, list row or template quick reply, with the `correlation` of the message it answers.
    public static let whatsappReply: FieldType = .object([
        "id": .optional(.string), "title": .optional(.string), "context_id": .optional(.string), "correlation": .optional(.string),
        "answered_message_id": .optional(.string),
    ])

    public static let whatsappAttachment: FieldType = .object([
        "type": .string, "id": .string, "mime_type": .optional(.string), "caption": .optional(.string), "filename": .optional(.string),
    ])

    public static let whatsappError: FieldType = .object(["code": .optional(.integer), "title": .optional(.string), "details": .optional(.string)])

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
        case .consonance:
            for (name, type) in ["work": work, "product": product, "contract": contract, "milestone": milestone, "exception": exception] {
                fields[name] = .optional(type)
            }
            fields["change"] = .optional(change)
        case .whatsapp:
            fields["connection"] = .string
            fields["message"] = whatsappMessage
            fields["contact"] = .optional(whatsappContact)
            fields["reply"] = .optional(whatsappReply)
            fields["attachments"] = .list(whatsappAttachment)
            fields["status"] = .optional(.oneOf(["sent", "delivered", "read", "failed"]))
            fields["error"] = .optional(whatsappError)
            fields["correlation"] = .optional(.string)
        case .records:
            for (name, type) in ["task": task, "review": review, "signal": signal, "followup": followUp, "milestone": milestone, "reminder": reminder,
                                 "launch": launch] {
                fields[name] = .optional(type)
            }
            for (name, type) in conversationRecords { fields[name] = .optional(type) }
            fields["conversation"] = .optional(syncedConversation)
            fields["profile"] = .optional(changedProfile)
        case .schedule:
            fields["schedule"] = schedule
        }
        return .object(fields)
    }
}

import Foundation

/// What starts a flow.
public enum FlowTrigger: Sendable, Hashable {
    /// A signed webhook from Zendesk: an event-subscription type such as `ticket.created`, or `trigger` for a
    /// trigger's custom JSON body.
    case zendeskWebhook(connection: String?, events: [String])
    /// A change the Zendesk mirror saw during a sync: `ticket.created`, `ticket.updated`, `comment.added`.
    case zendeskMirror(connection: String?, events: [String])
    /// A change Switchboard saw while polling Consonance: `product.pub_date_changed`, `work.stage_changed`,
    /// `contract.delivery_overdue`, `exception.raised`… (see ``consonanceEvents``).
    case consonance(connection: String?, events: [String])
    /// A signed WhatsApp Cloud API webhook: a message or reply received, a delivery status, an opt-out
    /// (see ``whatsappEvents``).
    case whatsapp(connection: String?, events: [String])
    /// Something that happened to a record Switchboard owns: `task.completed`, `rights_review.decided`…
    case records(events: [String])
    /// A time slot of a ``Schedule``.
    case schedule(Schedule)

    /// The event source this trigger listens to.
    public var source: String {
        switch self {
        case .zendeskWebhook: return "zendesk.webhook"
        case .zendeskMirror: return "zendesk.mirror"
        case .consonance: return "consonance"
        case .whatsapp: return "whatsapp"
        case .records: return "switchboard"
        case .schedule: return "schedule"
        }
    }

    /// The connection and event names a stream trigger listens to; `nil` for schedules.
    public var subscription: (connection: String?, events: [String])? {
        switch self {
        case .zendeskWebhook(let connection, let events), .zendeskMirror(let connection, let events), .consonance(let connection, let events),
             .whatsapp(let connection, let events):
            return (connection, events)
        case .records(let events): return (nil, events)
        case .schedule: return nil
        }
    }

    /// A stream trigger from its name in a flow file (one of ``streamEvents``' keys).
    public static func stream(_ name: String, connection: String?, events: [String]) -> FlowTrigger? {
        switch name {
        case "zendesk.webhook": return .zendeskWebhook(connection: connection, events: events)
        case "zendesk.mirror": return .zendeskMirror(connection: connection, events: events)
        case "consonance": return .consonance(connection: connection, events: events)
        case "whatsapp": return .whatsapp(connection: connection, events: events)
        case "switchboard": return .records(events: events)
        default: return nil
        }
    }

    /// Whether an event of this source and type (and connection) starts the flow.
    public func matches(_ event: Event, flowName: String) -> Bool {
        guard event.source == source else { return false }
        guard let (connection, events) = subscription else {
            return event.type == "slot" && event.context["schedule"]?["flow"]?.stringValue == flowName
        }
        if let connection, connection != event.connection { return false }
        return events.contains(event.type) || events.contains("*")
    }

    /// The trigger names a flow file may use.
    public static let names = ["zendesk.webhook", "zendesk.mirror", "consonance", "whatsapp", "switchboard", "schedule"]

    /// The event names each stream trigger accepts.
    public static let streamEvents: [String: [String]] = [
        "zendesk.webhook": zendeskWebhookEvents, "zendesk.mirror": zendeskMirrorEvents,
        "consonance": consonanceEvents, "whatsapp": whatsappEvents, "switchboard": recordEvents,
    ]

    /// What Consonance polling reports. Consonance has no webhooks: these come from comparing each poll with the
    /// stored snapshot, and from dates passing.
    public static let consonanceEvents = [
        "product.pub_date_changed", "product.status_changed", "work.stage_changed", "rights.changed",
        "contract.delivery_overdue", "milestone.due", "milestone.overdue", "exception.raised", "exception.cleared",
    ]

    /// What WhatsApp webhooks report: any inbound message, answers to reply buttons and lists only, delivery statuses
    /// (`message.failed` for failures alone), and contacts opting out with a keyword such as STOP.
    public static let whatsappEvents = ["message.received", "reply.received", "message.status", "message.failed", "contact.opted_out"]

    /// What happens to records Switchboard owns (tasks, rights reviews, support signals, milestones), follow-up rungs
    /// and deadline reminders falling due, and titles becoming ready to launch.
    public static let recordEvents = ["task.created", "task.completed", "rights_review.requested", "rights_review.decided", "support_signal.recorded",
                                      "followup.due", "milestone.completed", "milestone.reminder", "title.launch_ready"]
        + conversationRecordEvents + conversationSyncEvents + profileSyncEvents

    /// Zendesk webhook event types (reference §8.2), plus `trigger` for trigger webhooks.
    public static let zendeskWebhookEvents = [
        "ticket.created", "ticket.comment_added", "ticket.comment_made_private", "ticket.comment_redacted", "ticket.status_changed",
        "ticket.priority_changed", "ticket.tags_changed", "ticket.subject_changed", "ticket.description_changed",
        "ticket.agent_assignment_changed", "ticket.group_assignment_changed", "ticket.organization_changed", "ticket.requester_changed",
        "ticket.submitter_changed", "ticket.custom_field_changed", "ticket.custom_status_changed", "ticket.email_ccs_changed",
        "ticket.followers_changed", "ticket.form_changed", "ticket.brand_changed", "ticket.external_id_changed", "ticket.problem_link_changed",
        "ticket.type_changed", "ticket.task_due_at_changed", "ticket.marked_as_spam", "ticket.merged", "ticket.soft_deleted",
        "ticket.permanently_deleted", "ticket.undeleted", "ticket.attachment_linked_to_comment", "ticket.attachment_redacted_from_comment",
        "trigger",
    ]

    /// Changes the mirror reports.
    public static let zendeskMirrorEvents = ["ticket.created", "ticket.updated", "comment.added"]
}

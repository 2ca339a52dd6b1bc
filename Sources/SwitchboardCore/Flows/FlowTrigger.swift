import Foundation

/// What starts a flow.
public enum FlowTrigger: Sendable, Hashable {
    /// A signed webhook from Zendesk: an event-subscription type such as `ticket.created`, or `trigger` for a
    /// trigger's custom JSON body.
    case zendeskWebhook(connection: String?, events: [String])
    /// A change the Zendesk mirror saw during a sync: `ticket.created`, `ticket.updated`, `comment.added`.
    case zendeskMirror(connection: String?, events: [String])
    /// A time slot of a ``Schedule``.
    case schedule(Schedule)

    /// The event source this trigger listens to.
    public var source: String {
        switch self {
        case .zendeskWebhook: return "zendesk.webhook"
        case .zendeskMirror: return "zendesk.mirror"
        case .schedule: return "schedule"
        }
    }

    /// Whether an event of this source and type (and connection) starts the flow.
    public func matches(_ event: Event, flowName: String) -> Bool {
        guard event.source == source else { return false }
        switch self {
        case .zendeskWebhook(let connection, let events), .zendeskMirror(let connection, let events):
            if let connection, connection != event.connection { return false }
            return events.contains(event.type) || events.contains("*")
        case .schedule:
            return event.type == "slot" && event.context["schedule"]?["flow"]?.stringValue == flowName
        }
    }

    /// The trigger names a flow file may use.
    public static let names = ["zendesk.webhook", "zendesk.mirror", "schedule"]

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

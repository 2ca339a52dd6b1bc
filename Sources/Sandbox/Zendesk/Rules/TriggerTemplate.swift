/// Renders the body template of a `notification_webhook` action: `{{ticket.id}}`-style placeholders become the
/// ticket's values; unknown placeholders render empty, as Zendesk's do. For JSON webhooks every value is JSON-escaped
/// so it can sit inside a string literal of the template.
///
/// Display values follow Zendesk's placeholders: `{{ticket.status}}` is `Open`, `{{ticket.priority}}` `High`,
/// `{{ticket.tags}}` space-separated, `{{ticket.url}}` `host/agent/tickets/ID` without a scheme (`{{ticket.link}}`
/// has one).
struct TriggerTemplate {
    /// What placeholders can refer to.
    struct Context {
        var ticket: TicketRecord
        var requester: UserRecord?
        var assignee: UserRecord?
        var actor: UserRecord?
        var organization: OrganizationRecord?
        var latestComment: CommentRecord?
        var latestPublicComment: CommentRecord?
        /// `host:port` the sandbox is reached at.
        var host: String
    }

    let context: Context

    func render(_ template: String, jsonEscaped: Bool) -> String {
        var output = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].split(separator: "|").first.map(String.init) ?? ""
            let value = self.value(name.trimmingSpaces()) ?? ""
            output += jsonEscaped ? TriggerTemplate.jsonEscape(value) : value
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// The text of one placeholder, or `nil` when unknown.
    func value(_ name: String) -> String? {
        let ticket = context.ticket
        switch name {
        case "ticket.id": return String(ticket.id)
        case "ticket.title", "ticket.subject": return ticket.subject
        case "ticket.description": return ticket.description
        case "ticket.status": return TriggerTemplate.display(ticket.status)
        case "ticket.priority": return ticket.priority.map(TriggerTemplate.display) ?? ""
        case "ticket.ticket_type": return ticket.type.map(TriggerTemplate.display) ?? ""
        case "ticket.tags": return ticket.tags.joined(separator: " ")
        case "ticket.external_id": return ticket.externalID ?? ""
        case "ticket.url": return "\(context.host)/agent/tickets/\(ticket.id)"
        case "ticket.link": return "http://\(context.host)/agent/tickets/\(ticket.id)"
        case "ticket.via": return ticket.via.eventText
        case "ticket.created_at", "ticket.created_at_with_timestamp": return UTCTimestamp.string(ticket.createdAt)
        case "ticket.updated_at", "ticket.updated_at_with_timestamp": return UTCTimestamp.string(ticket.updatedAt)
        case "ticket.latest_comment", "ticket.latest_comment_formatted": return context.latestComment?.body ?? ""
        case "ticket.latest_public_comment", "ticket.latest_public_comment_formatted":
            return context.latestPublicComment?.body ?? ""
        case "ticket.organization.id": return ticket.organizationID.map { String($0) } ?? ""
        case "ticket.organization.name": return context.organization?.name ?? ""
        case "ticket.organization.external_id": return context.organization?.externalID ?? ""
        case "ticket.group.id": return ticket.groupID.map { String($0) } ?? ""
        default:
            for (prefix, user) in [("ticket.requester.", context.requester), ("ticket.assignee.", context.assignee),
                                   ("current_user.", context.actor)] where name.hasPrefix(prefix) {
                return TriggerTemplate.userValue(String(name.dropFirst(prefix.count)), user)
            }
            return nil
        }
    }

    private static func userValue(_ attribute: String, _ user: UserRecord?) -> String? {
        let parts = user?.name.split(separator: " ", maxSplits: 1).map(String.init) ?? []
        switch attribute {
        case "id": return user.map { String($0.id) } ?? ""
        case "name": return user?.name ?? ""
        case "first_name": return parts.first ?? ""
        case "last_name": return parts.count > 1 ? parts[1] : ""
        case "email": return user?.email ?? ""
        case "phone": return user?.phone ?? ""
        case "external_id": return user?.externalID ?? ""
        case "role": return user?.role ?? ""
        default: return nil
        }
    }

    /// `open` → `Open`.
    private static func display(_ value: String) -> String {
        value.prefix(1).uppercased() + value.dropFirst()
    }

    /// The contents of a JSON string literal holding `text` (without the quotes).
    static func jsonEscape(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes.dropFirst().dropLast(), as: UTF8.self)
    }
}

import Foundation

/// Builds the fixed envelopes Zendesk sends to webhooks subscribed to ticket events (reference §8.2) from one ticket
/// change: `{type, account_id, id, time, zendesk_event_version, subject, detail, event}` with string ids in `detail`
/// and `"0"` for none. Several events from one change share `event.meta.sequence`.
struct TicketEventBuilder {
    static let eventVersion = "2022-11-06"

    /// One event ready to send: its `id`, full type and JSON body.
    struct Event: Sendable {
        var id: String
        var type: String
        var body: [UInt8]
    }

    let snapshot: ZendeskSnapshot

    /// The events of a change, in audit order; `time` is the fractional timestamp they carry.
    func events(for change: TicketChange, time: String) -> [Event] {
        let parts = eventParts(change)
        let sequenceID = parts.count > 1 ? UUID().uuidString.lowercased() : nil
        return parts.enumerated().map { position, part in
            let id = UUID().uuidString.lowercased()
            let type = WebhookRecord.eventTypePrefix + "ticket." + part.name
            var writer = JSONWriter(capacity: 2048)
            writer.beginObject()
            writer.field("type", type)
            writer.field("account_id", WebhookDeliverer.accountID)
            writer.field("id", id)
            writer.field("time", time)
            writer.field("zendesk_event_version", TicketEventBuilder.eventVersion)
            writer.field("subject", "zen:ticket:\(change.after.id)")
            writer.key("detail")
            writeDetail(change.after, actorID: change.audit.authorID, to: &writer)
            writer.key("event")
            writer.beginObject()
            part.write(&writer)
            if let sequenceID {
                writer.objectField("meta") { meta in
                    meta.objectField("sequence") { sequence in
                        sequence.field("id", sequenceID)
                        sequence.field("position", position + 1)
                        sequence.field("total", parts.count)
                    }
                }
            }
            writer.endObject()
            writer.endObject()
            return Event(id: id, type: type, body: writer.bytes)
        }
    }

    private typealias Part = (name: String, write: (inout JSONWriter) -> Void)

    private func eventParts(_ change: TicketChange) -> [Part] {
        switch change.kind {
        case .created: return [("created", { _ in })]
        case .deleted: return [("soft_deleted", { _ in })]
        case .updated: return change.audit.events.compactMap(part)
        }
    }

    private func part(_ event: AuditEvent) -> Part? {
        switch event {
        case .comment(let comment):
            let author = snapshot.user(comment.authorID)
            return ("comment_added", { writer in
                writer.objectField("comment") { object in
                    object.field("id", String(comment.id))
                    object.field("body", comment.body)
                    object.field("is_public", comment.isPublic)
                    object.objectField("author") { person in
                        person.field("id", String(comment.authorID))
                        person.field("is_staff", author?.isStaff ?? false)
                        person.field("name", author?.name ?? "")
                    }
                }
            })
        case .change(_, let field, let value, let previous):
            return changePart(field: field, value: value, previous: previous)
        case .create:
            return nil
        }
    }

    private func changePart(field: String, value: JSONValue, previous: JSONValue) -> Part? {
        func currentAndPrevious(_ transform: @escaping (JSONValue) -> JSONValue) -> (inout JSONWriter) -> Void {
            { writer in
                writer.key("current")
                transform(value).write(to: &writer)
                writer.key("previous")
                transform(previous).write(to: &writer)
            }
        }
        let upper: (JSONValue) -> JSONValue = { $0.stringValue.map { .string($0.uppercased()) } ?? .null }
        let id: (JSONValue) -> JSONValue = { .string($0.stringValue ?? "0") }
        switch field {
        case "status": return ("status_changed", currentAndPrevious(upper))
        case "priority": return ("priority_changed", currentAndPrevious(upper))
        case "type": return ("type_changed", currentAndPrevious(upper))
        case "subject": return ("subject_changed", currentAndPrevious { $0 })
        case "assignee_id": return ("agent_assignment_changed", currentAndPrevious(id))
        case "group_id": return ("group_assignment_changed", currentAndPrevious(id))
        case "tags":
            let now = (value.arrayValue ?? []).compactMap(\.stringValue)
            let before = (previous.arrayValue ?? []).compactMap(\.stringValue)
            return ("tags_changed", { writer in
                currentAndPrevious { $0 }(&writer)
                writer.field("tags_added", strings: now.filter { !before.contains($0) })
                writer.field("tags_removed", strings: before.filter { !now.contains($0) })
            })
        case let name where name.hasPrefix("custom_fields_"):
            let fieldID = String(name.dropFirst("custom_fields_".count))
            return ("custom_field_changed", { writer in
                currentAndPrevious { $0 }(&writer)
                writer.objectField("custom_field") { object in object.field("id", fieldID) }
            })
        default:
            return nil
        }
    }

    /// The ticket as event `detail`: ids as strings, `"0"` for none, enums upper-case as in Zendesk's samples.
    private func writeDetail(_ ticket: TicketRecord, actorID: Int64, to writer: inout JSONWriter) {
        func id(_ value: Int64?) -> String { value.map { String($0) } ?? "0" }
        writer.beginObject()
        writer.field("actor_id", id(actorID))
        writer.field("assignee_id", id(ticket.assigneeID))
        writer.field("brand_id", id(ticket.brandID))
        writer.timestampField("created_at", ticket.createdAt)
        writer.field("custom_status", id(ticket.customStatusID))
        writer.field("description", ticket.description)
        writer.field("external_id", ticket.externalID ?? "")
        writer.field("form_id", id(ticket.ticketFormID))
        writer.field("group_id", id(ticket.groupID))
        writer.field("id", id(ticket.id))
        writer.field("is_public", ticket.isPublic)
        writer.field("organization_id", id(ticket.organizationID))
        writer.field("priority", ticket.priority?.uppercased())
        writer.field("requester_id", id(ticket.requesterID))
        writer.field("status", ticket.status.uppercased())
        writer.field("subject", ticket.subject)
        writer.field("submitter_id", id(ticket.submitterID))
        writer.field("tags", strings: ticket.tags)
        writer.field("type", ticket.type?.uppercased())
        writer.timestampField("updated_at", ticket.updatedAt)
        writer.objectField("via") { via in
            via.field("channel", ticket.via == .api ? "web_service" : (ticket.via == .web ? "web_form" : "email"))
        }
        writer.endObject()
    }
}

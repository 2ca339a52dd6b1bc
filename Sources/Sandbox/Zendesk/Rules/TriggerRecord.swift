/// A ticket trigger (reference §9): conditions over a ticket change and actions, of which the sandbox carries out
/// `notification_webhook` (`value: [webhook id, body template]`); other notifications are accepted and do nothing.
struct TriggerRecord: Sendable, Equatable {
    static let firstID: Int64 = 362_000_000_001

    var id: Int64
    var title: String
    var active: Bool
    var position: Int
    var description: String?
    var all: [TriggerCondition]
    var any: [TriggerCondition]
    var actions: [RuleAction]
    var createdAt: Int64
    var updatedAt: Int64

    /// Whether the trigger fires for this change: every `all` condition holds and, if there are `any`
    /// conditions, at least one of them.
    func fires(for change: TicketChange) -> Bool {
        active && all.allSatisfy { $0.holds(for: change) } && (any.isEmpty || any.contains { $0.holds(for: change) })
    }

    /// The `notification_webhook` actions as (webhook id, body template).
    var webhookNotifications: [(webhookID: String, template: String)] {
        actions.compactMap { action in
            guard action.field == "notification_webhook", let values = action.value.arrayValue, values.count >= 2,
                  let webhookID = values[0].stringValue, let template = values[1].stringValue else { return nil }
            return (webhookID, template)
        }
    }

    func write(to writer: inout JSONWriter, links: ZendeskLinks) {
        writer.beginObject()
        writer.field("url", links.api("triggers/\(id).json"))
        writer.field("id", id)
        writer.field("title", title)
        writer.field("active", active)
        writer.timestampField("updated_at", updatedAt)
        writer.timestampField("created_at", createdAt)
        writer.field("default", false)
        RuleAction.write(actions, to: &writer)
        writer.objectField("conditions") { conditions in
            for (name, list) in [("all", all), ("any", any)] {
                conditions.key(name)
                conditions.beginArray()
                for condition in list {
                    conditions.beginObject()
                    conditions.field("field", condition.field)
                    conditions.field("operator", condition.operator)
                    conditions.key("value")
                    condition.value.write(to: &conditions)
                    conditions.endObject()
                }
                conditions.endArray()
            }
        }
        writer.field("description", description)
        writer.field("position", position)
        writer.field("raw_title", title)
        writer.endObject()
    }
}

/// A macro (reference §5.6): a named list of actions agents apply to tickets. The sandbox stores and lists macros;
/// applying them is a client-side preview in Zendesk and is not imitated.
struct MacroRecord: Sendable, Equatable {
    static let firstID: Int64 = 361_000_000_001

    var id: Int64
    var title: String
    var active: Bool
    var isDefault: Bool
    var position: Int
    var description: String?
    var actions: [RuleAction]
    /// `null` or `{"type":"Group"|"User","id":…,"ids":[…]}`.
    var restriction: JSONValue
    var createdAt: Int64
    var updatedAt: Int64

    func write(to writer: inout JSONWriter, links: ZendeskLinks) {
        writer.beginObject()
        writer.field("url", links.api("macros/\(id).json"))
        writer.field("id", id)
        writer.field("title", title)
        writer.field("raw_title", title)
        writer.field("active", active)
        writer.field("default", isDefault)
        writer.field("position", position)
        writer.field("description", description)
        RuleAction.write(actions, to: &writer)
        writer.key("restriction")
        restriction.write(to: &writer)
        writer.timestampField("created_at", createdAt)
        writer.timestampField("updated_at", updatedAt)
        writer.endObject()
    }

    /// The macros a new Zendesk account starts with.
    static var defaults: [(title: String, actions: [RuleAction], description: String?)] {
        func comment(_ text: String) -> RuleAction { RuleAction(field: "comment_value", value: .string(text)) }
        return [
            ("Close and redirect to topics",
             [RuleAction(field: "status", value: .string("solved")), RuleAction(field: "type", value: .string("incident")),
              comment("Thanks for your request. This issue you reported is a known issue. For more information, "
                      + "please visit our forums.")], nil),
            ("Customer not responding",
             [RuleAction(field: "status", value: .string("pending")),
              comment("Hello {{ticket.requester.name}}. Our agent {{current_user.name}} has tried to contact you "
                      + "about this request but we haven't heard back from you yet. Please contact us if you need "
                      + "further assistance.")], nil),
            ("Downgrade and inform",
             [RuleAction(field: "priority", value: .string("low")),
              comment("We're currently experiencing unusually high traffic. We'll get back to you as soon as "
                      + "possible.")], nil),
            ("Take it!", [RuleAction(field: "assignee_id", value: .string("current_user"))], "Assigns the ticket to you"),
        ]
    }
}

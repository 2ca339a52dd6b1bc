import Foundation

/// What an action accepts and returns, so lint can check a flow's `with:` block and its references to earlier
/// steps' outputs without running anything. Implementations live in the engine, keyed by the same name.
public struct ActionSpec: Sendable {
    /// One parameter of an action.
    public struct Parameter: Sendable {
        public var name: String
        public var type: FieldType
        public var required: Bool
        public var summary: String

        public init(_ name: String, _ type: FieldType, required: Bool = false, _ summary: String) {
            self.name = name
            self.type = type
            self.required = required
            self.summary = summary
        }
    }

    public var name: String
    public var summary: String
    public var parameters: [Parameter]
    /// Groups of parameters of which at least one must be given (e.g. email, phone or external id).
    public var requireOneOf: [[String]]
    /// What later steps can read as `steps.<id>.<field>`.
    public var outputs: FieldType

    public init(name: String, summary: String, parameters: [Parameter], requireOneOf: [[String]] = [], outputs: FieldType) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.requireOneOf = requireOneOf
        self.outputs = outputs
    }

    public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
}

/// The actions flows can use.
public enum ActionCatalog {
    static let status = FieldType.oneOf(["new", "open", "pending", "hold", "solved", "closed"])
    static let priority = FieldType.oneOf(["low", "normal", "high", "urgent"])
    static let ticketType = FieldType.oneOf(["question", "incident", "problem", "task"])
    static let ticketOutput = FieldType.object(["ticket_id": .integer, "status": .string, "tags": .list(.string), "url": .optional(.string)])

    public static let zendesk: [ActionSpec] = [
        ActionSpec(name: "zendesk.create_ticket", summary: "Create a ticket (sent with an Idempotency-Key, so a retry never makes a second one).", parameters: [
            .init("connection", .string, "Zendesk connection name (default: the event's, else \"default\")."),
            .init("subject", .string, required: true, "Subject."),
            .init("body", .string, required: true, "First comment."),
            .init("public", .boolean, "Whether the first comment is public (default true)."),
            .init("requester_id", .integer, "Requester's user id."),
            .init("requester_email", .string, "Requester's email; the user is created if needed."),
            .init("requester_name", .string, "Requester's name, with requester_email."),
            .init("status", status, "Initial status."), .init("priority", priority, "Priority."), .init("type", ticketType, "Type."),
            .init("tags", .list(.string), "Tags."), .init("group_id", .integer, "Group."), .init("assignee_id", .integer, "Assignee."),
            .init("external_id", .string, "External id."), .init("custom_fields", .map(.any), "Custom field values by field id."),
        ], outputs: ticketOutput),
        ActionSpec(name: "zendesk.update_ticket", summary: "Change a ticket's fields; tags are added or removed without replacing the others.", parameters: [
            .init("connection", .string, "Zendesk connection name."),
            .init("ticket_id", .integer, required: true, "The ticket."),
            .init("status", status, "New status."), .init("priority", priority, "New priority."), .init("type", ticketType, "New type."),
            .init("subject", .string, "New subject."), .init("group_id", .integer, "New group."), .init("assignee_id", .integer, "New assignee."),
            .init("custom_fields", .map(.any), "Custom field values by field id."),
            .init("add_tags", .list(.string), "Tags to add (others are kept)."), .init("remove_tags", .list(.string), "Tags to remove (others are kept)."),
        ], outputs: ticketOutput),
        ActionSpec(name: "zendesk.add_comment", summary: "Add an internal note (default) or a public reply to a ticket.", parameters: [
            .init("connection", .string, "Zendesk connection name."),
            .init("ticket_id", .integer, required: true, "The ticket."),
            .init("body", .string, required: true, "Text of the comment."),
            .init("public", .boolean, "true for a public reply; default false (internal note)."),
            .init("author_id", .integer, "Author (default: the connection's user)."),
        ], outputs: .object(["ticket_id": .integer, "comment_id": .optional(.integer), "audit_id": .optional(.integer)])),
        ActionSpec(name: "zendesk.find_or_create_user", summary: "Find a user by email, phone or external id, creating them if missing.", parameters: [
            .init("connection", .string, "Zendesk connection name."),
            .init("email", .string, "Email."), .init("phone", .string, "Phone in E.164."), .init("external_id", .string, "External id."),
            .init("name", .string, "Name for a new user (default: the email or phone)."),
            .init("role", .oneOf(["end-user", "agent", "admin"]), "Role for a new user (default end-user)."),
            .init("organization_id", .integer, "Organization for a new user."),
        ], requireOneOf: [["email", "phone", "external_id"]],
        outputs: .object(["user_id": .integer, "created": .boolean, "email": .optional(.string), "name": .optional(.string)])),
        ActionSpec(name: "zendesk.upsert_macro", summary: "Create a macro, or update the one with the same title.", parameters: [
            .init("connection", .string, "Zendesk connection name."),
            .init("title", .string, required: true, "Title (the macro's identity)."),
            .init("actions", .list(.object(["field": .string, "value": .any])), required: true, "Macro actions, e.g. {field: comment_value, value: …}."),
            .init("description", .string, "Description."), .init("active", .boolean, "Active (default true)."),
        ], outputs: .object(["macro_id": .integer, "created": .boolean])),
        ActionSpec(name: "zendesk.search_tickets", summary: "Search tickets with Zendesk's query syntax (type:ticket is added).", parameters: [
            .init("connection", .string, "Zendesk connection name."),
            .init("query", .string, required: true, "e.g. status<solved tags:vip"),
            .init("limit", .integer, "At most this many results (default 100, max 1000)."),
        ], outputs: .object(["count": .integer, "ticket_ids": .list(.integer)])),
    ]

    /// Actions that do not leave Switchboard, for tests and wiring flows together.
    public static let core: [ActionSpec] = [
        ActionSpec(name: "core.log", summary: "Record a message in the run history.", parameters: [
            .init("message", .string, required: true, "The message."),
        ], outputs: .object(["message": .string])),
    ]

    public static let all: [ActionSpec] = zendesk + core + publishing + whatsapp + followUps + conversations + conversationSync + profileSync

    public static func spec(_ name: String) -> ActionSpec? { all.first { $0.name == name } }
}

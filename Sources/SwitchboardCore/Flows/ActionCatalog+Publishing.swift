import Foundation

/// The Consonance and publishing-record actions: finding the title a ticket is about, project context for
/// contributors, links back to Switchboard records, tasks, rights reviews, support signals, exception tickets and
/// launch preparation. Implementations live in the engine.
extension ActionCatalog {
    static let titleOutput = FieldType.object([
        "found": .boolean, "matched_by": .optional(.string), "connection": .optional(.string), "work_id": .optional(.integer),
        "product_id": .optional(.integer), "isbn13": .optional(.string), "isbns": .list(.string), "title": .optional(.string),
        "imprint": .optional(.string), "format": .optional(.string), "formats": .list(.string), "status": .optional(.string),
        "publication_date": .optional(.string), "note": .optional(.string), "rights_note": .optional(.string), "tags": .list(.string),
        "custom_fields": .map(.any), "url": .optional(.string), "topics": .list(.string), "rejected_isbns": .list(.string),
    ])

    public static let publishing: [ActionSpec] = [
        ActionSpec(name: "consonance.find_title", summary: "Find the title a ticket is about (ISBN in the text, an isbn_ tag, a custom field, or an exact title) and describe it.", parameters: [
            .init("connection", .string, "Consonance connection (default: the only one)."),
            .init("text", .string, "Text to search for ISBNs and titles (subject and description)."),
            .init("subject", .string, "The subject alone, tried as an exact title."),
            .init("tags", .list(.string), "The ticket's tags (isbn_… tags resolve directly)."),
            .init("custom_fields", .map(.any), "The ticket's custom field values (an ISBN or exact title in any of them)."),
            .init("fields", .map(.integer), "Custom fields to fill: {isbn: ID, title: ID, imprint: ID, format: ID, publication_date: ID, status: ID}."),
        ], outputs: titleOutput),
        ActionSpec(name: "consonance.contributor_context", summary: "Project context for a contributor (author, editor…) matched by email: stage, contract dates, upcoming deliveries.", parameters: [
            .init("connection", .string, "Zendesk connection (to look the requester up) ."),
            .init("email", .string, "The person's email."),
            .init("requester_id", .integer, "A Zendesk user id whose email is used."),
        ], requireOneOf: [["email", "requester_id"]],
        outputs: .object(["found": .boolean, "name": .optional(.string), "email": .optional(.string), "work_ids": .list(.integer), "titles": .list(.string),
                          "note": .optional(.string), "isbn13": .optional(.string), "work_id": .optional(.integer), "title": .optional(.string)])),
        ActionSpec(name: "consonance.add_weblink", summary: "Link a title's product in Consonance to a URL (a Switchboard record); skipped if the link exists.", parameters: [
            .init("connection", .string, "Consonance connection."),
            .init("product_id", .integer, "Product to carry the link."), .init("work_id", .integer, "Or: the work (its first product)."),
            .init("isbn13", .string, "Or: the product with this ISBN."),
            .init("url", .string, required: true, "The link."), .init("note", .string, "Note on the link."),
            .init("role", .string, "ONIX List 73 website role (default 01)."),
        ], requireOneOf: [["product_id", "work_id", "isbn13"]], outputs: .object(["weblink_id": .integer, "created": .boolean, "product_id": .integer])),
        ActionSpec(name: "switchboard.create_task", summary: "Create a publishing task (once per origin), linked to its title and ticket.", parameters: [
            .init("title", .string, required: true, "What to do."), .init("details", .string, "Details."), .init("owner", .string, "Owner."),
            .init("due_on", .string, "Due date YYYY-MM-DD."), .init("due_in_days", .integer, "Or: due this many days from now."),
            .init("origin", .string, "Idempotency origin (default: the run and step); e.g. zendesk:{{ticket.id}}:editorial."),
            .init("connection", .string, "Zendesk connection of the ticket."), .init("ticket_id", .integer, "The ticket it came from."),
            .init("work_id", .integer, "The title's work."), .init("isbn13", .string, "The title's ISBN."),
            .init("link", .boolean, "Add a WebLink on the title in Consonance pointing at the task (default true when a title is known)."),
        ], outputs: .object(["task_id": .string, "created": .boolean, "url": .string, "weblink_id": .optional(.integer)])),
        ActionSpec(name: "switchboard.open_rights_review", summary: "Open a rights review request (once per origin) for the rights or legal team.", parameters: [
            .init("question", .string, required: true, "What needs review."), .init("right_type", .string, "Right type (e.g. Translation)."),
            .init("territory", .string, "Territory."), .init("requested_by", .string, "Who asked."),
            .init("origin", .string, "Idempotency origin, e.g. zendesk:{{ticket.id}}:rights."),
            .init("connection", .string, "Zendesk connection of the ticket."), .init("ticket_id", .integer, "The ticket."),
            .init("work_id", .integer, "The title's work."), .init("isbn13", .string, "The title's ISBN."), .init("title", .string, "The title."),
            .init("link", .boolean, "Add a WebLink on the title in Consonance (default true when a title is known)."),
        ], outputs: .object(["review_id": .string, "created": .boolean, "url": .string, "status": .string])),
        ActionSpec(name: "switchboard.record_support_signal", summary: "Count a ticket against its title; at the threshold within the window, record or refresh the title's support signal.", parameters: [
            .init("connection", .string, "Zendesk connection of the ticket."), .init("ticket_id", .integer, required: true, "The ticket."),
            .init("work_id", .integer, required: true, "The title's work."), .init("isbn13", .string, "The ISBN."), .init("title", .string, "The title."),
            .init("text", .string, "Ticket text, for topics."), .init("subject", .string, "Ticket subject."),
            .init("threshold", .integer, "Tickets needed (default 5)."), .init("window_days", .integer, "Window in days (default 7)."),
            .init("link", .boolean, "Add a WebLink to the signal on the title in Consonance when first recorded (default true)."),
        ], outputs: .object(["recorded": .boolean, "created": .boolean, "ticket_count": .integer, "signal_id": .optional(.string),
                             "top_topics": .list(.string), "url": .optional(.string)])),
        ActionSpec(name: "zendesk.ensure_ticket", summary: "Open one ticket per key (an exception, a delayed title, a weekly digest): while it is open, no second one is created.", parameters: [
            .init("connection", .string, "Zendesk connection."), .init("key", .string, required: true, "The key, e.g. {{exception.key}}."),
            .init("subject", .string, required: true, "Subject."), .init("body", .string, required: true, "First comment (internal)."),
            .init("group_id", .integer, "Group."), .init("priority", priority, "Priority."), .init("type", ticketType, "Type (default task)."),
            .init("tags", .list(.string), "Tags."), .init("requester_email", .string, "Requester (default: the connection's user)."),
        ], outputs: .object(["ticket_id": .integer, "created": .boolean])),
        ActionSpec(name: "zendesk.solve_ensured_ticket", summary: "Solve the open ticket of a key (see zendesk.ensure_ticket), with a note; nothing if there is none.", parameters: [
            .init("connection", .string, "Zendesk connection."), .init("key", .string, required: true, "The key, e.g. {{exception.key}}."),
            .init("body", .string, "Internal note added when solving."),
        ], outputs: .object(["solved": .boolean, "ticket_id": .optional(.integer)])),
        ActionSpec(name: "zendesk.annotate_title_tickets", summary: "Tag and note every open ticket about a title (tickets tagged isbn_…).", parameters: [
            .init("connection", .string, "Zendesk connection."), .init("isbns", .list(.string), "The title's ISBNs."),
            .init("isbn13", .string, "Or: one ISBN."), .init("note", .string, required: true, "Internal note for each ticket."),
            .init("add_tags", .list(.string), "Tags to add."), .init("exclude_ticket_id", .integer, "A ticket to leave out (e.g. the proactive one)."),
        ], outputs: .object(["count": .integer, "ticket_ids": .list(.integer)])),
        ActionSpec(name: "switchboard.launch_digest", summary: "The launches within N days: a digest for support and an inquiry forecast from comparable titles.", parameters: [
            .init("days", .integer, "Look ahead this many days (default 30)."),
        ], outputs: .object(["count": .integer, "digest": .string, "titles": .list(.string), "isbns": .list(.string), "week": .string,
                             "forecast_total": .integer])),
        ActionSpec(name: "zendesk.upsert_launch_macros", summary: "Create or update a macro per title launching within N days (release date, formats, territories).", parameters: [
            .init("connection", .string, "Zendesk connection."), .init("days", .integer, "Look ahead this many days (default 30)."),
        ], outputs: .object(["count": .integer, "created": .integer, "updated": .integer, "macro_ids": .list(.integer)])),
        ActionSpec(name: "switchboard.support_report", summary: "Count tickets per title, format or imprint from the mirror's tags and refresh the titles' support signals.", parameters: [
            .init("connection", .string, "Zendesk connection (default: all)."), .init("by", .oneOf(["title", "format", "imprint"]), "Group by (default title)."),
            .init("limit", .integer, "Rows (default 20)."),
        ], outputs: .object(["rows": .list(.object(["key": .string, "label": .string, "tickets": .integer])), "text": .string])),
    ]
}

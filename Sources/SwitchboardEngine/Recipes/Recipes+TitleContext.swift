extension Recipes {
    /// Consonance → Zendesk 1: title metadata in the ticket.
    static let titleContext = Recipe(
        name: "title-context", seed: "Consonance → Zendesk 1", title: "Title context in the ticket",
        summary: "A new ticket that mentions a title (ISBN, isbn_ tag, custom field or exact title) gets an internal note with its publication status, ISBNs per format with availability, imprint, rights territories and release dates, the tags isbn_…, imprint_…, format_…, and the configured custom fields.",
        settings: [
            .init(name: "custom_fields", defaultValue: "{}", summary: "Custom fields to fill, e.g. {isbn: 360001, imprint: 360002, format: 360003, publication_date: 360004, status: 360005, title: 360006}."),
        ],
        flows: [("title-context", """
            name: title-context
            description: Consonance title context on new tickets — note, isbn_/imprint_/format_ tags, custom fields (recipe title-context)
            trigger:
              zendesk.webhook:
                events: [ticket.created]
            when:
              - field: ticket.tags
                not_contains: switchboard_created
            actions:
              - id: title
                action: consonance.find_title
                with:
                  subject: "{{ticket.subject}}"
                  text: "{{ticket.description}}"
                  tags: "{{ticket.tags}}"
                  custom_fields: "{{ticket.custom_fields}}"
                  fields: ${custom_fields}
              - id: note
                if:
                  - { field: steps.title.found, equals: true }
                action: zendesk.add_comment
                with:
                  ticket_id: "{{ticket.id}}"
                  body: "{{steps.title.note}}"
                  public: false
              - id: tag
                if:
                  - { field: steps.title.found, equals: true }
                action: zendesk.update_ticket
                with:
                  ticket_id: "{{ticket.id}}"
                  add_tags: "{{steps.title.tags}}"
                  custom_fields: "{{steps.title.custom_fields}}"
            """)])

    /// Consonance → Zendesk 2: workflow exceptions open internal tickets.
    static let workflowExceptions = Recipe(
        name: "workflow-exceptions", seed: "Consonance → Zendesk 2", title: "Workflow exceptions open tickets",
        summary: "A missed approval, an overdue manuscript or a rights conflict in Consonance opens one internal ticket for the configured group; while it is open no second one is opened, and it is solved when the exception clears.",
        settings: [zendeskConnection, groupID, .init(name: "priority", defaultValue: "high", summary: "Priority of the tickets.")],
        flows: [("workflow-exceptions", """
            name: workflow-exceptions
            description: One internal ticket per open workflow exception (recipe workflow-exceptions)
            trigger:
              consonance:
                events: [exception.raised]
            actions:
              - id: ticket
                action: zendesk.ensure_ticket
                with:
                  connection: ${zendesk_connection}
                  key: "{{exception.key}}"
                  subject: "{{exception.summary}}"
                  body: "{{exception.details}}\\n\\nOpened by Switchboard from Consonance data; it is solved automatically when the exception clears."
                  group_id: ${group_id}
                  priority: ${priority}
                  type: task
                  tags: [switchboard_created, switchboard_exception, "exception_{{exception.kind}}"]
            """), ("workflow-exceptions-cleared", """
            name: workflow-exceptions-cleared
            description: Solve an exception's ticket when the exception clears (recipe workflow-exceptions)
            trigger:
              consonance:
                events: [exception.cleared]
            actions:
              - action: zendesk.solve_ensured_ticket
                with:
                  connection: ${zendesk_connection}
                  key: "{{exception.key}}"
                  body: "Switchboard: cleared in Consonance — {{exception.summary}}."
            """)])
}

extension Recipes {
    /// Bi-directional 4: rights inquiries.
    static let rightsInquiries = Recipe(
        name: "rights-inquiries", seed: "Consonance ↔ Zendesk 4", title: "Rights inquiries",
        summary: "A ticket asking about rights, permissions, translation or territories gets a rights summary note from Consonance (sales territories per format, rights held under contract). Adding the tag rights_review opens a review request for the rights team (linked to the title in Consonance); their decision (switchboard rights decide) is posted back to the ticket.",
        settings: [.init(name: "pattern", defaultValue: "\"(?i)(rights|permission|licen[cs]|translat|territor|excerpt|reprint|serial|film)\"",
                         summary: "What makes a ticket a rights inquiry (regular expression over subject and description).")],
        flows: [("rights-inquiries", """
            name: rights-inquiries
            description: Rights summary note on rights inquiries (recipe rights-inquiries)
            trigger:
              zendesk.webhook:
                events: [ticket.created]
            when:
              - field: ticket.tags
                not_contains: switchboard_created
              - any:
                  - { field: ticket.subject, matches: ${pattern} }
                  - { field: ticket.description, matches: ${pattern} }
            actions:
              - id: title
                action: consonance.find_title
                with:
                  subject: "{{ticket.subject}}"
                  text: "{{ticket.description}}"
                  tags: "{{ticket.tags}}"
              - id: note
                if:
                  - { field: steps.title.found, equals: true }
                action: zendesk.add_comment
                with:
                  ticket_id: "{{ticket.id}}"
                  body: "{{steps.title.rights_note}}"
              - if:
                  - { field: steps.title.found, equals: true }
                action: zendesk.update_ticket
                with:
                  ticket_id: "{{ticket.id}}"
                  add_tags: [rights_inquiry]
            """), ("rights-inquiries-review", """
            name: rights-inquiries-review
            description: The tag rights_review opens a review request for the rights team (recipe rights-inquiries)
            trigger:
              zendesk.webhook:
                events: [ticket.tags_changed]
            when:
              - { field: change.current, contains: rights_review }
              - not: { field: change.previous, contains: rights_review }
            actions:
              - id: title
                action: consonance.find_title
                with:
                  subject: "{{ticket.subject}}"
                  text: "{{ticket.description}}"
                  tags: "{{ticket.tags}}"
              - id: review
                action: switchboard.open_rights_review
                with:
                  origin: "zendesk:{{event.connection}}:{{ticket.id}}:rights"
                  question: "{{ticket.subject}}"
                  ticket_id: "{{ticket.id}}"
                  work_id: "{{steps.title.work_id}}"
                  isbn13: "{{steps.title.isbn13}}"
                  title: "{{steps.title.title}}"
              - if:
                  - { field: steps.review.created, equals: true }
                action: zendesk.add_comment
                with:
                  ticket_id: "{{ticket.id}}"
                  body: "Switchboard: rights review {{steps.review.review_id}} opened for the rights team ({{steps.review.url}}). The decision will be posted here."
            """), ("rights-inquiries-decision", """
            name: rights-inquiries-decision
            description: Post the rights team's decision back to the ticket (recipe rights-inquiries)
            trigger:
              switchboard:
                events: [rights_review.decided]
            when:
              - { field: review.ticket_id, exists: true }
            actions:
              - action: zendesk.add_comment
                with:
                  connection: "{{review.connection}}"
                  ticket_id: "{{review.ticket_id}}"
                  body: "Rights review {{review.id}}: {{review.status}}{{#review.decided_by}} by {{review.decided_by}}{{/review.decided_by}}.{{#review.decision_note}}\\n{{review.decision_note}}{{/review.decision_note}}"
              - action: zendesk.update_ticket
                with:
                  connection: "{{review.connection}}"
                  ticket_id: "{{review.ticket_id}}"
                  add_tags: ["rights_{{review.status}}"]
            """)])

    /// Consonance → Zendesk 5: delays open proactive tickets.
    static let titleDelays = Recipe(
        name: "title-delays", seed: "Consonance → Zendesk 5", title: "Delays notify support",
        summary: "When a publication date moves later, or a product becomes postponed (03) or cancelled (01), a proactive ticket is opened for support (one per title and new date), and every open ticket about the title is tagged title_delayed with a note, so agents can tell customers before they chase.",
        settings: [zendeskConnection, groupID],
        flows: [("title-delays", """
            name: title-delays
            description: Proactive ticket and notes on open tickets when a title slips (recipe title-delays)
            trigger:
              consonance:
                events: [product.pub_date_changed, product.status_changed]
            when:
              - any:
                  - all:
                      - { field: event.type, equals: product.pub_date_changed }
                      - { field: change.direction, equals: later }
                  - all:
                      - { field: event.type, equals: product.status_changed }
                      - { field: product.status, in: ["01", "03"] }
            actions:
              - id: ticket
                action: zendesk.ensure_ticket
                with:
                  connection: ${zendesk_connection}
                  key: "delay:{{work.id}}:{{event.type}}:{{change.current}}"
                  subject: "Title delayed: {{work.title}} ({{product.format_label}}) — {{change.field}} {{change.previous}} → {{change.current}}"
                  body: "Consonance reports a change for {{work.title}} ({{product.format_label}}, ISBN {{product.isbn13}}): {{change.field}} was {{change.previous}}, is now {{change.current}} ({{product.status_label}}{{#product.publication_date}}, publication {{product.publication_date}}{{/product.publication_date}}).\\nTell affected customers, retailers and partners before they ask. Open tickets about this title are tagged title_delayed."
                  group_id: ${group_id}
                  priority: high
                  type: task
                  tags: [switchboard_created, title_delayed_notice]
              - action: zendesk.annotate_title_tickets
                with:
                  connection: ${zendesk_connection}
                  isbn13: "{{product.isbn13}}"
                  note: "Switchboard: {{work.title}} ({{product.format_label}}) is delayed — {{change.field}} was {{change.previous}}, is now {{change.current}}. See ticket #{{steps.ticket.ticket_id}}."
                  add_tags: [title_delayed]
                  exclude_ticket_id: "{{steps.ticket.ticket_id}}"
            """)])

    /// Bi-directional 7: author and contributor inquiries.
    static let authorInquiries = Recipe(
        name: "author-inquiries", seed: "Consonance ↔ Zendesk 7", title: "Author and contributor inquiries",
        summary: "A ticket from a contributor (requester email = a Consonance contributor's) gets project context: stage, contract dates and upcoming deliveries. The tag needs_editorial creates a task for the publishing team (linked to the title); when the task is done, the ticket gets a note and is reopened for the agent.",
        settings: [.init(name: "due_in_days", defaultValue: "5", summary: "Days until a new editorial task is due.")],
        flows: [("author-inquiries", """
            name: author-inquiries
            description: Project context for tickets from contributors (recipe author-inquiries)
            trigger:
              zendesk.webhook:
                events: [ticket.created]
            when:
              - field: ticket.tags
                not_contains: switchboard_created
            actions:
              - id: who
                action: consonance.contributor_context
                with:
                  requester_id: "{{ticket.requester_id}}"
              - if:
                  - { field: steps.who.found, equals: true }
                action: zendesk.add_comment
                with:
                  ticket_id: "{{ticket.id}}"
                  body: "{{steps.who.note}}"
              - if:
                  - { field: steps.who.found, equals: true }
                action: zendesk.update_ticket
                with:
                  ticket_id: "{{ticket.id}}"
                  add_tags: [contributor_inquiry]
            """), ("author-inquiries-task", """
            name: author-inquiries-task
            description: The tag needs_editorial creates a publishing task (recipe author-inquiries)
            trigger:
              zendesk.webhook:
                events: [ticket.tags_changed]
            when:
              - { field: change.current, contains: needs_editorial }
              - not: { field: change.previous, contains: needs_editorial }
            actions:
              - id: who
                action: consonance.contributor_context
                with:
                  requester_id: "{{ticket.requester_id}}"
              - id: task
                action: switchboard.create_task
                with:
                  origin: "zendesk:{{event.connection}}:{{ticket.id}}:editorial"
                  title: "Editorial follow-up: {{ticket.subject}}"
                  details: "Ticket #{{ticket.id}}{{#steps.who.found}} from {{steps.who.name}} <{{steps.who.email}}>{{/steps.who.found}} needs editorial or production action."
                  due_in_days: ${due_in_days}
                  ticket_id: "{{ticket.id}}"
                  work_id: "{{steps.who.work_id}}"
                  isbn13: "{{steps.who.isbn13}}"
              - if:
                  - { field: steps.task.created, equals: true }
                action: zendesk.add_comment
                with:
                  ticket_id: "{{ticket.id}}"
                  body: "Switchboard: task {{steps.task.task_id}} created for the publishing team ({{steps.task.url}})."
            """), ("author-inquiries-done", """
            name: author-inquiries-done
            description: When the task is done, note it on the ticket and reopen it for the agent (recipe author-inquiries)
            trigger:
              switchboard:
                events: [task.completed]
            when:
              - { field: task.ticket_id, exists: true }
            actions:
              - action: zendesk.add_comment
                with:
                  connection: "{{task.connection}}"
                  ticket_id: "{{task.ticket_id}}"
                  body: "Switchboard: the publishing team completed \\"{{task.title}}\\" ({{task.id}}). Please update the customer."
              - action: zendesk.update_ticket
                with:
                  connection: "{{task.connection}}"
                  ticket_id: "{{task.ticket_id}}"
                  status: open
                  add_tags: [editorial_done]
            """)])
}

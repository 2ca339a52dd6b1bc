extension Recipes {
    /// Consonance → WhatsApp 3: deadline reminders, escalating to the coordinator.
    static let deadlineReminders = Recipe(
        name: "deadline-reminders", seed: "Consonance → WhatsApp 3", title: "Deadline reminders on WhatsApp",
        summary: "Every day, each open milestone (contract deliveries and publication dates from Consonance, and milestones added in Switchboard) due in 3 or 1 days, or overdue, reminds the title's designers, freelancers, printers and coordinators with the deadline_reminder template — once per milestone and day. After 2 overdue reminders the coordinator is escalated to, every day, until the milestone is marked done (switchboard milestones done ID), which stops everything.",
        settings: [whatsappConnection,
                   .init(name: "time", defaultValue: "\"08:00\"", summary: "When the daily reminders go (UTC unless the flow sets a timezone)."),
                   .init(name: "before_days", defaultValue: "[3, 1]", summary: "Days before the due date that get a reminder."),
                   .init(name: "escalate_after", defaultValue: "2", summary: "Overdue reminders before the coordinator is escalated to."),
                   .init(name: "kinds", defaultValue: "[]", summary: "Only milestones of these kinds (delivery, approval, publication…); [] for all."),
                   .init(name: "roles", defaultValue: "[designer, freelancer, printer]", summary: "Roles on the title reminded every time."),
                   .init(name: "coordinator_roles", defaultValue: "[coordinator]", summary: "Roles reminded until the escalation, then escalated to.")],
        flows: [
            ("deadline-reminders", """
            name: deadline-reminders
            description: Raise the day's deadline reminders (recipe deadline-reminders)
            trigger:
              schedule:
                daily: ${time}
            actions:
              - action: switchboard.deadline_reminders
                with:
                  on: "{{schedule.slot}}"
                  before_days: ${before_days}
                  escalate_after: ${escalate_after}
                  kinds: ${kinds}
            """),
            ("deadline-reminders-send", """
            name: deadline-reminders-send
            description: Send a deadline reminder to the title's people, escalating to the coordinator (recipe deadline-reminders)
            trigger:
              switchboard:
                events: [milestone.reminder]
            when:
              - any:
                  - { field: milestone.work_id, exists: true }
                  - { field: milestone.isbn13, exists: true }
            actions:
              - id: remind
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{milestone.work_id}}"
                  isbn: "{{milestone.isbn13}}"
                  roles: ${roles}
                  template: deadline_reminder
                  body_params: ["{{milestone.name}}", "{{milestone.title}}", "{{milestone.due_on}}{{#reminder.overdue}} ({{reminder.days}} days overdue){{/reminder.overdue}}"]
                  correlation: "milestone:{{milestone.id}}"
              - id: coordinators
                if:
                  - { field: reminder.escalate, equals: false }
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{milestone.work_id}}"
                  isbn: "{{milestone.isbn13}}"
                  roles: ${coordinator_roles}
                  template: deadline_reminder
                  body_params: ["{{milestone.name}}", "{{milestone.title}}", "{{milestone.due_on}}{{#reminder.overdue}} ({{reminder.days}} days overdue){{/reminder.overdue}}"]
                  correlation: "milestone:{{milestone.id}}"
              - id: escalate
                if:
                  - { field: reminder.escalate, equals: true }
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{milestone.work_id}}"
                  isbn: "{{milestone.isbn13}}"
                  roles: ${coordinator_roles}
                  template: switchboard_notice
                  body_params: ["Escalation: {{milestone.name}} for {{milestone.title}} was due on {{milestone.due_on}} and is {{reminder.days}} days overdue; {{reminder.overdue_count}} reminders have gone unanswered. Please step in."]
                  correlation: "milestone:{{milestone.id}}:escalation"
            """),
        ])

    /// Consonance → WhatsApp 6: launch readiness, once per title.
    static let launchReadiness = Recipe(
        name: "launch-readiness", seed: "Consonance → WhatsApp 6", title: "Launch readiness on WhatsApp",
        summary: "A title's launch checklist is a milestone per item — cover files, jacket copy, metadata — marked done as each is final (switchboard milestones done ID, or the admin API). When the last is done, the title's marketing, publicity and sales contacts get the launch_ready template with the publication date, once per title; title.launch_ready is raised for other flows.",
        settings: [whatsappConnection,
                   .init(name: "checklist", defaultValue: "[cover_files, jacket_copy, metadata]", summary: "Milestone kinds that must all be done."),
                   .init(name: "roles", defaultValue: "[marketing, publicity, sales]", summary: "Roles on the title that are told.")],
        flows: [("launch-readiness", """
            name: launch-readiness
            description: Tell marketing, publicity and sales once a title's launch checklist is complete (recipe launch-readiness)
            trigger:
              switchboard:
                events: [milestone.completed]
            when:
              - field: milestone.kind
                in: ${checklist}
              - any:
                  - { field: milestone.work_id, exists: true }
                  - { field: milestone.isbn13, exists: true }
            actions:
              - id: check
                action: switchboard.check_launch_readiness
                with:
                  work_id: "{{milestone.work_id}}"
                  isbn13: "{{milestone.isbn13}}"
                  checklist: ${checklist}
                  title: "{{milestone.title}}"
              - id: notify
                if:
                  - { field: steps.check.first, equals: true }
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{steps.check.work_id}}"
                  isbn: "{{steps.check.isbn13}}"
                  roles: ${roles}
                  template: launch_ready
                  body_params: ["{{steps.check.title}}", "{{#steps.check.publication_date}}{{steps.check.publication_date}}{{/steps.check.publication_date}}{{^steps.check.publication_date}}its publication date{{/steps.check.publication_date}}"]
                  correlation: "launch:{{steps.check.title}}"
            """)])

    /// Consonance → WhatsApp 8: blocked titles, with an escalation ladder.
    static let blockedTitles = Recipe(
        name: "blocked-titles", seed: "Consonance → WhatsApp 8", title: "Blocked-title alerts on WhatsApp",
        summary: "A title blocked by a missed approval, a late delivery or a rights conflict (a workflow exception from the Consonance poll) alerts its owner — the production lead by default — with the title_blocked template and an Acknowledge button. Until someone acknowledges, the alert climbs the escalation ladder at the hours you set; it stops when acknowledged or when the exception clears.",
        settings: [whatsappConnection,
                   .init(name: "owner_roles", defaultValue: "[production_lead]", summary: "Roles on the title that own a blocked title."),
                   .init(name: "kinds", defaultValue: "[missed_approval, delayed_delivery, rights_conflict]", summary: "Exception kinds that alert."),
                   .init(name: "ladder", defaultValue: "[{after: 4h, stage: escalation, roles: [coordinator]}, {after: 24h, stage: escalation, roles: [editor]}]",
                         summary: "Escalations while nobody acknowledges (after: a duration or hours; roles on the title).")],
        flows: [
            ("blocked-titles", """
            name: blocked-titles
            description: Alert a blocked title's owner on WhatsApp and start the escalation ladder (recipe blocked-titles)
            trigger:
              consonance:
                events: [exception.raised]
            when:
              - field: exception.kind
                in: ${kinds}
              - any:
                  - { field: exception.work_id, exists: true }
                  - { field: exception.isbn13, exists: true }
            actions:
              - id: chase
                action: switchboard.open_followup
                with:
                  key: "blocked:{{exception.key}}"
                  kind: blocked_title
                  ladder: ${ladder}
                  context:
                    work_id: "{{exception.work_id}}"
                    isbn13: "{{exception.isbn13}}"
                    title: "{{exception.title}}"
                    summary: "{{exception.summary}}"
              - id: alert
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{exception.work_id}}"
                  isbn: "{{exception.isbn13}}"
                  roles: ${owner_roles}
                  template: title_blocked
                  body_params: ["{{#exception.title}}{{exception.title}}{{/exception.title}}{{^exception.title}}A title{{/exception.title}}", "{{exception.summary}}"]
                  quick_replies: [acknowledge]
                  correlation: "blocked:{{exception.key}}"
            """),
            ("blocked-titles-escalate", """
            name: blocked-titles-escalate
            description: Climb the escalation ladder of an unacknowledged blocked-title alert (recipe blocked-titles)
            trigger:
              switchboard:
                events: [followup.due]
            when:
              - field: followup.kind
                equals: blocked_title
            actions:
              - action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{followup.context.work_id}}"
                  isbn: "{{followup.context.isbn13}}"
                  roles: "{{followup.roles}}"
                  template: title_blocked
                  body_params: ["{{followup.context.title}}", "{{followup.context.summary}} — not acknowledged after {{followup.hours_waiting}} hours (escalation {{followup.escalations}})"]
                  quick_replies: [acknowledge]
                  correlation: "{{followup.key}}"
            """),
            ("blocked-titles-cleared", """
            name: blocked-titles-cleared
            description: Stop escalating when the block clears (recipe blocked-titles)
            trigger:
              consonance:
                events: [exception.cleared]
            actions:
              - action: switchboard.close_followup
                with:
                  key: "blocked:{{exception.key}}"
                  reason: "the exception cleared"
            """),
        ])
}

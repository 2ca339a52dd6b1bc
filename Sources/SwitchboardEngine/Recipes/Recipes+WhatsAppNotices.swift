extension Recipes {
    /// The Consonance → WhatsApp recipes: stage notifications, rights approvals, deadline reminders, launch
    /// readiness and blocked titles.
    static let whatsappNotices: [Recipe] = [stageNotifications, rightsApprovals, deadlineReminders, launchReadiness, blockedTitles]

    /// Consonance → WhatsApp 1: manuscript stage changes.
    static let stageNotifications = Recipe(
        name: "stage-notifications", seed: "Consonance → WhatsApp 1", title: "Manuscript stage notifications",
        summary: "When a work reaches one of the listed stages in Consonance (editorial review complete, copyedit assigned, final proof approved), its author, editor and production lead get the approved stage_update template on WhatsApp — once per person and stage change, only if they opted in.",
        settings: [whatsappConnection,
                   .init(name: "stages", defaultValue: "[\"Editorial review complete\", \"Copyedit assigned\", \"Final proof approved\"]",
                         summary: "Consonance project stages that notify (exact names, as your Consonance spells them)."),
                   .init(name: "roles", defaultValue: "[author, editor, production_lead]", summary: "Contact roles on the title that are told."),
                   .init(name: "template", defaultValue: "stage_update", summary: "Approved template: {{1}} the title, {{2}} the new stage.")],
        flows: [("stage-notifications", """
            name: stage-notifications
            description: Tell a title's people on WhatsApp when its manuscript reaches a stage (recipe stage-notifications)
            trigger:
              consonance:
                events: [work.stage_changed]
            when:
              - field: change.current
                in: ${stages}
            actions:
              - id: notify
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{work.id}}"
                  roles: ${roles}
                  template: ${template}
                  body_params: ["{{work.title}}", "{{change.current}}"]
                  correlation: "stage:{{work.id}}:{{change.current}}"
            """)])

    /// Consonance ↔ WhatsApp 2: rights approvals with buttons, reminders and escalation.
    static let rightsApprovals = Recipe(
        name: "rights-approvals", seed: "Consonance ↔ WhatsApp 2", title: "Rights approvals on WhatsApp",
        summary: "A rights review opened for a title (admin API, CLI or a flow) asks the title's rights holders on WhatsApp with Approve, Decline and Ask a question. The answer — matched to the request through the message it replies to — is recorded on the review and on the review's WebLink in Consonance, and raises rights_review.decided; a question becomes a task for the rights team. No answer: reminders, then escalation, at the hours set in the ladder.",
        settings: [whatsappConnection,
                   .init(name: "holder_roles", defaultValue: "[rights_holder]", summary: "Contact roles on the title that are asked."),
                   .init(name: "ladder", defaultValue: "[{after: 24h, stage: reminder}, {after: 48h, stage: reminder}, {after: 72h, stage: escalation, roles: [editor]}]",
                         summary: "Reminders and escalations while nobody answers (after: a duration or hours; escalations name roles on the title)."),
                   .init(name: "rights_owner", defaultValue: "\"Rights team\"", summary: "Owner of the task opened when a rights holder asks a question.")],
        flows: [
            ("rights-approvals-request", """
            name: rights-approvals-request
            description: Ask the title's rights holders to approve a rights request on WhatsApp (recipe rights-approvals)
            trigger:
              switchboard:
                events: [rights_review.requested]
            when:
              - any:
                  - { field: review.work_id, exists: true }
                  - { field: review.isbn13, exists: true }
            actions:
              - id: chase
                action: switchboard.open_followup
                with:
                  key: "rights_review:{{review.id}}"
                  kind: rights_approval
                  ladder: ${ladder}
                  context:
                    review_id: "{{review.id}}"
                    work_id: "{{review.work_id}}"
                    isbn13: "{{review.isbn13}}"
                    title: "{{review.title}}"
                    right_type: "{{review.right_type}}"
                    requested_by: "{{#review.requested_by}}{{review.requested_by}}{{/review.requested_by}}{{^review.requested_by}}A publisher{{/review.requested_by}}"
                    url: "{{review.url}}"
              - id: ask
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{review.work_id}}"
                  isbn: "{{review.isbn13}}"
                  roles: ${holder_roles}
                  template: rights_approval_request
                  body_params: ["{{#review.requested_by}}{{review.requested_by}}{{/review.requested_by}}{{^review.requested_by}}A publisher{{/review.requested_by}}", "{{review.right_type}}", "{{review.title}}"]
                  quick_replies: [approve, decline, ask_a_question]
                  correlation: "rights_review:{{review.id}}"
            """),
            ("rights-approvals-reply", """
            name: rights-approvals-reply
            description: Record a rights holder's WhatsApp answer on the review and in Consonance (recipe rights-approvals)
            trigger:
              whatsapp:
                events: [message.received]
            when:
              - field: correlation
                matches: "^rights_review:"
            actions:
              - id: decision
                action: switchboard.record_rights_reply
                with:
                  correlation: "{{correlation}}"
                  reply: "{{reply.id}}"
                  text: "{{message.text}}"
                  by: "{{#contact.name}}{{contact.name}}{{/contact.name}}{{^contact.name}}{{message.from}}{{/contact.name}}"
              - id: thanks
                if:
                  - { field: steps.decision.decided, equals: true }
                action: whatsapp.send_text
                with:
                  connection: ${whatsapp_connection}
                  to: "+{{message.from}}"
                  body: "Thank you — we have recorded your answer ({{steps.decision.status}})."
            """),
            ("rights-approvals-chase", """
            name: rights-approvals-chase
            description: Remind rights holders who have not answered, then escalate (recipe rights-approvals)
            trigger:
              switchboard:
                events: [followup.due]
            when:
              - field: followup.kind
                equals: rights_approval
            actions:
              - id: remind
                if:
                  - { field: followup.stage, equals: reminder }
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{followup.context.work_id}}"
                  isbn: "{{followup.context.isbn13}}"
                  roles: ${holder_roles}
                  template: rights_approval_request
                  body_params: ["{{followup.context.requested_by}}", "{{followup.context.right_type}}", "{{followup.context.title}}"]
                  quick_replies: [approve, decline, ask_a_question]
                  correlation: "{{followup.key}}"
              - id: escalate
                if:
                  - { field: followup.stage, equals: escalation }
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  work_id: "{{followup.context.work_id}}"
                  isbn: "{{followup.context.isbn13}}"
                  roles: "{{followup.roles}}"
                  template: switchboard_notice
                  body_params: ["No answer yet from the rights holder of {{followup.context.title}} about the {{followup.context.right_type}} rights, {{followup.hours_waiting}} hours after asking ({{followup.reminders}} reminders). Review: {{followup.context.url}}"]
                  correlation: "{{followup.key}}:escalation:{{followup.stage_index}}"
            """),
            ("rights-approvals-question", """
            name: rights-approvals-question
            description: A rights holder's question becomes a task for the rights team (recipe rights-approvals)
            trigger:
              switchboard:
                events: [rights_review.decided]
            when:
              - field: review.status
                equals: question
            actions:
              - action: switchboard.create_task
                with:
                  title: "Answer {{review.decided_by}} about the {{review.right_type}} rights of {{review.title}}"
                  details: "{{review.decision_note}} — review {{review.url}}"
                  owner: ${rights_owner}
                  due_in_days: 2
                  origin: "rights_review:{{review.id}}:question"
                  work_id: "{{review.work_id}}"
                  isbn13: "{{review.isbn13}}"
            """),
        ])
}

extension Recipes {
    /// The WhatsApp recipes that start from what people send or confirm: pitches, metadata confirmation and royalty
    /// statements.
    static let whatsappConversations: [Recipe] = [pitches, metadataConfirmation, royaltyStatements]

    static let whatsappConnection = Recipe.Setting(name: "whatsapp_connection", defaultValue: "whatsapp", summary: "The WhatsApp connection (business number) to send from.")

    /// WhatsApp → Consonance 4: pitches and submission follow-ups become acquisition opportunities.
    static let pitches = Recipe(
        name: "pitches", seed: "Consonance ↔ WhatsApp 4", title: "Pitches on WhatsApp become acquisition opportunities",
        summary: "A message from an agent or author that answers nothing of ours becomes an acquisition opportunity with the sender, the text and the downloaded attachments; their next messages within the window join it. The sender gets one acknowledgement. Opportunities naming a known ISBN are linked from that title in Consonance.",
        settings: [
            whatsappConnection,
            .init(name: "window_hours", defaultValue: "24", summary: "Messages from the same sender within this many hours join the same open opportunity."),
            .init(name: "sender_roles", defaultValue: "[author, agent]", summary: "Directory contacts with other roles (a printer, say) are not pitching; senders without roles and unknown numbers always count. [] counts everyone."),
            .init(name: "add_senders", defaultValue: "true", summary: "Add unknown senders to the contacts directory (no roles, not opted in) so they can be acknowledged and found later."),
            .init(name: "max_attachment_mb", defaultValue: "25", summary: "Larger attachments are listed on the opportunity but not downloaded."),
            .init(name: "acknowledgement", defaultValue: "\"Thank you{{#contact.name}}, {{contact.name}}{{/contact.name}}. We have received your submission and logged it as {{steps.pitch.opportunity_id}}; our acquisitions team reads every pitch and will reply here. You can send further files or notes in this chat.\"",
                  summary: "The acknowledgement (free text; sent once per opportunity, inside the 24-hour window the sender opened)."),
        ],
        flows: [("pitches", """
            name: pitches
            description: A pitch or submission follow-up on WhatsApp becomes an acquisition opportunity, acknowledged once (recipe pitches)
            trigger:
              whatsapp:
                connection: ${whatsapp_connection}
                events: [message.received]
            when:
              - { field: reply, exists: false }
              - any:
                  - { field: correlation, exists: false }
                  - { field: correlation, matches: "^opportunity:" }
              - { field: message.type, in: [text, image, document, video, audio] }
            actions:
              - id: pitch
                action: switchboard.record_pitch
                with:
                  connection: "{{connection}}"
                  wamid: "{{message.id}}"
                  wa_id: "{{message.from}}"
                  contact_id: "{{contact.id}}"
                  sender_name: "{{contact.name}}"
                  kind: "{{message.type}}"
                  text: "{{message.text}}"
                  received_at: "{{message.timestamp}}"
                  attachments: "{{attachments}}"
                  window_hours: ${window_hours}
                  sender_roles: ${sender_roles}
                  add_sender: ${add_senders}
                  max_attachment_mb: ${max_attachment_mb}
              - id: acknowledge
                if:
                  - { field: steps.pitch.created, equals: true }
                  - { field: steps.pitch.contact_id, exists: true }
                action: whatsapp.send_text
                with:
                  connection: "{{connection}}"
                  to: "{{steps.pitch.contact_id}}"
                  body: ${acknowledgement}
                  correlation: "opportunity:{{steps.pitch.opportunity_id}}"
            """)])

    /// Bi-directional 5: metadata confirmed by the title's people on WhatsApp, then applied in Consonance.
    static let metadataConfirmation = Recipe(
        name: "metadata-confirmation", seed: "Consonance ↔ WhatsApp 5", title: "Metadata confirmation on WhatsApp",
        summary: "A metadata proposal (switchboard metadata propose, or POST /api/metadata-proposals) goes to the title's contacts with the template metadata_confirmation. Confirm writes the subtitle to Consonance and opens a task for the values its API cannot take (contributor names, cover copy, series); Correct, a quoted reply or free text is recorded as a correction with a task.",
        settings: [
            whatsappConnection,
            .init(name: "roles", defaultValue: "[author, editor]", summary: "Who confirms: the title's contacts with these roles."),
            .init(name: "template", defaultValue: "metadata_confirmation", summary: "The approved template: {{1}} the title, {{2}} the proposed values; quick replies Confirm / Correct."),
            .init(name: "owner", defaultValue: "null", summary: "Owner of the tasks it opens (the metadata team)."),
            .init(name: "ladder", defaultValue: "[{after: 48h, stage: reminder}]",
                  summary: "Reminders while nobody answers (after: a duration or hours); [] for none. While it is open, free text from the people asked counts as their answer."),
        ],
        flows: [("metadata-confirmation", """
            name: metadata-confirmation
            description: Ask the title's contacts to confirm proposed metadata (recipe metadata-confirmation)
            trigger:
              switchboard:
                events: [metadata.proposed]
            actions:
              - id: chase
                action: switchboard.open_followup
                with:
                  key: "metadata_proposal:{{proposal.id}}"
                  kind: metadata_confirmation
                  ladder: ${ladder}
                  context:
                    isbn13: "{{proposal.isbn13}}"
                    title: "{{proposal.title}}"
                    summary: "{{proposal.summary}}"
              - id: ask
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  isbn: "{{proposal.isbn13}}"
                  roles: ${roles}
                  template: ${template}
                  body_params: ["{{proposal.title}}", "{{proposal.summary}}"]
                  correlation: "metadata_proposal:{{proposal.id}}"
              - if:
                  - { field: steps.ask.sent_count, equals: 0 }
                action: switchboard.create_task
                with:
                  origin: "metadata_proposal:{{proposal.id}}:unsent"
                  title: "Confirm the metadata of {{proposal.title}} another way: nobody could be asked on WhatsApp"
                  details: "Proposed: {{proposal.summary}}\\nNot sent: {{#steps.ask.skipped}}{{name}} ({{reason}}) {{/steps.ask.skipped}}{{#steps.ask.failed}}{{name}} ({{error}}) {{/steps.ask.failed}}\\nProposal: {{proposal.url}}"
                  owner: ${owner}
                  isbn13: "{{proposal.isbn13}}"
                  work_id: "{{proposal.work_id}}"
            """), ("metadata-confirmation-chase", """
            name: metadata-confirmation-chase
            description: Remind the people asked to confirm metadata who have not answered (recipe metadata-confirmation)
            trigger:
              switchboard:
                events: [followup.due]
            when:
              - { field: followup.kind, equals: metadata_confirmation }
            actions:
              - action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  isbn: "{{followup.context.isbn13}}"
                  roles: ${roles}
                  template: ${template}
                  body_params: ["{{followup.context.title}}", "{{followup.context.summary}}"]
                  correlation: "{{followup.key}}"
            """), ("metadata-confirmation-answers", """
            name: metadata-confirmation-answers
            description: Confirm applies a metadata proposal in Consonance; anything else is a correction with a task (recipe metadata-confirmation)
            trigger:
              whatsapp:
                connection: ${whatsapp_connection}
                events: [message.received]
            when:
              - { field: correlation, matches: "^metadata_proposal:" }
            actions:
              - id: answer
                action: switchboard.answer_metadata_proposal
                with:
                  correlation: "{{correlation}}"
                  wamid: "{{message.id}}"
                  reply_id: "{{reply.id}}"
                  text: "{{message.text}}"
                  contact_id: "{{contact.id}}"
                  contact_name: "{{contact.name}}"
              - id: apply_task
                if:
                  - { field: steps.answer.outcome, equals: confirmed }
                  - { field: steps.answer.pending_count, gt: 0 }
                action: switchboard.create_task
                with:
                  origin: "metadata_proposal:{{steps.answer.proposal_id}}:apply"
                  title: "Apply in Consonance: {{steps.answer.pending_text}} ({{steps.answer.title}})"
                  details: "Confirmed on WhatsApp by {{contact.name}}. Consonance's API cannot write these fields; enter them in Consonance.\\nProposal: {{steps.answer.url}}"
                  owner: ${owner}
                  isbn13: "{{steps.answer.isbn13}}"
                  work_id: "{{steps.answer.work_id}}"
              - id: correction_task
                if:
                  - { field: steps.answer.outcome, equals: correction }
                action: switchboard.create_task
                with:
                  origin: "metadata_proposal:{{steps.answer.proposal_id}}:correction:{{message.from}}"
                  title: "Metadata correction for {{steps.answer.title}} from {{contact.name}}"
                  details: "{{contact.name}} answered: {{message.text}}\\nEvery answer: switchboard metadata show {{steps.answer.proposal_id}} ({{steps.answer.url}})"
                  owner: ${owner}
                  isbn13: "{{steps.answer.isbn13}}"
                  work_id: "{{steps.answer.work_id}}"
              - if:
                  - { field: steps.answer.outcome, equals: confirmed }
                action: whatsapp.send_text
                with:
                  connection: ${whatsapp_connection}
                  to: "{{contact.id}}"
                  body: "Thank you, {{contact.name}}: the new details of {{steps.answer.title}} are confirmed."
              - if:
                  - { field: steps.answer.outcome, equals: correction }
                  - { field: steps.answer.button, equals: true }
                action: whatsapp.send_text
                with:
                  connection: ${whatsapp_connection}
                  to: "{{contact.id}}"
                  body: "Thank you. Please reply to this message with what should change for {{steps.answer.title}}."
                  correlation: "{{correlation}}"
              - if:
                  - { field: steps.answer.outcome, equals: correction }
                  - { field: steps.answer.button, equals: false }
                action: whatsapp.send_text
                with:
                  connection: ${whatsapp_connection}
                  to: "{{contact.id}}"
                  body: "Thank you: your correction to {{steps.answer.title}} has gone to the metadata team."
            """)])

    /// Consonance → WhatsApp 7: royalty statements ready, acknowledgements and payment issues.
    static let royaltyStatements = Recipe(
        name: "royalty-statements", seed: "Consonance ↔ WhatsApp 7", title: "Royalty statements on WhatsApp",
        summary: "Statements imported by CSV (switchboard royalties import) or the admin API notify their payee — a contact, a number, or the title's author and agent contacts — with the template royalty_statement_ready. Acknowledge is kept on the statement; Payment issue opens a task for finance and tells the directory's finance contacts with switchboard_notice. Importing a statement again notifies nobody.",
        settings: [
            whatsappConnection,
            .init(name: "payee_roles", defaultValue: "[author, agent]", summary: "Statements without a payee go to the title's contacts with these roles."),
            .init(name: "template", defaultValue: "royalty_statement_ready", summary: "The approved template: {{1}} the statement's label or title, {{2}} the period; quick replies Acknowledge / Payment issue."),
            .init(name: "finance_roles", defaultValue: "[finance]", summary: "Directory roles told about payment issues."),
            .init(name: "notice_template", defaultValue: "switchboard_notice", summary: "The approved one-parameter template finance is told with."),
            .init(name: "finance_owner", defaultValue: "finance", summary: "Owner of the payment-issue tasks."),
        ],
        flows: [("royalty-statements", """
            name: royalty-statements
            description: Tell the payee a royalty statement is ready (recipe royalty-statements)
            trigger:
              switchboard:
                events: [royalty_statement.ready]
            actions:
              - id: payee
                if:
                  - { field: statement.payee, exists: true }
                action: whatsapp.send_template
                with:
                  connection: ${whatsapp_connection}
                  to: "{{statement.payee}}"
                  template: ${template}
                  body_params: ["{{statement.label}}", "{{statement.period}}"]
                  correlation: "royalty_statement:{{statement.id}}"
              - id: title_contacts
                if:
                  - { field: statement.payee, exists: false }
                action: whatsapp.notify_title_contacts
                with:
                  connection: ${whatsapp_connection}
                  isbn: "{{statement.isbn13}}"
                  roles: ${payee_roles}
                  template: ${template}
                  body_params: ["{{statement.label}}", "{{statement.period}}"]
                  correlation: "royalty_statement:{{statement.id}}"
            """), ("royalty-statements-answers", """
            name: royalty-statements-answers
            description: Keep acknowledgements on the statement; flag payment issues to finance (recipe royalty-statements)
            trigger:
              whatsapp:
                connection: ${whatsapp_connection}
                events: [reply.received]
            when:
              - { field: reply.correlation, matches: "^royalty_statement:" }
            actions:
              - id: answer
                action: switchboard.answer_royalty_statement
                with:
                  correlation: "{{reply.correlation}}"
                  answer: "{{reply.id}}"
                  wamid: "{{message.id}}"
                  contact_id: "{{contact.id}}"
                  contact_name: "{{contact.name}}"
              - id: task
                if:
                  - { field: steps.answer.new_issue, equals: true }
                action: switchboard.create_task
                with:
                  origin: "royalty_statement:{{steps.answer.statement_id}}:payment_issue"
                  title: "Payment issue: {{contact.name}} on the royalty statement for {{steps.answer.label}} ({{steps.answer.period}})"
                  details: "Reported on WhatsApp by {{contact.name}} ({{message.from}}). Statement: {{steps.answer.url}}"
                  owner: ${finance_owner}
                  isbn13: "{{steps.answer.isbn13}}"
              - id: finance
                if:
                  - { field: steps.answer.new_issue, equals: true }
                action: whatsapp.notify_contacts
                with:
                  connection: ${whatsapp_connection}
                  roles: ${finance_roles}
                  template: ${notice_template}
                  body_params: ["Payment issue reported by {{contact.name}} on the royalty statement for {{steps.answer.label}} ({{steps.answer.period}}); task {{steps.task.task_id}}"]
                  correlation: "royalty_statement_issue:{{steps.answer.statement_id}}"
              - if:
                  - { field: steps.answer.outcome, in: [acknowledged, payment_issue] }
                action: whatsapp.send_text
                with:
                  connection: ${whatsapp_connection}
                  to: "{{contact.id}}"
                  body: "{{#steps.answer.new_issue}}Thank you. Our finance team has been told about the payment issue and will contact you.{{/steps.answer.new_issue}}{{^steps.answer.new_issue}}Thank you, {{contact.name}}: noted.{{/steps.answer.new_issue}}"
            """)])
}

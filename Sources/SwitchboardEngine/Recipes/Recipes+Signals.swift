extension Recipes {
    /// Zendesk → Consonance 3: recurring questions become a support signal on the title.
    static let recurringQuestions = Recipe(
        name: "recurring-questions", seed: "Zendesk → Consonance 3", title: "Recurring questions flow back to the title",
        summary: "When a title gets N tickets within a window (default 5 in 7 days), a support signal is recorded on it — the count, links to the tickets and the top topics — and linked from the title in Consonance with a WebLink. Later tickets refresh the same signal.",
        settings: [
            .init(name: "threshold", defaultValue: "5", summary: "Tickets about one title that make a signal."),
            .init(name: "window_days", defaultValue: "7", summary: "The window, in days."),
        ],
        flows: [("recurring-questions", """
            name: recurring-questions
            description: Count tickets per title and record a support signal at the threshold (recipe recurring-questions)
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
              - id: signal
                if:
                  - { field: steps.title.found, equals: true }
                action: switchboard.record_support_signal
                with:
                  ticket_id: "{{ticket.id}}"
                  work_id: "{{steps.title.work_id}}"
                  isbn13: "{{steps.title.isbn13}}"
                  title: "{{steps.title.title}}"
                  subject: "{{ticket.subject}}"
                  text: "{{ticket.description}}"
                  threshold: ${threshold}
                  window_days: ${window_days}
            """)])

    /// Zendesk → Consonance 6: support tagging and reporting per title and format.
    static let supportReporting = Recipe(
        name: "support-reporting", seed: "Zendesk → Consonance 6", title: "Support reporting per title, format and imprint",
        summary: "Tickets carry isbn_…, format_… and imprint_… tags (the title-context recipe adds them). Every day the report of tickets per title is computed from the Zendesk mirror and each title's all-time count is stored on its support signal. `switchboard report titles --by title|format|imprint [--csv]` and GET /api/reports/titles show it any time.",
        settings: [.init(name: "time", defaultValue: "\"06:00\"", summary: "When the daily report runs (UTC unless timezone is set in the flow).")],
        flows: [("support-reporting", """
            name: support-reporting
            description: Daily support report per title from the mirror's tags; refreshes the titles' support signals (recipe support-reporting)
            trigger:
              schedule:
                daily: ${time}
            actions:
              - action: switchboard.support_report
                with:
                  by: title
                  limit: 100
            """)])

    /// Consonance → Zendesk 8: launch preparation.
    static let launches = Recipe(
        name: "launch-preparation", seed: "Consonance → Zendesk 8", title: "Launch preparation",
        summary: "Every day, the titles publishing in the next N days produce a launch digest for support (one ticket per week, with formats, territories and an inquiry forecast from comparable titles) and a Zendesk macro per title with its release date, formats and territories.",
        settings: [zendeskConnection, groupID, .init(name: "days", defaultValue: "30", summary: "How far ahead to look."),
                   .init(name: "time", defaultValue: "\"07:00\"", summary: "When the daily preparation runs.")],
        flows: [("launch-preparation", """
            name: launch-preparation
            description: Launch digest and macros for titles publishing soon (recipe launch-preparation)
            trigger:
              schedule:
                daily: ${time}
            actions:
              - id: digest
                action: switchboard.launch_digest
                with:
                  days: ${days}
              - id: ticket
                if:
                  - { field: steps.digest.count, gt: 0 }
                action: zendesk.ensure_ticket
                with:
                  connection: ${zendesk_connection}
                  key: "launch-digest:{{steps.digest.week}}"
                  subject: "Launch digest — week {{steps.digest.week}}: {{steps.digest.count}} titles"
                  body: "{{steps.digest.digest}}"
                  group_id: ${group_id}
                  type: task
                  tags: [switchboard_created, launch_digest]
              - id: macros
                if:
                  - { field: steps.digest.count, gt: 0 }
                action: zendesk.upsert_launch_macros
                with:
                  connection: ${zendesk_connection}
                  days: ${days}
            """)])
}

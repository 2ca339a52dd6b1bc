import Foundation

/// The actions that keep publishing work moving on WhatsApp: chase the answer to a request with reminders and
/// escalations (``FollowUpLadder``; rungs arrive as `followup.due` events), raise deadline reminders, record a rights
/// holder's answer, and tell when a title's launch checklist is complete. Implementations live in the engine.
extension ActionCatalog {
    public static let followUps: [ActionSpec] = [
        ActionSpec(name: "switchboard.open_followup", summary: "Chase the answer to a request: reminders and escalations at set times until someone replies to a message with the same correlation (once per key while open).", parameters: [
            .init("key", .string, required: true, "The request's key — the correlation its WhatsApp messages carry (e.g. rights_review:{{review.id}})."),
            .init("kind", .string, "What it is, for flows to tell follow-ups apart (rights_approval, blocked_title…)."),
            .init("ladder", .list(.map(.any)), "Rungs: [{after: 24h, stage: reminder}, {after: 48h, stage: escalation, roles: [coordinator]}]; after is a duration or hours."),
            .init("context", .map(.any), "What the rungs' flows need again (title, isbn13, ids); handed back as followup.context."),
        ], outputs: .object(["followup_id": .string, "key": .string, "created": .boolean, "status": .string, "next_at": .optional(.integer), "stages": .integer])),
        ActionSpec(name: "switchboard.close_followup", summary: "Stop chasing the request under a key (nothing if none is open).", parameters: [
            .init("key", .string, required: true, "The request's key."), .init("reason", .string, "Why (kept on the follow-up)."),
        ], outputs: .object(["closed": .boolean, "followup_id": .optional(.string)])),
        ActionSpec(name: "switchboard.deadline_reminders", summary: "Raise a milestone.reminder event for each open milestone due in N days (3 and 1) or overdue (daily, escalating after N), once per milestone and day.", parameters: [
            .init("on", .string, "The day (YYYY-MM-DD or an ISO time such as {{schedule.slot}}); default today (UTC)."),
            .init("before_days", .list(.integer), "Days before the due date that get a reminder (default [3, 1])."),
            .init("escalate_after", .integer, "Overdue reminders before escalating (default 2)."),
            .init("max_overdue_days", .integer, "Stop reminding this many days after the due date (default 60)."),
            .init("kinds", .list(.string), "Only milestones of these kinds (default: all)."),
        ], outputs: .object(["on": .string, "count": .integer, "raised": .integer, "escalations": .integer, "milestones": .list(.string)])),
        ActionSpec(name: "switchboard.record_rights_reply", summary: "Record a rights holder's WhatsApp answer (approve, decline, ask a question) on the review, and on the title's WebLink in Consonance.", parameters: [
            .init("correlation", .string, "The answered message's correlation, rights_review:<id>."), .init("review_id", .string, "Or: the review's id."),
            .init("reply", .string, "The button id or quick-reply payload (approve, decline, ask_a_question); anything else is a question."),
            .init("text", .string, "The message text, kept as the note of a question."), .init("by", .string, "Who answered."),
        ], requireOneOf: [["correlation", "review_id"]],
        outputs: .object(["review_id": .string, "status": .string, "decided": .boolean, "consonance_updated": .boolean,
                          "decided_by": .optional(.string), "note": .optional(.string)])),
        ActionSpec(name: "switchboard.check_launch_readiness", summary: "Whether a title's launch checklist (done milestones of kinds cover_files, jacket_copy, metadata) is complete; raises title.launch_ready the first time.", parameters: [
            .init("work_id", .integer, "The title's work."), .init("isbn13", .string, "Or: one of its ISBNs."),
            .init("checklist", .list(.string), "Milestone kinds that must be done (default [cover_files, jacket_copy, metadata])."),
            .init("title", .string, "The title's name, when neither a milestone nor the catalogue has it."),
        ], requireOneOf: [["work_id", "isbn13"]],
        outputs: .object(["ready": .boolean, "first": .boolean, "missing": .list(.string), "title": .string, "isbn13": .optional(.string),
                          "work_id": .optional(.integer), "publication_date": .optional(.string)])),
    ]
}

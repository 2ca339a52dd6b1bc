import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `switchboard.deadline_reminders`: for one day (the schedule slot's), raise a `milestone.reminder` event for
/// every open milestone that is due in 3 or 1 days or is overdue (see ``DeadlineReminderRule``). Each event's
/// external id names the milestone, its due date and the day, so a day's reminder is raised once however often the
/// schedule fires, and a milestone marked done gets no more.
struct DeadlineRemindersAction: FlowAction {
    let name = "switchboard.deadline_reminders"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let today = try Self.day(input.optionalText("on"))
        var rule = DeadlineReminderRule()
        if input["before_days"] != nil {
            rule.beforeDays = Set(try input.integers("before_days").map(Int.init))
        }
        if let escalate = try input.optionalInteger("escalate_after") { rule.escalateAfter = Int(escalate) }
        if let maximum = try input.optionalInteger("max_overdue_days") { rule.maximumOverdueDays = Int(maximum) }
        rule.kinds = Set(input.strings("kinds"))
        let window = rule.window(today: today)
        let milestones = try await context.store.session { try await $0.milestones(openOnly: true, dueFrom: window.from, dueBy: window.to, limit: 100_000) }
        let reminders = milestones.compactMap { rule.reminder(for: $0, today: today) }
        var raised = 0
        if let runtime = context.events {
            raised = try await context.store.transaction { session in
                var count = 0
                for reminder in reminders {
                    if case .accepted = try await runtime.ingest(Self.event(reminder), in: session) { count += 1 }
                }
                return count
            }
        }
        return .object([
            "on": .string(today), "count": .number(Double(reminders.count)), "raised": .number(Double(raised)),
            "escalations": .number(Double(reminders.filter(\.escalate).count)),
            "milestones": .array(reminders.map { .string($0.milestone.id) }),
        ])
    }

    static func event(_ reminder: DeadlineReminderRule.Reminder) -> Event {
        let milestone = reminder.milestone
        let days = reminder.stage == .before ? reminder.days : -reminder.days
        return Event(source: PublishingRecords.source, type: "milestone.reminder",
                     externalID: "milestone:\(milestone.id):\(milestone.dueOn):reminder:\(reminder.on)",
                     context: .object([
                        "milestone": ConsonancePoller.milestoneContext(milestone, days: days),
                        "reminder": .object(["stage": .string(reminder.stage.rawValue), "overdue": .bool(reminder.stage == .overdue),
                                             "days": .number(Double(reminder.days)),
                                             "overdue_count": .number(Double(reminder.overdueCount)), "escalate": .bool(reminder.escalate),
                                             "on": .string(reminder.on)]),
                     ]))
    }

    /// `YYYY-MM-DD` from a day or an ISO-8601 time (a schedule slot), today (UTC) when not given.
    static func day(_ text: String?) throws -> String {
        guard let text, !text.isEmpty else { return PublishingRules.isoDay(Date()) }
        if PublishingRules.date(text) != nil { return text }
        if let time = ISO8601DateFormatter().date(from: text) { return PublishingRules.isoDay(time) }
        throw ActionError.permanent("switchboard.deadline_reminders: parameter on: \"\(text)\" is not a day (YYYY-MM-DD) or an ISO-8601 time", response: nil)
    }
}

import Foundation
import SwitchboardStore

/// Which open milestones get a deadline reminder on a given day: a set number of days before (3 and 1 by default),
/// and every day once overdue — with an escalation flag once more than `escalateAfter` overdue reminders have gone
/// out. A pure function of the date, so a day's reminders are the same however often they are computed, and a
/// milestone that is done gets none.
public struct DeadlineReminderRule: Sendable, Equatable {
    public var beforeDays: Set<Int>
    /// Overdue reminders before the escalation starts (2: the third overdue day escalates).
    public var escalateAfter: Int
    /// Overdue milestones older than this many days are left alone (history, not news).
    public var maximumOverdueDays: Int
    /// Only milestones of these kinds; empty means every kind.
    public var kinds: Set<String>

    public init(beforeDays: Set<Int> = [3, 1], escalateAfter: Int = 2, maximumOverdueDays: Int = 60, kinds: Set<String> = []) {
        self.beforeDays = beforeDays
        self.escalateAfter = escalateAfter
        self.maximumOverdueDays = maximumOverdueDays
        self.kinds = kinds
    }

    /// A reminder due today for one milestone.
    public struct Reminder: Sendable, Equatable {
        public enum Stage: String, Sendable { case before, overdue }
        public var milestone: PublishingMilestone
        public var stage: Stage
        /// Days left (before) or days late (overdue).
        public var days: Int
        /// Overdue reminders sent by the end of today (one a day from the first day late).
        public var overdueCount: Int
        public var escalate: Bool
        /// The day it is for, `YYYY-MM-DD`.
        public var on: String
    }

    /// The reminder `milestone` gets on `today` (`YYYY-MM-DD`), if any.
    public func reminder(for milestone: PublishingMilestone, today: String) -> Reminder? {
        guard milestone.status == "open", kinds.isEmpty || kinds.contains(milestone.kind) else { return nil }
        let left = PublishingRules.days(from: today, to: milestone.dueOn)
        if left >= 0 {
            guard beforeDays.contains(left) else { return nil }
            return Reminder(milestone: milestone, stage: .before, days: left, overdueCount: 0, escalate: false, on: today)
        }
        let late = -left
        guard late <= maximumOverdueDays else { return nil }
        return Reminder(milestone: milestone, stage: .overdue, days: late, overdueCount: late, escalate: late > escalateAfter, on: today)
    }

    /// The earliest due date that can still get a reminder on `today`, and the latest: the store query's bounds.
    public func window(today: String) -> (from: String, to: String) {
        (Self.shift(today, by: -maximumOverdueDays), Self.shift(today, by: beforeDays.max() ?? 0))
    }

    static func shift(_ day: String, by days: Int) -> String {
        guard let date = PublishingRules.date(day) else { return day }
        return PublishingRules.isoDay(date.addingTimeInterval(TimeInterval(days) * 86_400))
    }
}

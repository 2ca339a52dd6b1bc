import Foundation

/// When a scheduled flow fires: `every: 15m`, `daily: "08:00"` or `cron: "0 8 * * 1-5"`, in a time zone.
///
/// A schedule is a sequence of *slots* (instants). Each slot fires once; the scheduler records fired slots in
/// the database, so several nodes never fire the same slot twice.
public struct Schedule: Sendable, Hashable {
    public enum Rule: Sendable, Hashable {
        /// Slots at multiples of the interval since the Unix epoch (`every: 15m` fires at :00, :15, :30, :45).
        case every(Duration)
        /// Once a day at this local time.
        case daily(hour: Int, minute: Int)
        case cron(CronExpression)
    }

    public var rule: Rule
    public var timeZone: TimeZone

    public init(rule: Rule, timeZone: TimeZone) {
        self.rule = rule
        self.timeZone = timeZone
    }

    /// The latest slot at or before `date`, or nil if none within a year (an impossible cron date).
    public func slot(atOrBefore date: Date) -> Date? {
        switch rule {
        case .every(let interval):
            let seconds = max(1, interval.components.seconds)
            let now = Int64(date.timeIntervalSince1970.rounded(.down))
            return Date(timeIntervalSince1970: TimeInterval(now - ((now % seconds) + seconds) % seconds))
        case .daily(let hour, let minute):
            let calendar = self.calendar
            var components = calendar.dateComponents([.year, .month, .day], from: date)
            components.hour = hour
            components.minute = minute
            components.second = 0
            guard let today = calendar.date(from: components) else { return nil }
            return today <= date ? today : calendar.date(byAdding: .day, value: -1, to: today)
        case .cron(let expression):
            return previousCronSlot(expression, atOrBefore: date)
        }
    }

    /// The first slot after `date`.
    public func slot(after date: Date) -> Date? {
        switch rule {
        case .every(let interval):
            let current = slot(atOrBefore: date) ?? date
            return current.addingTimeInterval(TimeInterval(max(1, interval.components.seconds)))
        case .daily:
            guard let current = slot(atOrBefore: date) else { return nil }
            return calendar.date(byAdding: .day, value: 1, to: current)
        case .cron(let expression):
            return nextCronSlot(expression, after: date)
        }
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Walk forward day by day (at most a year), taking the earliest matching hour and minute after `date`.
    private func nextCronSlot(_ expression: CronExpression, after date: Date) -> Date? {
        let calendar = self.calendar
        let start = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard var day = calendar.date(from: DateComponents(year: start.year, month: start.month, day: start.day)) else { return nil }
        for offset in 0..<367 {
            let parts = calendar.dateComponents([.month, .day, .weekday], from: day)
            if let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
               expression.months.contains(month), expression.matchesDay(day: dayOfMonth, weekday: weekday - 1) {
                let firstHour = offset == 0 ? start.hour ?? 0 : 0
                for hour in firstHour...23 where expression.hours.contains(hour) {
                    let firstMinute = offset == 0 && hour == firstHour ? (start.minute ?? -1) + 1 : 0
                    if let minute = expression.minutes.filter({ $0 >= firstMinute }).min(),
                       let slot = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day), slot > date {
                        return slot
                    }
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
        }
        return nil
    }

    /// Walk back day by day (at most a year), taking the latest matching hour and minute in each day.
    private func previousCronSlot(_ expression: CronExpression, atOrBefore date: Date) -> Date? {
        let calendar = self.calendar
        let start = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard var day = calendar.date(from: DateComponents(year: start.year, month: start.month, day: start.day)) else { return nil }
        for offset in 0..<367 {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday,
               expression.months.contains(month), expression.matchesDay(day: dayOfMonth, weekday: weekday - 1) {
                let lastHour = offset == 0 ? start.hour ?? 23 : 23
                for hour in stride(from: lastHour, through: 0, by: -1) where expression.hours.contains(hour) {
                    let lastMinute = offset == 0 && hour == lastHour ? start.minute ?? 59 : 59
                    if let minute = expression.minutes.filter({ $0 <= lastMinute }).max(),
                       let slot = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day) {
                        return slot
                    }
                }
            }
            guard let previous = calendar.date(byAdding: .day, value: -1, to: day) else { return nil }
            day = previous
        }
        return nil
    }
}

import Foundation
import SwitchboardCore
import Testing

@Suite struct ScheduleTests {
    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func everyAlignsToMultiplesOfTheInterval() {
        let schedule = Schedule(rule: .every(.seconds(900)), timeZone: TimeZone(identifier: "UTC")!)
        #expect(schedule.slot(atOrBefore: date("2026-11-21T10:07:30Z")) == date("2026-11-21T10:00:00Z"))
        #expect(schedule.slot(atOrBefore: date("2026-11-21T10:15:00Z")) == date("2026-11-21T10:15:00Z"))
        #expect(schedule.slot(after: date("2026-11-21T10:15:00Z")) == date("2026-11-21T10:30:00Z"))
    }

    @Test func dailyFollowsTheTimeZoneAcrossDaylightSaving() {
        let london = Schedule(rule: .daily(hour: 8, minute: 0), timeZone: TimeZone(identifier: "Europe/London")!)
        #expect(london.slot(atOrBefore: date("2026-07-01T07:30:00Z")) == date("2026-07-01T07:00:00Z"))
        #expect(london.slot(atOrBefore: date("2026-07-01T06:59:00Z")) == date("2026-06-30T07:00:00Z"))
        #expect(london.slot(atOrBefore: date("2026-12-01T08:30:00Z")) == date("2026-12-01T08:00:00Z"))
        #expect(london.slot(after: date("2026-12-01T08:00:00Z")) == date("2026-12-02T08:00:00Z"))
    }

    @Test func cronExpressions() throws {
        let weekdays = Schedule(rule: .cron(try CronExpression("30 9 * * MON-FRI")), timeZone: TimeZone(identifier: "UTC")!)
        // 2026-11-21 is a Saturday.
        #expect(weekdays.slot(atOrBefore: date("2026-11-21T12:00:00Z")) == date("2026-11-20T09:30:00Z"))
        #expect(weekdays.slot(after: date("2026-11-21T12:00:00Z")) == date("2026-11-23T09:30:00Z"))
        let every5 = Schedule(rule: .cron(try CronExpression("*/5 * * * *")), timeZone: TimeZone(identifier: "UTC")!)
        #expect(every5.slot(atOrBefore: date("2026-11-21T12:07:59Z")) == date("2026-11-21T12:05:00Z"))
        let firstOrMonday = Schedule(rule: .cron(try CronExpression("0 0 1 * 1")), timeZone: TimeZone(identifier: "UTC")!)
        #expect(firstOrMonday.slot(after: date("2026-11-21T00:00:00Z")) == date("2026-11-23T00:00:00Z"))
        #expect(try CronExpression("@daily").description == "@daily")
        #expect(throws: CronError.self) { try CronExpression("* * *") }
        #expect(throws: CronError.self) { try CronExpression("61 * * * *") }
        #expect(throws: CronError.self) { try CronExpression("* * * * 5-2") }
    }

    @Test func durations() {
        #expect(DurationText.parse("15m") == .seconds(900))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("15") == nil)
        #expect(DurationText.parse("5 parsecs") == nil)
        #expect(DurationText.format(.seconds(900)) == "15m")
    }
}

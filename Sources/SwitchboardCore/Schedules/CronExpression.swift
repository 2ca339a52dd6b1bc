import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as in Vixie cron.
///
/// Fields take `*`, numbers, ranges `a-b`, steps `*/n` and `a-b/n`, and lists `a,b`; months and weekdays also
/// take names (`JAN`, `MON`); Sunday is 0 or 7. When both day fields are restricted, a day matches if either
/// does. `@hourly`, `@daily`, `@weekly`, `@monthly` and `@yearly` are accepted.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    public init(_ text: String) throws(CronError) {
        let macros = ["@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
                      "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let expanded = macros[trimmed.lowercased()] ?? trimmed
        let fields = expanded.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else { throw CronError("cron expression \"\(text)\" needs 5 fields (minute hour day-of-month month day-of-week), it has \(fields.count)") }
        self.text = trimmed
        minutes = try Self.field(fields[0], name: "minute", range: 0...59)
        hours = try Self.field(fields[1], name: "hour", range: 0...23)
        daysOfMonth = try Self.field(fields[2], name: "day of month", range: 1...31)
        months = try Self.field(fields[3], name: "month", range: 1...12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], firstNameValue: 1)
        let weekdays = try Self.field(fields[4], name: "day of week", range: 0...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], firstNameValue: 0)
        daysOfWeek = Set(weekdays.map { $0 == 7 ? 0 : $0 })
        dayOfMonthRestricted = fields[2] != "*" && !fields[2].hasPrefix("*/")
        dayOfWeekRestricted = fields[4] != "*" && !fields[4].hasPrefix("*/")
    }

    public var description: String { text }

    /// Whether a day matches the day-of-month and day-of-week fields (weekday 0 = Sunday).
    func matchesDay(day: Int, weekday: Int) -> Bool {
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): return daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
        case (true, false): return daysOfMonth.contains(day)
        case (false, true): return daysOfWeek.contains(weekday)
        case (false, false): return true
        }
    }

    private static func field(_ text: String, name: String, range: ClosedRange<Int>, names: [String] = [], firstNameValue: Int = 0) throws(CronError) -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw CronError("\(name) field \"\(text)\" is not valid") }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw CronError("\(name) step \"\(pieces[1])\" must be a positive number") }
                step = parsed
            }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else {
                let ends = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard ends.count <= 2 else { throw CronError("\(name) range \"\(pieces[0])\" is not valid") }
                let low = try value(ends[0], name: name, range: range, names: names, firstNameValue: firstNameValue)
                let high = ends.count == 2 ? try value(ends[1], name: name, range: range, names: names, firstNameValue: firstNameValue) : (pieces.count == 2 ? range.upperBound : low)
                guard low <= high else { throw CronError("\(name) range \"\(pieces[0])\" runs backwards") }
                bounds = low...high
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    private static func value(_ text: String, name: String, range: ClosedRange<Int>, names: [String], firstNameValue: Int) throws(CronError) -> Int {
        if let index = names.firstIndex(of: text.uppercased()) { return index + firstNameValue }
        guard let number = Int(text), range.contains(number) else {
            throw CronError("\(name) value \"\(text)\" must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }
}

/// Why a cron expression was rejected.
public struct CronError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

import Foundation

/// A calendar date without time or zone, as Consonance's `ISO8601Date` scalar carries it (`2025-06-01`).
///
/// Every date in the Consonance sandbox is one of these: publication and contract dates, and the change stamps behind
/// `changedSince`, which Consonance compares by day only. Counting days since 1970-01-01 makes "a week later" and
/// "before" trivial and keeps the type independent of time zones and `Calendar`.
public struct SandboxDate: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// A valid proleptic Gregorian date, or `nil` (e.g. February 30th).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= SandboxDate.daysIn(month: month, year: year) else { return nil }
        daysSinceEpoch = SandboxDate.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ description: String) {
        let utf8 = Array(description.utf8)
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The current UTC date.
    public static func today(now: Date = Date()) -> SandboxDate {
        SandboxDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public func adding(days: Int) -> SandboxDate {
        SandboxDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from `other` to this date (positive when this one is later).
    public func days(since other: SandboxDate) -> Int {
        daysSinceEpoch - other.daysSinceEpoch
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int {
        let value = (daysSinceEpoch + 4) % 7  // 1970-01-01 was a Thursday
        return value < 0 ? value + 7 : value
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        var text = String(year)
        while text.count < 4 { text = "0" + text }
        return text + (month < 10 ? "-0" : "-") + String(month) + (day < 10 ? "-0" : "-") + String(day)
    }

    public static func < (lhs: SandboxDate, rhs: SandboxDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// Year, month and day (Howard Hinnant's `civil_from_days`).
    var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day of the year, 1…366.
    var dayOfYear: Int {
        daysSinceEpoch - SandboxDate.days(year: year, month: 1, day: 1) + 1
    }

    /// Howard Hinnant's `days_from_civil`.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

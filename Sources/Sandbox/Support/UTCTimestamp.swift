import Foundation

/// Fast conversions between Unix seconds and Zendesk's REST timestamp text `YYYY-MM-DDTHH:MM:SSZ`.
///
/// Export pages format thousands of timestamps; a hand-written civil-calendar conversion avoids a `DateFormatter`
/// per record and any locale or time-zone surprises.
enum UTCTimestamp {
    /// Unix seconds of `date`, rounded down.
    static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The 20 ASCII bytes of `YYYY-MM-DDTHH:MM:SSZ` for `seconds` (years 0…9999).
    static func append(_ seconds: Int64, to bytes: inout [UInt8]) {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        appendDigits(year, count: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, count: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    static func string(_ seconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        append(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    private static func appendDigits(_ value: Int, count: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}

extension UTCTimestamp {
    /// `YYYY-MM-DDTHH:MM:SS.fffffffffZ` with trailing zeros of the fraction removed (at least one digit kept), as
    /// Zendesk writes webhook times (`2023-09-18T23:38:16.09004765Z`).
    static func fractionalString(seconds: Int64, nanoseconds: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(30)
        append(seconds, to: &bytes)
        bytes.removeLast()  // "Z"
        var digits = Array(String(min(max(0, nanoseconds), 999_999_999)).utf8)
        digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: 9 - digits.count), at: 0)
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        bytes.append(UInt8(ascii: "."))
        bytes.append(contentsOf: digits)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A fractional timestamp for `date`, keeping its sub-second part.
    static func fractionalString(_ date: Date) -> String {
        let seconds = self.seconds(date)
        let fraction = date.timeIntervalSince1970 - Double(seconds)
        return fractionalString(seconds: seconds, nanoseconds: Int((fraction * 1e9).rounded(.down)))
    }
}

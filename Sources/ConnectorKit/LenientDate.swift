import Foundation
import LooseJSON

/// Parses the timestamp spellings remote APIs actually send.
///
/// Accepts `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM:SS`, an optional fraction of
/// 1–9 digits, and `Z`, `±HH:MM`, `±HHMM` or no zone (read as UTC). Integers are read as Unix seconds.
/// Foundation's ISO-8601 formatter needs a separate configuration per variant and has been unreliable
/// with more than three fraction digits on Linux, so this is a small hand-written scanner.
public enum LenientDate {
    public static func parse(_ text: String) -> Date? {
        var utf8 = Array(text.utf8)
        while let last = utf8.last, last == 0x20 { utf8.removeLast() }
        var index = 0
        while index < utf8.count, utf8[index] == 0x20 { index += 1 }
        if index < utf8.count, utf8[index...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Int64(String(decoding: utf8[index...], as: UTF8.self)).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }

        func digits(_ count: Int) -> Int? {
            guard index + count <= utf8.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = utf8[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < utf8.count, utf8[index] == byte else { return false }
            index += 1
            return true
        }

        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else { return nil }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var nanos = 0
        var offsetSeconds = 0
        if index < utf8.count {
            guard utf8[index] == 0x54 || utf8[index] == 0x20 || utf8[index] == 0x74 else { return nil }
            index += 1
            guard let h = digits(2), expect(0x3A), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if expect(0x3A) {
                guard let s = digits(2) else { return nil }
                second = s
            }
            if expect(0x2E) || expect(0x2C) {
                var count = 0
                while index < utf8.count, utf8[index] >= 0x30, utf8[index] <= 0x39 {
                    if count < 9 { nanos = nanos * 10 + Int(utf8[index] - 0x30) }
                    count += 1
                    index += 1
                }
                guard count > 0 else { return nil }
                if count < 9 { for _ in count..<9 { nanos *= 10 } }
            }
            if index < utf8.count {
                switch utf8[index] {
                case 0x5A, 0x7A: index += 1
                case 0x2B, 0x2D:
                    let sign = utf8[index] == 0x2D ? -1 : 1
                    index += 1
                    guard let oh = digits(2) else { return nil }
                    _ = expect(0x3A)
                    let om = digits(2) ?? 0
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                default: return nil
                }
            }
            guard hour < 24, minute < 60, second <= 60 else { return nil }
        }
        guard index == utf8.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanos) / 1e9)
    }

    /// Format as `YYYY-MM-DDTHH:MM:SSZ`, the form Zendesk's REST API emits.
    public static func format(_ date: Date) -> String {
        let total = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))Z"
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// Decode dates with ``LenientDate``: ISO-8601 with or without fractions and offsets, or Unix seconds.
    public static var lenient: JSONDecoder.DateDecodingStrategy {
        .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Int64.self) {
                return Date(timeIntervalSince1970: TimeInterval(seconds))
            }
            let text = try container.decode(String.self)
            guard let date = LenientDate.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unrecognised date \"\(text)\"")
            }
            return date
        }
    }
}

extension JSONValueDecoder {
    /// Dates read with ``LenientDate``, as ``JSONDecoder/DateDecodingStrategy/lenient`` does.
    public static let lenient = JSONValueDecoder { value in
        switch value {
        case .number: return value.int64Value.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        case .string(let text): return LenientDate.parse(text)
        default: return nil
        }
    }
}

import Foundation

/// How search terms compare values: ordered enums (`status<solved`), times (`created>2024-01-01`,
/// `updated<4hours`), ids and text (case-insensitive, a trailing `*` is a prefix wildcard).
enum SearchValues {
    /// A term on an ordered property such as status (`new<open<pending<hold<solved<closed`).
    static func ordered(_ current: String?, _ term: SearchQuery.Term, order: [String]) -> Bool {
        let wanted = term.value.lowercased()
        if term.relation == .equals { return wanted == "none" ? current == nil : current == wanted }
        guard let current, let have = order.firstIndex(of: current), let limit = order.firstIndex(of: wanted) else {
            return false
        }
        switch term.relation {
        case .less: return have < limit
        case .lessOrEqual: return have <= limit
        case .greater: return have > limit
        case .greaterOrEqual: return have >= limit
        case .equals: return have == limit
        }
    }

    /// A term on a timestamp. A date means the whole UTC day; `4hours`, `2days`, `1week`… mean that long before
    /// `now`; full ISO-8601 timestamps are exact. Unreadable values match nothing.
    static func time(_ seconds: Int64, _ term: SearchQuery.Term, now: Int64) -> Bool {
        let range: Range<Int64>
        if let day = TimestampParsing.day(term.value) {
            range = day
        } else if let exact = TimestampParsing.seconds(term.value) ?? relative(term.value, now: now) {
            range = exact..<(exact + 1)
        } else {
            return false
        }
        switch term.relation {
        case .equals: return range.contains(seconds)
        case .less: return seconds < range.lowerBound
        case .lessOrEqual: return seconds < range.upperBound
        case .greater: return seconds >= range.upperBound
        case .greaterOrEqual: return seconds >= range.lowerBound
        }
    }

    /// `now` minus `4hours`, `30minutes`, `2days`, `1week`, `3months`, `1year`.
    private static func relative(_ text: String, now: Int64) -> Int64? {
        let lowered = text.lowercased()
        let digits = lowered.prefix { $0.isNumber }
        guard let amount = Int64(digits) else { return nil }
        let unit = lowered.dropFirst(digits.count)
        let scales: [(String, Int64)] = [("minute", 60), ("hour", 3600), ("day", 86_400), ("week", 604_800),
                                         ("month", 2_592_000), ("year", 31_536_000)]
        guard let scale = scales.first(where: { unit == $0.0 || unit == $0.0 + "s" })?.1 else { return nil }
        return now - amount * scale
    }

    /// Whether `text` contains the term's value, ignoring case (a trailing `*` is ignored: containment already
    /// covers the prefix match it asks for).
    static func contains(_ text: String?, _ value: String) -> Bool {
        guard let text else { return false }
        let needle = value.hasSuffix("*") ? String(value.dropLast()) : value
        return needle.isEmpty || text.range(of: needle, options: .caseInsensitive) != nil
    }

    /// Exact, case-insensitive equality, with a trailing `*` as a prefix wildcard.
    static func equals(_ text: String?, _ value: String) -> Bool {
        guard let text else { return value.lowercased() == "none" }
        if value.hasSuffix("*") { return text.lowercased().hasPrefix(value.dropLast().lowercased()) }
        return text.lowercased() == value.lowercased()
    }
}

import Foundation

/// Writes an iCalendar (RFC 5545) feed of dated publishing records — milestones, tasks, rights reviews — so a team
/// can subscribe to them in any calendar application, the way Consonance's own calendar feeds work.
///
/// Entries are all-day events (`DTSTART;VALUE=DATE`), lines are folded at 75 octets and text is escaped as the RFC
/// requires, so strict clients (Outlook, Google Calendar) accept the feed.
public struct ICalendarFeed: Sendable {
    /// One entry of the feed.
    public struct Entry: Sendable, Equatable {
        /// Stable across feed refreshes, so calendars update an entry instead of adding a copy.
        public var uid: String
        public var summary: String
        /// `YYYY-MM-DD`.
        public var date: String
        public var description: String?
        public var url: String?
        /// `CONFIRMED`, `CANCELLED`…; done items are marked `COMPLETED` in their description's first line instead.
        public var categories: [String]
        public var lastModified: Date

        public init(uid: String, summary: String, date: String, description: String? = nil, url: String? = nil, categories: [String] = [],
                    lastModified: Date) {
            self.uid = uid
            self.summary = summary
            self.date = date
            self.description = description
            self.url = url
            self.categories = categories
            self.lastModified = lastModified
        }
    }

    public var name: String
    public var entries: [Entry]

    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
    }

    /// The feed as text with CRLF line endings.
    public func render(now: Date = Date()) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Switchboard//Publishing calendar//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + Self.escape(name)]
        for entry in entries {
            guard let day = Self.basicDate(entry.date), let next = Self.nextDay(entry.date) else { continue }
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + Self.escape(entry.uid))
            lines.append("DTSTAMP:" + Self.timestamp(now))
            lines.append("LAST-MODIFIED:" + Self.timestamp(entry.lastModified))
            lines.append("DTSTART;VALUE=DATE:" + day)
            lines.append("DTEND;VALUE=DATE:" + next)
            lines.append("SUMMARY:" + Self.escape(entry.summary))
            if let description = entry.description { lines.append("DESCRIPTION:" + Self.escape(description)) }
            if let url = entry.url { lines.append("URL:" + url) }
            if !entry.categories.isEmpty { lines.append("CATEGORIES:" + entry.categories.map(Self.escape).joined(separator: ",")) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, newlines become `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF and one space, never
    /// splitting a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var current = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if current + size > limit {
                result += "\r\n "
                current = 0
                limit = 74
            }
            result.append(character)
            current += size
        }
        return result
    }

    static func basicDate(_ iso: String) -> String? {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, parts.allSatisfy({ Int($0) != nil }) else { return nil }
        return parts.joined()
    }

    static func nextDay(_ iso: String) -> String? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              let next = calendar.date(byAdding: .day, value: 1, to: date) else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: next)
        return String(format: "%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}

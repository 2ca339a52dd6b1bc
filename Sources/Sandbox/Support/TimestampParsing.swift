import Foundation

/// Reads the timestamps clients send (`updated_stamp`, search dates): ISO-8601 with or without a fraction or offset,
/// or a bare `YYYY-MM-DD` date, using Foundation's ISO-8601 parser.
enum TimestampParsing {
    /// Unix seconds of a full ISO-8601 timestamp, or `nil`.
    static func seconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces()
        let styles = [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)]
        for style in styles {
            if let date = try? style.parse(trimmed) { return UTCTimestamp.seconds(date) }
        }
        if let date = try? Date(trimmed, strategy: .iso8601) { return UTCTimestamp.seconds(date) }
        return nil
    }

    /// The UTC day `YYYY-MM-DD` as `start..<start + 86400` in Unix seconds, or `nil`.
    static func day(_ text: String) -> Range<Int64>? {
        let trimmed = text.trimmingSpaces()
        guard trimmed.count == 10,
              let date = try? Date.ISO8601FormatStyle().year().month().day().parse(trimmed) else { return nil }
        let start = UTCTimestamp.seconds(date)
        return start..<(start + 86_400)
    }
}

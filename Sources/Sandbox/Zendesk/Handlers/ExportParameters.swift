import Foundation

/// Parameters shared by the incremental export endpoints: page size, start time or cursor, the export cutoff.
struct ExportParameters {
    static let maximumPageSize = 1000

    /// Records per page (default and maximum 1000).
    var perPage: Int
    /// Whether the client passed `per_page` (it is then repeated in the next link).
    var perPageGiven: Bool
    /// Newest timestamp the export may return (`now − exportLag`).
    var cutoff: Int64
    /// `include=` values.
    var include: [String]

    init(query: QueryItems, now: Int64, exportLag: Duration) {
        let requested = query["per_page"].flatMap { Int($0) }
        perPage = min(ExportParameters.maximumPageSize, max(1, requested ?? ExportParameters.maximumPageSize))
        perPageGiven = requested != nil
        cutoff = now - Int64(DurationText.seconds(exportLag).rounded(.up))
        include = query.list("include")
    }

    /// The validated `start_time`, or the error response Zendesk gives.
    func startTime(_ query: QueryItems, exportLag: Duration) -> Result<Int64, APIResponseError> {
        guard let text = query["start_time"] else {
            return .failure(APIResponseError(ZendeskErrors.parameterMissing("start_time")))
        }
        guard let value = Int64(text), value >= 0 else {
            return .failure(APIResponseError(ZendeskErrors.simple(.unprocessableContent, code: "InvalidValue",
                                                                  description: "start_time is invalid")))
        }
        guard value <= cutoff else {
            return .failure(APIResponseError(ZendeskErrors.simple(
                .unprocessableContent, code: "InvalidValue",
                description: "Too recent start_time. Use a start_time older than \(ExportParameters.lagText(exportLag))")))
        }
        return .success(value)
    }

    /// Query parameters to repeat in `after_url` / `next_page`.
    var repeatedQuery: [(String, String)] {
        var items: [(String, String)] = []
        if perPageGiven { items.append(("per_page", String(perPage))) }
        if !include.isEmpty { items.append(("include", include.joined(separator: ","))) }
        return items
    }

    /// "1 minute", "5 minutes", "30 seconds".
    static func lagText(_ lag: Duration) -> String {
        let seconds = Int(DurationText.seconds(lag).rounded(.up))
        if seconds > 0 && seconds % 60 == 0 {
            let minutes = seconds / 60
            return minutes == 1 ? "1 minute" : "\(minutes) minutes"
        }
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }
}

/// Zendesk's opaque export cursor: base64 of `"<epoch>.0||<last id>|"`.
enum ExportCursor {
    static func encode(_ key: ExportKey) -> String {
        Data("\(key.timestamp).0||\(key.id)|".utf8).base64EncodedString()
    }

    static func decode(_ text: String) -> ExportKey? {
        var padded = text
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded), let decoded = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = decoded.components(separatedBy: "||")
        guard parts.count == 2, let seconds = Double(parts[0]), seconds.isFinite, seconds >= 0,
              parts[1].hasSuffix("|"), let id = Int64(parts[1].dropLast()) else { return nil }
        return ExportKey(timestamp: Int64(seconds), id: id)
    }
}

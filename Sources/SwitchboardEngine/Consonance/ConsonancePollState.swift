import Foundation

/// Where Consonance polling stands, stored as inspectable JSON in `sync_cursors` (stream `works`).
///
/// `since` is the day the last complete pass started: the next pass asks for works changed since the day before
/// (`changedSince` is day-granular). While a pass runs, `after` is the last work id committed, so a killed poll
/// resumes after it with the same `pass` id and the same `backfill` flag.
struct ConsonancePollState: Codable, Sendable, Equatable {
    var since: String?
    var after: Int?
    var pass: String?
    var passDay: String?
    var backfill: Bool

    init(since: String? = nil, after: Int? = nil, pass: String? = nil, passDay: String? = nil, backfill: Bool = true) {
        self.since = since
        self.after = after
        self.pass = pass
        self.passDay = passDay
        self.backfill = backfill
    }

    enum CodingKeys: String, CodingKey { case since, after, pass, passDay = "pass_day", backfill }

    static let stream = "works"

    var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    static func parse(_ text: String?) -> ConsonancePollState {
        guard let text, let state = try? JSONDecoder().decode(ConsonancePollState.self, from: Data(text.utf8)) else { return ConsonancePollState() }
        return state
    }
}

/// What one poll did, for the CLI, logs and tests.
public struct ConsonancePollSummary: Sendable, Codable, Equatable {
    public var connection: String
    public var pass: String
    /// The first pass imports the catalogue and reports no changes.
    public var backfill: Bool
    /// The pass continued one that was interrupted.
    public var resumed: Bool
    public var pages: Int = 0
    public var works: Int = 0
    public var products: Int = 0
    public var contracts: Int = 0
    /// Events stored (new ones; repeats are dropped by the event log).
    public var events: Int = 0
    public var eventTypes: [String: Int] = [:]
    /// Records that could not be read, kept in quarantine.
    public var quarantined: Int = 0
    public var seconds: Double = 0

    enum CodingKeys: String, CodingKey {
        case connection, pass, backfill, resumed, pages, works, products, contracts, events, eventTypes = "event_types", quarantined, seconds
    }
}

/// The request budgets the Zendesk sandbox enforces, parsed from text such as `account=700/60s,export=10/60s`.
///
/// Zendesk meters the account (plan requests per minute) and the incremental-export family separately; clients must
/// honour both. Tests shrink the budgets and windows so limits are reached and reset in milliseconds.
public struct RateLimitSpec: Sendable, Equatable, CustomStringConvertible {
    /// One fixed-window budget: at most `limit` requests per `period`.
    public struct Budget: Sendable, Equatable {
        public var limit: Int
        public var period: Duration

        public init(limit: Int, period: Duration) {
            self.limit = limit
            self.period = period
        }
    }

    /// Budget for every `/api/v2` endpoint except incremental exports; `nil` means unlimited.
    public var account: Budget?
    /// Budget shared by all incremental export endpoints; `nil` means unlimited.
    public var export: Budget?

    public init(account: Budget?, export: Budget?) {
        self.account = account
        self.export = export
    }

    /// Zendesk Enterprise: 700 requests per minute, exports 10 per minute.
    public static let zendeskDefault = RateLimitSpec(
        account: Budget(limit: 700, period: .seconds(60)),
        export: Budget(limit: 10, period: .seconds(60))
    )

    /// No limits at all.
    public static let unlimited = RateLimitSpec(account: nil, export: nil)

    /// Parses `account=700/60s,export=10/60s`, `none`, or a subset (unnamed budgets keep Zendesk's defaults).
    /// A budget may also be `none` (`export=none`). Durations accept `ms`, `s` and `m`.
    public init(parsing text: String) throws(SpecParseError) {
        let trimmed = text.trimmingSpaces()
        if trimmed == "none" || trimmed == "unlimited" {
            self = .unlimited
            return
        }
        guard !trimmed.isEmpty else {
            throw SpecParseError("rate limits: empty spec (expected e.g. \"account=700/60s,export=10/60s\" or \"none\")")
        }
        self = .zendeskDefault
        for part in trimmed.split(separator: ",").map({ String($0).trimmingSpaces() }) {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pieces.count == 2 else {
                throw SpecParseError("rate limits: '\(part)' is not of the form name=count/duration (e.g. account=700/60s)")
            }
            let budget = try RateLimitSpec.parseBudget(pieces[1], part: part)
            switch pieces[0] {
            case "account": account = budget
            case "export": export = budget
            default:
                throw SpecParseError("rate limits: unknown budget '\(pieces[0])' in '\(part)' (expected account or export)")
            }
        }
    }

    private static func parseBudget(_ text: String, part: String) throws(SpecParseError) -> Budget? {
        if text == "none" || text == "unlimited" { return nil }
        let pieces = text.split(separator: "/", maxSplits: 1).map { String($0).trimmingSpaces() }
        guard pieces.count == 2 else {
            throw SpecParseError("rate limits: '\(part)' needs count/duration, e.g. 700/60s")
        }
        guard let limit = Int(pieces[0]), limit > 0 else {
            throw SpecParseError("rate limits: '\(pieces[0])' in '\(part)' is not a positive request count")
        }
        guard let period = DurationText.parse(pieces[1]), period > .zero else {
            throw SpecParseError("rate limits: '\(pieces[1])' in '\(part)' is not a duration (use e.g. 500ms, 60s, 1m)")
        }
        return Budget(limit: limit, period: period)
    }

    public var description: String {
        func text(_ budget: Budget?) -> String {
            guard let budget else { return "none" }
            return "\(budget.limit)/\(Int64(DurationText.seconds(budget.period) * 1000))ms"
        }
        return "account=\(text(account)),export=\(text(export))"
    }
}

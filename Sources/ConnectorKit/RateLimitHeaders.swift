import Foundation

/// What a response says about the budget it was charged to.
///
/// Zendesk reports the account budget in `x-rate-limit` / `x-rate-limit-remaining` and, on list and export
/// endpoints, the endpoint's budget in `ratelimit-limit` / `ratelimit-remaining` / `ratelimit-reset`.
/// `Retry-After` accompanies 429 and some 503 responses and may be fractional.
public struct RateLimitHeaders: Sendable, Equatable {
    public var limit: Int?
    public var remaining: Int?
    /// Seconds until the budget's window resets.
    public var resetAfter: Double?
    /// Seconds the server asks the client to wait (429 / 503).
    public var retryAfter: Double?

    public init(limit: Int? = nil, remaining: Int? = nil, resetAfter: Double? = nil, retryAfter: Double? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.resetAfter = resetAfter
        self.retryAfter = retryAfter
    }

    /// Read the headers of `response`, preferring the endpoint-specific `ratelimit-*` family and falling
    /// back to the account-wide `x-rate-limit*` pair.
    public init(response: InboundResponse) {
        func int(_ name: String) -> Int? { response.header(name).flatMap { Int($0.trimmingHTTPWhitespace) } }
        self.limit = int("ratelimit-limit") ?? int("x-rate-limit")
        self.remaining = int("ratelimit-remaining") ?? int("x-rate-limit-remaining")
        self.resetAfter = response.header("ratelimit-reset").flatMap(Self.seconds)
        self.retryAfter = response.header("retry-after").flatMap(Self.seconds)
    }

    /// Parse a delay in seconds: an integer, a decimal, or an HTTP date.
    static func seconds(_ text: String) -> Double? {
        let trimmed = String(text.trimmingHTTPWhitespace)
        if let value = Double(trimmed), value.isFinite, value >= 0 { return value }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        if let date = formatter.date(from: trimmed) { return max(0, date.timeIntervalSinceNow) }
        return nil
    }
}

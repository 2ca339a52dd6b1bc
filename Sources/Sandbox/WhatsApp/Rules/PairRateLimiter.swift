import Foundation

/// Meta's pair rate limit between the business number and one user (131056): a token bucket per recipient holding
/// `burst` messages and refilled one per `interval`.
struct PairRateLimiter: Sendable {
    var rule: PairRateLimit
    private var buckets: [String: (tokens: Double, updated: Date)] = [:]

    init(rule: PairRateLimit) {
        self.rule = rule
    }

    /// Takes one token for `waID`; `false` when the bucket is empty (or the rule disabled → always `true`).
    mutating func admit(_ waID: String, at now: Date) -> Bool {
        guard rule.isEnabled else { return true }
        let capacity = Double(rule.burst)
        let seconds = Double(rule.interval.components.seconds) + Double(rule.interval.components.attoseconds) * 1e-18
        var bucket = buckets[waID] ?? (capacity, now)
        if seconds > 0 {
            bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.updated) / seconds)
        } else {
            bucket.tokens = capacity
        }
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[waID] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[waID] = bucket
        return true
    }

    mutating func reset() {
        buckets.removeAll()
    }
}

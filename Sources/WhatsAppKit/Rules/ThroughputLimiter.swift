import Foundation

/// Keeps each business number under its messages-per-second throughput (reference §3.2: 80/s by default, 20/s for
/// numbers shared with the WhatsApp Business app, up to 1,000/s when Meta raises it).
///
/// One ``TokenBucket`` per phone-number id. ``acquire(for:)`` waits until the message may go and never drops it;
/// ``pause(_:until:)`` applies the global back-off after a 130429. Reservations are made before any suspension, so
/// concurrent callers get distinct, correctly spaced slots.
public actor ThroughputLimiter {
    public static let defaultMessagesPerSecond: Double = 80

    public nonisolated let defaultRate: Double
    private let clock: any SendClock
    private var rates: [String: Double] = [:]
    private var bursts: [String: Int] = [:]
    private var buckets: [String: TokenBucket] = [:]

    public init(messagesPerSecond: Double = ThroughputLimiter.defaultMessagesPerSecond, clock: any SendClock = SystemSendClock()) {
        self.defaultRate = messagesPerSecond.isFinite && messagesPerSecond > 0 ? messagesPerSecond : Self.defaultMessagesPerSecond
        self.clock = clock
    }

    /// Use another rate for one number (for example 20/s under coexistence); resets that number's bucket. `burst` is
    /// how many messages may go back to back after an idle spell (default: one second's worth). A burst of 1 spaces
    /// every message evenly, so no one-second window ever holds more than the rate — what a limit counted over a
    /// sliding second (as the sandbox counts it, and as Meta may) needs.
    public func setRate(_ messagesPerSecond: Double, burst: Int? = nil, for phoneNumberID: String) {
        rates[phoneNumberID] = messagesPerSecond
        bursts[phoneNumberID] = burst
        buckets[phoneNumberID] = TokenBucket(rate: messagesPerSecond, capacity: burst)
    }

    /// Charge one message now and return when it may be sent, without waiting.
    public func reserve(for phoneNumberID: String) -> Date {
        let now = clock.now()
        var bucket = buckets[phoneNumberID] ?? TokenBucket(rate: rates[phoneNumberID] ?? defaultRate, capacity: bursts[phoneNumberID])
        let slot = bucket.reserve(at: now)
        buckets[phoneNumberID] = bucket
        return slot
    }

    /// Wait for this number's next slot; returns the instant the slot began.
    @discardableResult
    public func acquire(for phoneNumberID: String) async throws -> Date {
        let slot = reserve(for: phoneNumberID)
        try await clock.sleep(until: slot)
        return slot
    }

    /// Hold all sends from `phoneNumberID` until `date` (after 130429 "throughput limit reached").
    public func pause(_ phoneNumberID: String, until date: Date) {
        var bucket = buckets[phoneNumberID] ?? TokenBucket(rate: rates[phoneNumberID] ?? defaultRate, capacity: bursts[phoneNumberID])
        bucket.pause(until: date)
        buckets[phoneNumberID] = bucket
    }
}

import Foundation

/// A token bucket that schedules rather than refuses: each ``reserve(at:)`` returns the instant the next message may
/// go, so nothing is ever dropped, only spaced.
///
/// Holds `capacity` tokens refilled at `rate` per second. Implemented as the equivalent generic cell-rate algorithm
/// (one "theoretical arrival time"), which makes it a small pure value: the same inputs always give the same
/// schedule. ``pause(until:)`` holds every reservation back after a throughput error (130429).
public struct TokenBucket: Sendable, Hashable {
    /// Tokens added per second.
    public let rate: Double
    /// Largest burst sent back to back after an idle period.
    public let capacity: Int
    /// Times are kept as whole nanoseconds since 1970 so that long schedules do not drift with floating-point sums.
    private let intervalNanos: Int64
    private var theoreticalArrival: Int64?
    private var pausedUntil: Int64?

    public init(rate: Double, capacity: Int? = nil) {
        let safeRate = rate.isFinite && rate > 0 ? min(rate, 1e9) : 1
        self.rate = safeRate
        self.capacity = max(1, capacity ?? Int(safeRate.rounded(.up)))
        self.intervalNanos = max(1, Int64((1e9 / safeRate).rounded()))
    }

    private var burstToleranceNanos: Int64 { Int64(capacity - 1) * intervalNanos }

    /// Charge one message requested at `now`; returns when it may be sent (`now` itself, or later).
    public mutating func reserve(at now: Date) -> Date {
        let requested = Self.nanos(now)
        var sendAt = max(requested, pausedUntil ?? requested)
        if let arrival = theoreticalArrival {
            sendAt = max(sendAt, arrival - burstToleranceNanos)
            theoreticalArrival = max(arrival, sendAt) + intervalNanos
        } else {
            theoreticalArrival = sendAt + intervalNanos
        }
        return sendAt == requested ? now : Self.date(sendAt)
    }

    /// When a message requested at `now` could go, without charging it.
    public func nextAvailable(at now: Date) -> Date {
        var copy = self
        return copy.reserve(at: now)
    }

    /// Hold every send until `date` (a global back-off); an earlier pause never shortens a later one.
    public mutating func pause(until date: Date) {
        let until = Self.nanos(date)
        if let pausedUntil, pausedUntil >= until { return }
        pausedUntil = until
    }

    static func nanos(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1e9).rounded()
        guard value.isFinite else { return 0 }
        return value >= 9.2e18 ? .max / 2 : (value <= -9.2e18 ? .min / 2 : Int64(value))
    }

    static func date(_ nanos: Int64) -> Date {
        Date(timeIntervalSince1970: Double(nanos / 1_000_000_000) + Double(nanos % 1_000_000_000) / 1e9)
    }
}

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
    private var theoreticalArrival: Date?
    private var pausedUntil: Date?

    public init(rate: Double, capacity: Int? = nil) {
        let safeRate = rate.isFinite && rate > 0 ? rate : 1
        self.rate = safeRate
        self.capacity = max(1, capacity ?? Int(safeRate.rounded(.up)))
    }

    private var interval: TimeInterval { 1 / rate }
    private var burstTolerance: TimeInterval { Double(capacity - 1) * interval }

    /// Charge one message requested at `now`; returns when it may be sent (`now` or later).
    public mutating func reserve(at now: Date) -> Date {
        var earliest = now
        if let pausedUntil, pausedUntil > earliest { earliest = pausedUntil }
        var sendAt = earliest
        if let arrival = theoreticalArrival {
            let conforming = arrival.addingTimeInterval(-burstTolerance)
            if conforming > sendAt { sendAt = conforming }
            theoreticalArrival = max(arrival, sendAt).addingTimeInterval(interval)
        } else {
            theoreticalArrival = sendAt.addingTimeInterval(interval)
        }
        return sendAt
    }

    /// When a message requested at `now` could go, without charging it.
    public func nextAvailable(at now: Date) -> Date {
        var copy = self
        return copy.reserve(at: now)
    }

    /// Hold every send until `date` (a global back-off); an earlier pause never shortens a later one.
    public mutating func pause(until date: Date) {
        if let pausedUntil, pausedUntil >= date { return }
        pausedUntil = date
    }
}

import Foundation

/// How often and how patiently a failed remote call is tried again.
///
/// Delays grow exponentially from ``baseDelay`` up to ``maxDelay``; ``jitter`` spreads them so that
/// many clients recovering from the same outage do not retry in lockstep.
public struct RetryPolicy: Sendable, Equatable {
    /// Total attempts, including the first one.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// Fraction of each delay that is randomised (0 = fixed delays, 1 = anywhere from 0 to the full delay).
    public var jitter: Double
    /// Separate, larger allowance for `429 Too Many Requests`: being told to wait is not a failure,
    /// but a remote that never stops saying it must end the call eventually.
    public var maxRateLimitWaits: Int

    public init(maxAttempts: Int = 8, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(60), jitter: Double = 0.5, maxRateLimitWaits: Int = 30) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
        self.maxRateLimitWaits = max(1, maxRateLimitWaits)
    }

    public static let standard = RetryPolicy()

    /// The delay before attempt `failedAttempts + 1`, given how many attempts have failed so far (≥ 1).
    public func delay(afterFailedAttempts failedAttempts: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(failedAttempts - 1, 0), 30)
        let raw = min(baseDelay.seconds * pow(2, Double(exponent)), maxDelay.seconds)
        let randomPart = raw * jitter * Double.random(in: 0...1, using: &generator)
        return .milliseconds(Int64(((raw - randomPart) * 1000).rounded()))
    }

    public func delay(afterFailedAttempts failedAttempts: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailedAttempts: failedAttempts, using: &generator)
    }
}

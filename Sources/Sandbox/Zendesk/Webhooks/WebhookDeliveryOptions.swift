import Foundation

/// How the sandbox delivers webhook requests. Zendesk delivers at least once, times out slow receivers and retries
/// some failures (reference §8.5); these knobs keep that behaviour but let tests make it fast and deterministic.
public struct WebhookDeliveryOptions: Sendable, Equatable {
    /// Probability that a successful delivery is sent once more, unchanged except for a fresh signature timestamp.
    /// Receivers must be idempotent; tests set 0 or 1.
    public var duplicateProbability: Double
    /// How long the receiver has to answer before the attempt counts as timed out (Zendesk: about 10 s).
    public var timeout: Duration
    /// Waits before the first, second, … retry; the last one repeats. Not used for 429/503, which wait `Retry-After`.
    public var retryDelays: [Duration]
    /// Multiplies `Retry-After` waits of 429/503 retries (1 honours them; tests may use e.g. 0.01).
    public var retryAfterScale: Double
    /// Seed of the generator that decides duplicates; `nil` derives one from the sandbox's seed.
    public var seed: UInt64?

    public init(duplicateProbability: Double = 0.1, timeout: Duration = .seconds(10),
                retryDelays: [Duration] = [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30)],
                retryAfterScale: Double = 1, seed: UInt64? = nil) {
        self.duplicateProbability = duplicateProbability
        self.timeout = timeout
        self.retryDelays = retryDelays
        self.retryAfterScale = retryAfterScale
        self.seed = seed
    }

    /// Fast settings for tests: no duplicates, 20 ms between retries, and a 10 s timeout — on a loaded machine a slower
    /// answer must not count as a failure and be delivered twice.
    public static let fastForTests = WebhookDeliveryOptions(
        duplicateProbability: 0, timeout: .seconds(10), retryDelays: [.milliseconds(20)], retryAfterScale: 0.01)

    /// The wait before retry number `retry` (1-based).
    func delay(beforeRetry retry: Int) -> Duration {
        guard let last = retryDelays.last else { return .zero }
        return retry - 1 < retryDelays.count ? retryDelays[max(0, retry - 1)] : last
    }
}

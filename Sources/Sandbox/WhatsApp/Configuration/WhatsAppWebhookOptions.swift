/// How the sandbox delivers webhooks. Meta delivers at least once and retries failed deliveries with back-off for
/// days (reference §2.3); these knobs keep that behaviour observable in seconds, and deterministic under a seed.
public struct WhatsAppWebhookOptions: Sendable, Equatable {
    /// Probability that a delivery the receiver accepted is sent once more, byte for byte.
    public var duplicateProbability: Double
    /// Waits before the first, second, … retry; the last one repeats until `maximumAttempts`.
    public var retryDelays: [Duration]
    /// Attempts per webhook, the first included, before it is given up.
    public var maximumAttempts: Int
    /// How long the receiver has to answer an attempt.
    public var timeout: Duration

    public init(duplicateProbability: Double = 0.05,
                retryDelays: [Duration] = [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16)],
                maximumAttempts: Int = 8, timeout: Duration = .seconds(10)) {
        self.duplicateProbability = min(1, max(0, duplicateProbability))
        self.retryDelays = retryDelays
        self.maximumAttempts = max(1, maximumAttempts)
        self.timeout = timeout
    }

    /// No duplicates, 20 ms between retries, 5 attempts, a 2 s timeout.
    public static let fastForTests = WhatsAppWebhookOptions(duplicateProbability: 0, retryDelays: [.milliseconds(20)],
                                                            maximumAttempts: 5, timeout: .seconds(10))

    func delay(beforeRetry retry: Int) -> Duration {
        guard let last = retryDelays.last else { return .zero }
        return retry - 1 < retryDelays.count ? retryDelays[max(0, retry - 1)] : last
    }
}

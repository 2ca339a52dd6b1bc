/// What came of one webhook request.
enum WebhookAttemptOutcome: Sendable, Equatable {
    case response(status: Int, retryAfter: Double?)
    case timeout
    case connectionFailed(String)

    /// The invocation status Zendesk's API reports for this outcome.
    var invocationStatus: String {
        switch self {
        case .response(let status, _) where (200..<300).contains(status): return "success"
        case .response(429, _): return "throttled"
        case .response(let status, _) where status >= 500: return "server error"
        case .response: return "client error"
        case .timeout: return "timeout"
        case .connectionFailed: return "failed"
        }
    }
}

/// Zendesk's retry rules for webhook deliveries (reference §8.5): timeouts and connection failures are retried up
/// to 5 times, 409 up to 3 times, 429 and 503 only when `Retry-After` is under 60 seconds; other statuses are final.
struct WebhookRetryPolicy: Sendable {
    static let maximumTimeoutRetries = 5
    static let maximumConflictRetries = 3
    static let maximumThrottleRetries = 5
    static let retryAfterLimit = 60.0

    enum Decision: Sendable, Equatable {
        case succeeded
        case retry(after: Duration)
        case gaveUp
    }

    private(set) var timeoutRetries = 0
    private(set) var conflictRetries = 0
    private(set) var throttleRetries = 0

    var retries: Int { timeoutRetries + conflictRetries + throttleRetries }

    mutating func decide(_ outcome: WebhookAttemptOutcome, options: WebhookDeliveryOptions) -> Decision {
        switch outcome {
        case .response(let status, _) where (200..<300).contains(status):
            return .succeeded
        case .response(409, _):
            guard conflictRetries < WebhookRetryPolicy.maximumConflictRetries else { return .gaveUp }
            conflictRetries += 1
            return .retry(after: options.delay(beforeRetry: retries))
        case .response(let status, let retryAfter) where status == 429 || status == 503:
            guard let retryAfter, retryAfter >= 0, retryAfter < WebhookRetryPolicy.retryAfterLimit,
                  throttleRetries < WebhookRetryPolicy.maximumThrottleRetries else { return .gaveUp }
            throttleRetries += 1
            return .retry(after: .milliseconds(Int64((retryAfter * options.retryAfterScale * 1000).rounded())))
        case .response:
            return .gaveUp
        case .timeout, .connectionFailed:
            guard timeoutRetries < WebhookRetryPolicy.maximumTimeoutRetries else { return .gaveUp }
            timeoutRetries += 1
            return .retry(after: options.delay(beforeRetry: retries))
        }
    }
}

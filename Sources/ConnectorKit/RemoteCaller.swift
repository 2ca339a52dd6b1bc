import Foundation
import Logging

/// Sends requests to one remote API with rate limiting, retries, backoff and jitter.
///
/// - Each attempt first acquires the request's ``RateLimitBudget``.
/// - `429` waits for `Retry-After` (or the budget's reset) and tries again; those waits are counted
///   separately from failures (``RetryPolicy/maxRateLimitWaits``).
/// - `5xx`, transport failures (reset, timeout, truncated body) and bodies that fail to decode are
///   retried with exponential backoff until ``RetryPolicy/maxAttempts``.
/// - Any other status is handed to the caller's `interpret` closure, which usually throws a typed error.
public struct RemoteCaller: Sendable {
    public let transport: any HTTPTransport
    public let retryPolicy: RetryPolicy
    public let logger: Logger
    private let onEvent: @Sendable (RemoteCallEvent) -> Void

    public init(transport: any HTTPTransport, retryPolicy: RetryPolicy = .standard, logger: Logger = Logger(label: "switchboard.remote"), onEvent: @escaping @Sendable (RemoteCallEvent) -> Void = { _ in }) {
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.onEvent = onEvent
    }

    /// Send `request`, charging `budget`, and turn the response into a value with `interpret`.
    ///
    /// `interpret` sees every response that is neither 429 nor 5xx. Throwing ``RetryableResponseError``
    /// from it (for example because a 200 body was not valid JSON) makes the call retry; any other error
    /// ends the call at once.
    public func call<T: Sendable>(
        _ request: OutboundRequest,
        budget: RateLimitBudget,
        interpret: @Sendable (InboundResponse) throws -> T
    ) async throws -> T {
        var failures: [String] = []
        var rateLimitWaits = 0
        var lastResponse: InboundResponse?
        while true {
            try Task.checkCancellation()
            try await budget.acquire()
            let started = ContinuousClock.now
            let response: InboundResponse
            do {
                response = try await transport.send(request)
            } catch let error as TransportError {
                failures.append(error.description)
                try await backOff(request, failures: failures, lastResponse: lastResponse)
                continue
            }
            lastResponse = response
            await budget.record(RateLimitHeaders(response: response), status: response.status)
            onEvent(.completed(request: request.redactedDescription, status: response.status, duration: ContinuousClock.now - started))

            if response.status == 429 {
                rateLimitWaits += 1
                if rateLimitWaits > retryPolicy.maxRateLimitWaits {
                    throw RemoteCallFailure(request: request.redactedDescription, attempts: failures.count + rateLimitWaits, errors: failures + ["429 Too Many Requests, \(rateLimitWaits) times"], lastResponse: response)
                }
                onEvent(.rateLimited(request: request.redactedDescription, retryAfter: RateLimitHeaders(response: response).retryAfter))
                continue
            }
            if response.status >= 500 {
                failures.append("HTTP \(response.status): \(response.bodyPreview(limit: 120))")
                let retryAfter = RateLimitHeaders(response: response).retryAfter
                try await backOff(request, failures: failures, lastResponse: response, atLeast: retryAfter.map { .milliseconds(Int64($0 * 1000)) })
                continue
            }
            do {
                return try interpret(response)
            } catch let error as RetryableResponseError {
                failures.append(error.reason)
                try await backOff(request, failures: failures, lastResponse: response)
            }
        }
    }

    private func backOff(_ request: OutboundRequest, failures: [String], lastResponse: InboundResponse?, atLeast minimum: Duration? = nil) async throws {
        guard failures.count < retryPolicy.maxAttempts else {
            throw RemoteCallFailure(request: request.redactedDescription, attempts: failures.count, errors: failures, lastResponse: lastResponse)
        }
        var delay = retryPolicy.delay(afterFailedAttempts: failures.count)
        if let minimum, minimum > delay { delay = minimum }
        onEvent(.retrying(request: request.redactedDescription, attempt: failures.count + 1, delay: delay, reason: failures.last ?? ""))
        logger.debug("retrying", metadata: ["request": "\(request.redactedDescription)", "attempt": "\(failures.count + 1)", "reason": "\(failures.last ?? "")"])
        try await Task.sleep(for: delay)
    }
}

/// Something that happened while calling a remote, for metrics and progress displays.
public enum RemoteCallEvent: Sendable {
    case completed(request: String, status: Int, duration: Duration)
    case retrying(request: String, attempt: Int, delay: Duration, reason: String)
    case rateLimited(request: String, retryAfter: Double?)
}

/// Thrown from an `interpret` closure to ask ``RemoteCaller`` to try the request again.
public struct RetryableResponseError: Error, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// A call that kept failing until its retries ran out.
///
/// Keeps every attempt's error and the last response so that the failure can be reported, stored in a
/// dead letter and diagnosed later.
public struct RemoteCallFailure: Error, Sendable, CustomStringConvertible {
    public var request: String
    public var attempts: Int
    public var errors: [String]
    public var lastResponse: InboundResponse?

    public var description: String {
        "\(request) failed after \(attempts) attempt\(attempts == 1 ? "" : "s"); last error: \(errors.last ?? "unknown")"
    }
}

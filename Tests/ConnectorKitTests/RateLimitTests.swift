import ConnectorKit
import Foundation
import Testing

@Suite struct RateLimitTests {
    @Test func readsEndpointHeadersBeforeAccountHeaders() {
        let response = InboundResponse(status: 200, headers: [("x-rate-limit", "700"), ("x-rate-limit-remaining", "699"), ("ratelimit-limit", "10"),
                                                              ("ratelimit-remaining", "9"), ("ratelimit-reset", "41")])
        #expect(RateLimitHeaders(response: response) == RateLimitHeaders(limit: 10, remaining: 9, resetAfter: 41, retryAfter: nil))
        let accountOnly = InboundResponse(status: 200, headers: [("X-Rate-Limit", "200"), ("X-Rate-Limit-Remaining", "12")])
        #expect(RateLimitHeaders(response: accountOnly) == RateLimitHeaders(limit: 200, remaining: 12))
        let retry = InboundResponse(status: 429, headers: [("Retry-After", "1.5")])
        #expect(RateLimitHeaders(response: retry).retryAfter == 1.5)
    }

    @Test func configuredLimitPausesUntilTheWindowEnds() async throws {
        let budget = RateLimitBudget(name: "export", configuration: .init(limit: 2, window: .milliseconds(300), pauseJitter: .zero))
        let started = ContinuousClock.now
        try await budget.acquire()
        try await budget.acquire()
        #expect(ContinuousClock.now - started < .milliseconds(150))
        try await budget.acquire()
        #expect(ContinuousClock.now - started >= .milliseconds(290))
        #expect(await budget.stats.pauses == 1)
    }

    @Test func serverHeadersOverrideTheConfiguredLimit() async throws {
        let budget = RateLimitBudget(name: "export", configuration: .init(limit: 1, window: .seconds(60), pauseJitter: .zero))
        try await budget.acquire()
        await budget.record(RateLimitHeaders(limit: 100, remaining: 50, resetAfter: 60), status: 200)
        let started = ContinuousClock.now
        for _ in 0..<5 { try await budget.acquire() }
        #expect(ContinuousClock.now - started < .milliseconds(100))
    }

    @Test func spentBudgetWaitsForTheAnnouncedReset() async throws {
        let budget = RateLimitBudget(name: "export", configuration: .init(limit: nil, pauseJitter: .zero))
        try await budget.acquire()
        await budget.record(RateLimitHeaders(limit: 10, remaining: 0, resetAfter: 0.25), status: 200)
        let started = ContinuousClock.now
        try await budget.acquire()
        #expect(ContinuousClock.now - started >= .milliseconds(240))
    }

    @Test func backoffGrowsAndStaysWithinBounds() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0.5)
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...8 {
            let delay = policy.delay(afterFailedAttempts: attempt, using: &generator)
            let ceiling = min(0.1 * pow(2, Double(attempt - 1)), 1.0)
            #expect(delay.seconds <= ceiling + 0.001)
            #expect(delay.seconds >= ceiling * 0.5 - 0.001)
        }
    }
}

/// Header values lose the spaces and tabs HTTP allows around them, and nothing else.
@Suite struct HTTPWhitespaceTests {
    @Test func onlySpacesAndTabsAroundTheValueAreTrimmed() {
        #expect(" 12\t".trimmingHTTPWhitespace == "12")
        #expect("\t a b \t".trimmingHTTPWhitespace == "a b")
        #expect("   ".trimmingHTTPWhitespace == "")
        #expect("".trimmingHTTPWhitespace == "")
        #expect("\u{A0}7\u{A0}".trimmingHTTPWhitespace == "\u{A0}7\u{A0}")
        #expect("x\n".trimmingHTTPWhitespace == "x\n")
    }

    @Test func paddedRateLimitHeadersAreRead() {
        let response = InboundResponse(status: 200, headers: [("ratelimit-limit", " 10 "), ("ratelimit-remaining", "\t9"), ("ratelimit-reset", "41 "),
                                                              ("retry-after", " 1.5\t")], body: [])
        #expect(RateLimitHeaders(response: response) == RateLimitHeaders(limit: 10, remaining: 9, resetAfter: 41, retryAfter: 1.5))
    }
}

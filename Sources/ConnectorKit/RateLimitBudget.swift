import Foundation

/// One remote budget (for example Zendesk's account budget or its incremental-export budget).
///
/// Every request charged to the budget first calls ``acquire()``, which waits while the budget is known
/// to be spent, and afterwards reports what the server said through ``record(_:)``. The budget learns the
/// real limit and window from response headers; until it has seen any, it applies the configured
/// ``Configuration/limit`` per ``Configuration/window``. A 429 pauses the budget for `Retry-After`.
public actor RateLimitBudget {
    /// The budget assumed before the server has reported one.
    public struct Configuration: Sendable, Equatable {
        public var limit: Int?
        public var window: Duration
        /// Random delay added after a pause so that waiting clients do not all fire at the reset instant.
        public var pauseJitter: Duration

        public init(limit: Int?, window: Duration = .seconds(60), pauseJitter: Duration = .milliseconds(50)) {
            self.limit = limit
            self.window = window
            self.pauseJitter = pauseJitter
        }

        /// No client-side limit: rely on headers and 429s alone.
        public static let unlimited = Configuration(limit: nil)
    }

    /// Counters for progress displays and summaries.
    public struct Statistics: Sendable, Equatable {
        public var requests = 0
        public var pauses = 0
        public var pausedSeconds: Double = 0
        public var rateLimitedResponses = 0
    }

    public nonisolated let name: String
    private let configuration: Configuration
    private let clock = ContinuousClock()
    private var limit: Int?
    private var remaining: Int?
    private var windowEnds: ContinuousClock.Instant?
    private var learnedFromServer = false
    private var statistics = Statistics()
    private var observer: (@Sendable (RateLimitPause) -> Void)?

    public init(name: String, configuration: Configuration) {
        self.name = name
        self.configuration = configuration
        self.limit = configuration.limit
        self.remaining = configuration.limit
    }

    /// Called with every pause before it starts, so a progress display can say why nothing is moving.
    public func onPause(_ observer: @escaping @Sendable (RateLimitPause) -> Void) {
        self.observer = observer
    }

    public var stats: Statistics { statistics }

    /// Wait until the budget allows one more request, then charge it.
    public func acquire() async throws {
        while true {
            let now = clock.now
            if let ends = windowEnds, now >= ends {
                remaining = limit
                windowEnds = nil
            }
            if let left = remaining, left <= 0 {
                let ends = windowEnds ?? now.advanced(by: configuration.window)
                windowEnds = ends
                let jitter = Duration.milliseconds(Int64.random(in: 0...max(0, configuration.pauseJitter.totalNanoseconds / 1_000_000)))
                let wait = now.duration(to: ends) + jitter
                statistics.pauses += 1
                statistics.pausedSeconds += wait.seconds
                observer?(RateLimitPause(budget: name, duration: wait, reason: learnedFromServer ? .budgetSpent : .configuredLimit))
                try await Task.sleep(for: wait)
                continue
            }
            if windowEnds == nil, !learnedFromServer { windowEnds = now.advanced(by: configuration.window) }
            if let left = remaining { remaining = left - 1 }
            statistics.requests += 1
            return
        }
    }

    /// Update the budget from a response's headers. Headers are authoritative once seen.
    public func record(_ headers: RateLimitHeaders, status: Int) {
        let now = clock.now
        if status == 429 {
            statistics.rateLimitedResponses += 1
            let wait = headers.retryAfter ?? headers.resetAfter ?? configuration.window.seconds
            remaining = 0
            windowEnds = now.advanced(by: .milliseconds(Int64((wait * 1000).rounded(.up))))
            return
        }
        if let serverLimit = headers.limit { limit = serverLimit; learnedFromServer = true }
        if let serverRemaining = headers.remaining {
            learnedFromServer = true
            remaining = serverRemaining
            if let reset = headers.resetAfter {
                windowEnds = now.advanced(by: .milliseconds(Int64((reset * 1000).rounded(.up))))
            } else if windowEnds == nil {
                windowEnds = now.advanced(by: configuration.window)
            }
        }
    }
}

/// A pause imposed by a ``RateLimitBudget``.
public struct RateLimitPause: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// The server's headers said the budget is spent, or it answered 429.
        case budgetSpent = "budget spent"
        /// The configured client-side limit was reached before the server reported anything.
        case configuredLimit = "configured limit reached"
    }

    public var budget: String
    public var duration: Duration
    public var reason: Reason
}

import Foundation

/// Which request budget an endpoint counts against.
public enum SandboxBudget: String, Sendable, Equatable {
    /// Every `/api/v2` endpoint except incremental exports.
    case account
    /// The incremental export family, metered together.
    case export
}

/// Enforces the account and export budgets as fixed windows: a window opens at the first request after the previous
/// one ended and allows `limit` requests until `period` has passed. Rejected requests consume nothing.
final class RateLimiter: Sendable {
    private struct Window: Sendable {
        var start: Date
        var used: Int
    }

    private struct State: Sendable {
        var spec: RateLimitSpec
        var windows: [SandboxBudget: Window] = [:]
    }

    /// The state of one budget as reported in response headers.
    struct Status: Sendable, Equatable {
        var limit: Int
        var remaining: Int
        /// Whole seconds until the window ends, rounded up.
        var resetSeconds: Int
    }

    enum Decision: Sendable, Equatable {
        case allowed
        /// Spent; retry after this many whole seconds (rounded up, at least 1).
        case rejected(retryAfter: Int)
    }

    private let state: Locked<State>

    init(spec: RateLimitSpec) {
        state = Locked(State(spec: spec))
    }

    /// Replaces the budgets and forgets the current windows.
    func setSpec(_ spec: RateLimitSpec) {
        state.withLock { $0 = State(spec: spec) }
    }

    var spec: RateLimitSpec { state.withLock { $0.spec } }

    /// Counts one request against `budget` if it has room.
    func consume(_ budget: SandboxBudget, at now: Date) -> Decision {
        state.withLock { state in
            guard let limits = RateLimiter.limits(budget, in: state.spec) else { return .allowed }
            var window = RateLimiter.current(state.windows[budget], period: limits.period, now: now)
            defer { state.windows[budget] = window }
            if window.used < limits.limit {
                window.used += 1
                return .allowed
            }
            return .rejected(retryAfter: max(1, RateLimiter.secondsLeft(window, limits.period, now)))
        }
    }

    /// What an unlimited budget announces: Zendesk sends its rate-limit headers on every response, so an unlimited
    /// sandbox still sends them, with a limit no test or benchmark reaches (clients then pace themselves by it
    /// instead of by their conservative defaults).
    static let unlimitedAnnouncement = Status(limit: 1_000_000, remaining: 1_000_000, resetSeconds: 60)

    /// The budget's current figures (``unlimitedAnnouncement`` when it is unlimited).
    func status(_ budget: SandboxBudget, at now: Date) -> Status? {
        state.withLock { state in
            guard let limits = RateLimiter.limits(budget, in: state.spec) else { return RateLimiter.unlimitedAnnouncement }
            let window = RateLimiter.current(state.windows[budget], period: limits.period, now: now)
            return Status(limit: limits.limit, remaining: max(0, limits.limit - window.used),
                          resetSeconds: RateLimiter.secondsLeft(window, limits.period, now))
        }
    }

    private static func limits(_ budget: SandboxBudget, in spec: RateLimitSpec) -> RateLimitSpec.Budget? {
        budget == .account ? spec.account : spec.export
    }

    /// The window in force at `now`: the stored one, or a fresh one if it has ended.
    private static func current(_ window: Window?, period: Duration, now: Date) -> Window {
        if let window, now.timeIntervalSince(window.start) < DurationText.seconds(period) { return window }
        return Window(start: now, used: 0)
    }

    private static func secondsLeft(_ window: Window, _ period: Duration, _ now: Date) -> Int {
        let left = DurationText.seconds(period) - now.timeIntervalSince(window.start)
        return max(0, Int(left.rounded(.up)))
    }
}

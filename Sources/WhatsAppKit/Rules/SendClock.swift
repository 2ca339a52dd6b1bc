import Foundation

/// The time source of the send rules, injectable so that schedules can be tested without waiting.
///
/// Wall-clock `Date`s are used (not a monotonic clock) because the rules compare against webhook timestamps, which are
/// wall-clock Unix times.
public protocol SendClock: Sendable {
    func now() -> Date
    /// Suspend until `deadline` (return at once when it has passed).
    func sleep(until deadline: Date) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemSendClock: SendClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let delay = deadline.timeIntervalSinceNow
        guard delay > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((delay * 1000).rounded(.up))))
    }
}

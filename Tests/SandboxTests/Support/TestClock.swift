import Foundation

/// A clock tests move by hand, so windows, lags and timestamps are exact and no test sleeps.
final class TestClock: @unchecked Sendable {
    private var current: Date
    private let lock = NSLock()

    /// 2025-06-01T00:00:00Z, after every generated record.
    static let start = Date(timeIntervalSince1970: 1_748_736_000)

    init(_ start: Date = TestClock.start) {
        current = start
    }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    var seconds: Int64 { Int64(now.timeIntervalSince1970) }

    func advance(seconds: TimeInterval) {
        lock.lock()
        current += seconds
        lock.unlock()
    }

    /// The closure the sandbox configuration takes.
    var function: @Sendable () -> Date { { [self] in self.now } }
}

import Foundation

/// A value guarded by a lock.
///
/// The sandbox keeps a little shared state (the data overlay, rate-limit windows, the request log). A lock lets the
/// test-facing API stay synchronous (`sandbox.requestLog()`, `sandbox.createTicket(…)`) while request handlers on many
/// event-loop threads read and write the same state safely.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value. Keep `body` short and free of `await`.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

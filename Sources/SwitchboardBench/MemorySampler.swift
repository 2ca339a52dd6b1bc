import Foundation
import Synchronization

/// Samples this process's resident set size every few milliseconds and remembers the peak, so each phase
/// of a benchmark can report its own peak (the kernel's VmHWM only ever grows).
final class MemorySampler: Sendable {
    private let peak = Mutex<Int>(0)
    private let running = Mutex<Bool>(false)

    /// Current resident set size in bytes, from `/proc/self/statm`.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Measure the peak RSS while `body` runs.
    func measure<T>(_ body: () async throws -> T) async rethrows -> (T, peakBytes: Int) {
        peak.withLock { $0 = Self.residentBytes() }
        running.withLock { $0 = true }
        let thread = Thread { [self] in
            while running.withLock({ $0 }) {
                let now = Self.residentBytes()
                peak.withLock { $0 = max($0, now) }
                usleep(5_000)
            }
        }
        thread.start()
        defer { running.withLock { $0 = false } }
        let result = try await body()
        let final = Self.residentBytes()
        return (result, peak.withLock { max($0, final) })
    }
}

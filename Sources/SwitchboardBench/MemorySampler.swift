import Foundation
import Synchronization

/// Samples this process's resident set size every few milliseconds and remembers the peak, so each phase
/// of a benchmark can report its own peak (the kernel's VmHWM only ever grows).
final class MemorySampler: Sendable {
    private let peak = Mutex<Int>(0)
    private let running = Mutex<Bool>(false)

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Current resident set size in bytes: the second field of `/proc/self/statm`, in pages. Read with plain system
    /// calls into a stack buffer, since the sampler runs 200 times a second beside the work being measured.
    static func residentBytes() -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer -> Int in
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            guard count > 0 else { return 0 }
            var field = 0
            var pages = 0
            var digits = 0
            for byte in buffer.prefix(count) {
                if byte == UInt8(ascii: " ") {
                    if field == 1 { break }
                    field += 1
                } else if field == 1, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    pages = pages * 10 + Int(byte - UInt8(ascii: "0"))
                    digits += 1
                }
            }
            return digits > 0 ? pages * pageSize : 0
        }
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

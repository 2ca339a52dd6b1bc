import Foundation

/// Meta's per-number throughput limit (reference §3.2): at most `limit` messages in any one-second window, else
/// 130429. A sliding window of send times is exact and cheap at these rates.
struct ThroughputLimiter: Sendable {
    var limit: Int
    private var recent: [Date] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Counts a send at `now`; `false` (and nothing counted) when the window is full.
    mutating func admit(at now: Date) -> Bool {
        let horizon = now.addingTimeInterval(-1)
        if let firstKept = recent.firstIndex(where: { $0 > horizon }) {
            if firstKept > 0 { recent.removeFirst(firstKept) }
        } else {
            recent.removeAll()
        }
        guard recent.count < limit else { return false }
        recent.append(now)
        return true
    }

    mutating func reset() {
        recent.removeAll()
    }
}

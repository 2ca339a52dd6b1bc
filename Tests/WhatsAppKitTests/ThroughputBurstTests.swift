import Foundation
import Testing
@testable import WhatsAppKit

/// A number paced with a burst of 1 never puts more than its rate into any one-second window — the shape a limit
/// counted over a sliding second accepts — while the default burst lets a second's worth go at once.
@Suite struct ThroughputBurstTests {
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    /// The most slots that fall within any one second.
    static func busiestSecond(_ slots: [Date]) -> Int {
        let times = slots.map(\.timeIntervalSince1970).sorted()
        var best = 0, start = 0
        for end in times.indices {
            while times[end] - times[start] >= 1.0 - 1e-9 { start += 1 }
            best = max(best, end - start + 1)
        }
        return best
    }

    @Test func aBurstOfOneSpacesEveryMessageAndNeverExceedsTheRateInAnySecond() async throws {
        let limiter = ThroughputLimiter(clock: ManualClock(t0))
        await limiter.setRate(80, burst: 1, for: "PN")
        var slots: [Date] = []
        for _ in 0..<400 { slots.append(try await limiter.acquire(for: "PN")) }
        #expect(Self.busiestSecond(slots) == 80)
        let gaps = zip(slots.dropFirst(), slots).map { $0.timeIntervalSince($1) }
        #expect(gaps.allSatisfy { abs($0 - 1.0 / 80) < 1e-6 }, "evenly spaced")
        // Held back after a 130429, it resumes at the pause's end, still one at a time.
        await limiter.pause("PN", until: slots.last!.addingTimeInterval(2))
        let resumed = [try await limiter.acquire(for: "PN"), try await limiter.acquire(for: "PN")]
        #expect(resumed[0] == slots.last!.addingTimeInterval(2))
        #expect(abs(resumed[1].timeIntervalSince(resumed[0]) - 1.0 / 80) < 1e-6)
    }

    @Test func theDefaultBurstPutsTwiceTheRateIntoOneSecond() async throws {
        let limiter = ThroughputLimiter(clock: ManualClock(t0))
        await limiter.setRate(80, for: "PN")
        var slots: [Date] = []
        for _ in 0..<400 { slots.append(try await limiter.acquire(for: "PN")) }
        #expect(Self.busiestSecond(slots) > 150)
    }
}

import Foundation
import Synchronization
import Testing
@testable import WhatsAppKit

/// A clock that only moves when someone sleeps, recording each sleep.
final class ManualClock: SendClock {
    private let state: Mutex<(now: Date, sleeps: [Date])>

    init(_ start: Date) { state = Mutex((start, [])) }

    func now() -> Date { state.withLock { $0.now } }

    var sleeps: [Date] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Date) async throws {
        state.withLock {
            $0.sleeps.append(deadline)
            if deadline > $0.now { $0.now = deadline }
        }
    }

    func advance(by seconds: TimeInterval) { state.withLock { $0.now = $0.now.addingTimeInterval(seconds) } }
}

@Suite struct SendRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    @Test func customerServiceWindowBoundariesWithMargin() {
        let window = CustomerServiceWindow()
        let last = t0
        #expect(!window.allowsFreeForm(lastInboundAt: nil, at: t0))
        #expect(window.allowsFreeForm(lastInboundAt: last, at: last))
        // Default margin: 10 minutes before the 24 hours are up.
        let closes = last.addingTimeInterval(24 * 3600 - 600)
        #expect(window.closesAt(lastInboundAt: last) == closes)
        #expect(window.allowsFreeForm(lastInboundAt: last, at: closes.addingTimeInterval(-1)))
        #expect(!window.allowsFreeForm(lastInboundAt: last, at: closes))
        #expect(!window.allowsFreeForm(lastInboundAt: last, at: last.addingTimeInterval(24 * 3600 - 1)))
        #expect(window.remaining(lastInboundAt: last, at: closes.addingTimeInterval(-90)) == .seconds(90))
        #expect(window.remaining(lastInboundAt: last, at: closes.addingTimeInterval(5)) == .zero)
        // Without a margin the window is exactly 24 hours.
        let exact = CustomerServiceWindow(safetyMargin: .zero)
        #expect(exact.allowsFreeForm(lastInboundAt: last, at: last.addingTimeInterval(24 * 3600 - 1)))
        #expect(!exact.allowsFreeForm(lastInboundAt: last, at: last.addingTimeInterval(24 * 3600)))
        // A larger margin closes earlier.
        #expect(!CustomerServiceWindow(safetyMargin: .seconds(3600)).allowsFreeForm(lastInboundAt: last, at: last.addingTimeInterval(23 * 3600)))
    }

    @Test func pairSpacingSpacesRatherThanDrops() {
        var spacing = PairSpacing()
        #expect(spacing.reserve(recipient: "+16505551234", at: t0) == t0)
        #expect(spacing.reserve(recipient: "16505551234", at: t0) == t0.addingTimeInterval(6), "same recipient, normalised")
        #expect(spacing.reserve(recipient: "16505551234", at: t0.addingTimeInterval(1)) == t0.addingTimeInterval(12))
        #expect(spacing.reserve(recipient: "447700900123", at: t0) == t0, "other recipients are independent")
        #expect(spacing.earliestSendTime(recipient: "16505551234", at: t0) == t0.addingTimeInterval(18))
        #expect(spacing.reserve(recipient: "16505551234", at: t0.addingTimeInterval(60)) == t0.addingTimeInterval(60), "after a pause, no wait")
        // 131056: back off one recipient; a shorter back-off never shortens a longer one.
        spacing.backOff(recipient: "447700900123", until: t0.addingTimeInterval(120))
        spacing.backOff(recipient: "447700900123", until: t0.addingTimeInterval(30))
        #expect(spacing.earliestSendTime(recipient: "447700900123", at: t0.addingTimeInterval(10)) == t0.addingTimeInterval(120))
        spacing.prune(before: t0.addingTimeInterval(100))
        #expect(spacing.earliestSendTime(recipient: "16505551234", at: t0.addingTimeInterval(61)) == t0.addingTimeInterval(61))
        var custom = PairSpacing(minimumSpacing: .milliseconds(1500))
        _ = custom.reserve(recipient: "1", at: t0)
        #expect(custom.reserve(recipient: "1", at: t0) == t0.addingTimeInterval(1.5))
    }

    @Test func optOutKeywords() {
        let keywords = OptOutKeywords()
        for text in ["STOP", "stop", " Stop ", "UNSUBSCRIBE", "unsubscribe.", "STOP!", "\nstop\n"] {
            #expect(keywords.matches(text), "\(text)")
        }
        for text in ["please stop", "STOP IT", "stopp", "", "unsubscribe me", "S T O P"] {
            #expect(!keywords.matches(text), "\(text)")
        }
        let extended = OptOutKeywords(extra: ["arrêt", "Abmelden"])
        #expect(extended.matches("ARRÊT") && extended.matches("abmelden") && extended.matches("stop"))
        let replaced = OptOutKeywords(extra: ["QUIT"], includeDefaults: false)
        #expect(replaced.matches("quit") && !replaced.matches("stop"))
        let message = WhatsAppInboundMessage(id: "w", from: "1", timestamp: t0, type: "text", content: .text(body: "Stop"))
        #expect(keywords.matches(message))
        let picture = WhatsAppInboundMessage(id: "w", from: "1", timestamp: t0, type: "image", content: .media(WhatsAppInboundMedia(kind: .image, id: "1", caption: "stop")))
        #expect(!keywords.matches(picture))
    }

    @Test func tokenBucketSchedule() {
        var bucket = TokenBucket(rate: 2, capacity: 2)
        let times = (0..<6).map { _ in bucket.reserve(at: t0).timeIntervalSince(t0) }
        #expect(times == [0, 0, 0.5, 1.0, 1.5, 2.0])
        // After an idle period the burst is available again, but no more than the capacity.
        let later = t0.addingTimeInterval(100)
        #expect((0..<3).map { _ in bucket.reserve(at: later).timeIntervalSince(later) } == [0, 0, 0.5])
        // 130429: a pause holds everything back.
        bucket.pause(until: later.addingTimeInterval(10))
        #expect(bucket.nextAvailable(at: later.addingTimeInterval(1)) == later.addingTimeInterval(10))
    }

    @Test func defaultThroughputIs80PerSecond() async {
        let clock = ManualClock(t0)
        let limiter = ThroughputLimiter(clock: clock)
        var slots: [Date] = []
        for _ in 0..<160 { slots.append(await limiter.reserve(for: "PN1")) }
        #expect(slots.prefix(80).allSatisfy { $0 == t0 }, "a full second's burst goes at once")
        #expect(abs(slots[80].timeIntervalSince(t0) - 1.0 / 80) < 1e-6)
        #expect(abs(slots[159].timeIntervalSince(t0) - 1.0) < 1e-6, "160 messages take one second beyond the burst")
        #expect(await limiter.reserve(for: "PN2") == t0, "numbers are independent")
    }

    @Test func limiterAcquireWaitsForItsSlotAndNeverDrops() async throws {
        let clock = ManualClock(t0)
        let limiter = ThroughputLimiter(messagesPerSecond: 80, clock: clock)
        await limiter.setRate(4, for: "coexistence")
        var slots: [TimeInterval] = []
        for _ in 0..<8 { slots.append(try await limiter.acquire(for: "coexistence").timeIntervalSince(t0)) }
        #expect(slots == [0, 0, 0, 0, 0.25, 0.5, 0.75, 1.0])
        #expect(clock.sleeps.map { $0.timeIntervalSince(t0) } == slots, "each acquire slept until exactly its slot")
        #expect(clock.now() == t0.addingTimeInterval(1.0))
        await limiter.pause("coexistence", until: t0.addingTimeInterval(5))
        #expect(try await limiter.acquire(for: "coexistence") == t0.addingTimeInterval(5))
    }

    @Test func concurrentAcquirersGetDistinctSlots() async throws {
        let clock = ManualClock(t0)
        let limiter = ThroughputLimiter(messagesPerSecond: 10, clock: clock)
        await limiter.setRate(10, for: "PN")
        let slots = try await withThrowingTaskGroup(of: Date.self) { group in
            for _ in 0..<30 { group.addTask { try await limiter.acquire(for: "PN") } }
            return try await group.reduce(into: [Date]()) { $0.append($1) }
        }
        #expect(slots.count == 30)
        let offsets = slots.map { $0.timeIntervalSince(t0) }.sorted()
        // Whatever the interleaving, the schedule is a burst of 10, then one every 100 ms.
        #expect(offsets.filter { $0 < 1e-9 }.count <= 10)
        #expect(offsets.last.map { $0 >= 1.9 - 1e-6 } == true)
    }
}

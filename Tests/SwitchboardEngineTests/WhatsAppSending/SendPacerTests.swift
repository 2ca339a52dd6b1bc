import Foundation
import SwitchboardEngine
import Testing

/// The send pacer spaces a connection's messages evenly a little under its rate from the first one: a fan-out never
/// starts with a second's worth at once (which a limit counted over a sliding second refuses with 130429).
@Suite struct SendPacerTests {
    @Test func messagesAreSpacedFromTheFirstOneAtTheHeadroomOfTheRate() async throws {
        let pacer = WhatsAppSendPacer()
        let started = ContinuousClock.now
        for index in 0..<41 {
            try await pacer.waitForSlot(connection: "pacer-test", recipient: "4477009\(10_000 + index)", messagesPerSecond: 200, pairSpacingSeconds: 0)
        }
        let elapsed = (ContinuousClock.now - started) / .seconds(1)
        // 40 gaps at 0.97 × 200/s: at least 0.206 s (a burst of one second's worth would take next to nothing).
        #expect(elapsed >= 40 / (200 * WhatsAppSendPacer.throughputHeadroom) - 0.002, "41 messages went in \(elapsed) s")
        #expect(WhatsAppSendPacer.throughputHeadroom >= 0.95 && WhatsAppSendPacer.throughputHeadroom < 1)
    }

    /// Sends paced in order but delayed unevenly before their HTTP calls (commits of different lengths, in a fan-out
    /// with several in flight) would reach WhatsApp bunched; the second spacing gives their calls slots a slot apart.
    /// The slots are compared, not the moments the tasks woke: on a loaded machine two tasks whose slots are 20 ms
    /// apart may both be scheduled late, together, which says nothing about the pacer.
    @Test func overlappingSendsGetCallSlotsASlotApartHoweverUnevenTheirWorkAfterPacing() async throws {
        let pacer = WhatsAppSendPacer()
        let rate = 50
        let slot = 1 / (Double(rate) * WhatsAppSendPacer.throughputHeadroom)
        // The work between slot and call takes 30 ms for even sends and nothing for odd ones: calls in the order the
        // work ends would put each odd send about 9 ms after the even one before it.
        let calls = try await withThrowingTaskGroup(of: Date.self) { group in
            for index in 0..<12 {
                group.addTask {
                    try await pacer.waitForSlot(connection: "gate-test", recipient: "4477009\(20_000 + index)", messagesPerSecond: rate, pairSpacingSeconds: 0)
                    if index % 2 == 0 { try await Task.sleep(for: .milliseconds(30)) }
                    return try await pacer.waitToSend(connection: "gate-test", messagesPerSecond: rate)
                }
            }
            return try await group.reduce(into: [Date]()) { $0.append($1) }.sorted()
        }
        let gaps = zip(calls.dropFirst(), calls).map { $0.timeIntervalSince($1) }
        #expect(calls.count == 12)
        #expect(gaps.allSatisfy { $0 >= slot - 0.001 }, "gaps between call slots: \(gaps.map { ($0 * 1000).rounded() }) ms; a slot is \(slot * 1000) ms")
    }
}

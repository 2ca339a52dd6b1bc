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
}

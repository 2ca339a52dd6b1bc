import Foundation
import WhatsAppKit

/// Paces sends per WhatsApp connection across every job on this node: the business number's throughput (WhatsAppKit's
/// ``ThroughputLimiter``, 80/s unless the connection says otherwise) and the spacing between two messages to the same
/// person (``PairSpacing``, about 6 s). Messages are delayed, never dropped; after a 130429 or 131056 the connection
/// or the recipient is held back before the step is retried.
///
/// Messages go one at a time, evenly spaced, at ``throughputHeadroom`` of the connection's rate: a burst of a whole
/// second's worth followed by the steady rate puts up to twice the rate into one second, and a limit counted over any
/// sliding second answers 130429 (every one of which holds the number back and retries the step). The few percent
/// kept in hand absorb the jitter between when a message is paced and when it reaches WhatsApp.
///
/// Sends paced in order can still leave out of order, or bunched, when several are in flight (a fan-out step overlaps
/// a few): each does a consent check and a commit between its slot and its HTTP call, and those take uneven time.
/// ``waitToSend(connection:messagesPerSecond:)`` spaces the HTTP calls themselves at the same rate, so the gaps the first pacing made
/// survive that work; it only waits when two sends have come closer than a slot.
public actor WhatsAppSendPacer {
    /// One pacer per process, so concurrent jobs share the budgets.
    public static let shared = WhatsAppSendPacer()

    /// The share of a connection's messages-per-second actually used.
    public static let throughputHeadroom = 0.97

    private let throughput = ThroughputLimiter()
    private let sendSpacing = ThroughputLimiter()
    private var rates: [String: Double] = [:]
    private var pairs: [String: PairSpacing] = [:]

    public init() {}

    /// Wait until a message from `connection` to `recipient` may go under these limits.
    public func waitForSlot(connection: String, recipient: String, messagesPerSecond: Int, pairSpacingSeconds: Double) async throws {
        await configure(connection, messagesPerSecond: messagesPerSecond)
        let spacing = Duration.milliseconds(Int64(max(0, pairSpacingSeconds) * 1000))
        var pair = pairs[connection].flatMap { $0.minimumSpacing == spacing ? $0 : nil } ?? PairSpacing(minimumSpacing: spacing)
        let pairSlot = pair.reserve(recipient: recipient, at: Date())
        pairs[connection] = pair
        let delay = pairSlot.timeIntervalSinceNow
        if delay > 0 { try await Task.sleep(for: .milliseconds(Int64(delay * 1000))) }
        try await throughput.acquire(for: connection)
    }

    /// Wait until the HTTP call of a send paced by ``waitForSlot(connection:recipient:messagesPerSecond:pairSpacingSeconds:)``
    /// is at least one slot after the previous one from `connection`. Returns the instant the call's slot began.
    @discardableResult
    public func waitToSend(connection: String, messagesPerSecond: Int) async throws -> Date {
        await configure(connection, messagesPerSecond: messagesPerSecond)
        return try await sendSpacing.acquire(for: connection)
    }

    /// Both spacings of `connection` at ``throughputHeadroom`` of its rate, one message at a time (no burst).
    private func configure(_ connection: String, messagesPerSecond: Int) async {
        let rate = Double(max(1, messagesPerSecond))
        guard rates[connection] != rate else { return }
        rates[connection] = rate
        await throughput.setRate(rate * Self.throughputHeadroom, burst: 1, for: connection)
        await sendSpacing.setRate(rate * Self.throughputHeadroom, burst: 1, for: connection)
    }

    /// Hold every send from `connection` until `date` (after 130429 throughput limit reached).
    public func holdConnection(_ connection: String, until date: Date) async {
        await throughput.pause(connection, until: date)
    }

    /// Hold messages to `recipient` until `date` (after 131056 pair rate limit hit).
    public func holdRecipient(_ recipient: String, connection: String, until date: Date) {
        var pair = pairs[connection] ?? PairSpacing()
        pair.backOff(recipient: recipient, until: date)
        pairs[connection] = pair
    }
}

import ConnectorKit
import Foundation

/// Spaces messages from one business number to the same recipient (the "pair rate limit", reference §3.2: about one
/// message per 6 seconds; error 131056 when exceeded).
///
/// A pure value: ``reserve(recipient:at:)`` returns when the next message to that recipient may go — later messages
/// are spaced, never dropped — and ``backOff(recipient:until:)`` applies the per-recipient back-off after a 131056.
/// Keep one per business number.
public struct PairSpacing: Sendable, Hashable {
    public static let defaultSpacing: Duration = .seconds(6)

    public let minimumSpacing: Duration
    private var nextAllowed: [String: Date] = [:]

    public init(minimumSpacing: Duration = PairSpacing.defaultSpacing) {
        self.minimumSpacing = minimumSpacing < .zero ? .zero : minimumSpacing
    }

    /// When a message to `recipient` requested at `now` may go, without booking it.
    public func earliestSendTime(recipient: String, at now: Date) -> Date {
        guard let next = nextAllowed[Self.key(recipient)], next > now else { return now }
        return next
    }

    /// Book a message to `recipient` requested at `now`; returns when it may be sent.
    public mutating func reserve(recipient: String, at now: Date) -> Date {
        let key = Self.key(recipient)
        let sendAt = earliestSendTime(recipient: recipient, at: now)
        nextAllowed[key] = sendAt.addingTimeInterval(minimumSpacing.seconds)
        if nextAllowed.count > 10_000 { prune(before: now) }
        return sendAt
    }

    /// Hold messages to `recipient` until `date` (after 131056 "pair rate limit hit"); never shortens a booked wait.
    public mutating func backOff(recipient: String, until date: Date) {
        let key = Self.key(recipient)
        if let next = nextAllowed[key], next >= date { return }
        nextAllowed[key] = date
    }

    /// Forget recipients whose spacing ended before `date` (bounded memory).
    public mutating func prune(before date: Date) {
        nextAllowed = nextAllowed.filter { $0.value > date }
    }

    /// Recipients are compared as digits without a leading `+` or spaces, the way Meta normalises `to`.
    static func key(_ recipient: String) -> String {
        var trimmed = recipient.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("+") { trimmed.removeFirst() }
        return trimmed.filter { $0 != " " && $0 != "-" }
    }
}

import ConnectorKit
import Foundation

/// The 24-hour customer service window (reference §3.1): free-form messages (text, media, interactive) are allowed only
/// within 24 hours of the contact's last inbound message; outside it only approved templates go through (else 131047).
///
/// A pure rule over two times. The ``safetyMargin`` (10 minutes by default) closes the window early, because clocks,
/// queues and webhook delays drift: a message decided at 23h55m may reach Meta after 24h.
public struct CustomerServiceWindow: Sendable, Hashable {
    public static let standardLength: Duration = .seconds(24 * 3600)
    public static let defaultSafetyMargin: Duration = .seconds(10 * 60)

    public var length: Duration
    public var safetyMargin: Duration

    public init(length: Duration = CustomerServiceWindow.standardLength, safetyMargin: Duration = CustomerServiceWindow.defaultSafetyMargin) {
        self.length = length
        self.safetyMargin = safetyMargin < .zero ? .zero : safetyMargin
    }

    /// The instant from which free-form messages are treated as not allowed (last inbound + length − margin).
    public func closesAt(lastInboundAt: Date) -> Date {
        lastInboundAt.addingTimeInterval(length.seconds - safetyMargin.seconds)
    }

    /// Whether a free-form message may be sent at `now`; `false` when the contact never wrote.
    public func allowsFreeForm(lastInboundAt: Date?, at now: Date) -> Bool {
        guard let lastInboundAt else { return false }
        return now < closesAt(lastInboundAt: lastInboundAt)
    }

    /// Time left for free-form messages at `now` (zero when closed or never opened).
    public func remaining(lastInboundAt: Date?, at now: Date) -> Duration {
        guard let lastInboundAt else { return .zero }
        let seconds = closesAt(lastInboundAt: lastInboundAt).timeIntervalSince(now)
        return seconds > 0 ? .milliseconds(Int64((seconds * 1000).rounded(.down))) : .zero
    }
}

import Foundation

/// WhatsApp's 24-hour customer service window with one contact.
///
/// A message from the contact opens the window for 24 hours (each further message restarts it); while it is open any
/// message may be sent, when it is closed only approved templates (free-form sends then fail with code 131047). Clocks
/// and queues drift, so the window counts as closed a safety ``margin`` before it really closes.
public struct ConversationWindow: Sendable, Equatable {
    /// The window's length (Cloud API reference §3.1).
    public static let duration: Int64 = 24 * 60 * 60
    /// Ten minutes: a window is treated as closed at 23 h 50 min.
    public static let defaultMargin: Int64 = 10 * 60

    /// Unix seconds of the contact's latest message, `nil` when they never wrote.
    public var lastInboundAt: Int64?

    public init(lastInboundAt: Int64?) {
        self.lastInboundAt = lastInboundAt
    }

    /// When the window really closes, `nil` when it never opened.
    public var closesAt: Int64? { lastInboundAt.map { $0 + Self.duration } }

    /// True when free-form messages may be sent at `now`, leaving `margin` seconds before the real close.
    public func isOpen(at now: Int64, margin: Int64 = ConversationWindow.defaultMargin) -> Bool {
        guard let closesAt else { return false }
        return now < closesAt - max(0, margin)
    }

    /// The window after the contact wrote at `time`: it restarts, unless an even later message is already known
    /// (webhooks arrive out of order).
    public func recordingInbound(at time: Int64) -> ConversationWindow {
        ConversationWindow(lastInboundAt: max(lastInboundAt ?? time, time))
    }
}

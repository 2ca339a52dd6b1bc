import Foundation
import WhatsAppKit

/// Per-connection choices for WhatsApp, stored (unencrypted) with the connection: which words opt a contact out,
/// how early the 24-hour window counts as closed, and how fast sends may go.
public struct WhatsAppConnectionSettings: Codable, Sendable, Equatable {
    /// Opt-out keywords on top of STOP and UNSUBSCRIBE (e.g. "STOPP", "ARRÊT").
    public var optOutKeywords: [String]
    /// Seconds before the real close at which the customer service window counts as closed.
    public var windowSafetyMarginSeconds: Int64
    /// The business number's throughput (Meta's default is 80 messages per second).
    public var messagesPerSecond: Int
    /// Seconds to wait between two messages to the same person (Meta's pair rate limit, code 131056).
    public var pairSpacingSeconds: Double

    public init(optOutKeywords: [String] = [], windowSafetyMarginSeconds: Int64 = 10 * 60, messagesPerSecond: Int = 80, pairSpacingSeconds: Double = 6) {
        self.optOutKeywords = optOutKeywords
        self.windowSafetyMarginSeconds = windowSafetyMarginSeconds
        self.messagesPerSecond = messagesPerSecond
        self.pairSpacingSeconds = pairSpacingSeconds
    }

    enum CodingKeys: String, CodingKey {
        case optOutKeywords = "opt_out_keywords", windowSafetyMarginSeconds = "window_safety_margin_seconds"
        case messagesPerSecond = "messages_per_second", pairSpacingSeconds = "pair_spacing_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let defaults = WhatsAppConnectionSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        optOutKeywords = try c.decodeIfPresent([String].self, forKey: .optOutKeywords) ?? defaults.optOutKeywords
        windowSafetyMarginSeconds = try c.decodeIfPresent(Int64.self, forKey: .windowSafetyMarginSeconds) ?? defaults.windowSafetyMarginSeconds
        messagesPerSecond = try c.decodeIfPresent(Int.self, forKey: .messagesPerSecond) ?? defaults.messagesPerSecond
        pairSpacingSeconds = try c.decodeIfPresent(Double.self, forKey: .pairSpacingSeconds) ?? defaults.pairSpacingSeconds
    }

    /// The keywords an inbound message is checked against: the defaults plus ``optOutKeywords``.
    public var keywords: OptOutKeywords { OptOutKeywords(extra: optOutKeywords) }

    /// The window rule with this connection's safety margin.
    public var window: CustomerServiceWindow { CustomerServiceWindow(safetyMargin: .seconds(max(0, windowSafetyMarginSeconds))) }

    var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}

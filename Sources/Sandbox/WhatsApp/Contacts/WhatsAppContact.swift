import Foundation

/// A WhatsApp user the sandbox simulates: the profile name webhooks carry, whether the number is on WhatsApp at all
/// (sends to one that is not fail asynchronously with 131026), and the customer service window its messages open.
public struct WhatsAppContact: Sendable, Equatable {
    public var waID: String
    public var name: String
    public var isOnWhatsApp: Bool
    /// When the contact last wrote to the business; the 24-hour window runs from here.
    public var lastInboundAt: Date?

    public init(waID: String, name: String, isOnWhatsApp: Bool = true, lastInboundAt: Date? = nil) {
        self.waID = waID
        self.name = name
        self.isOnWhatsApp = isOnWhatsApp
        self.lastInboundAt = lastInboundAt
    }
}

/// The customer service window of one contact at a moment.
public struct WhatsAppServiceWindow: Sendable, Equatable {
    public var waID: String
    public var isOpen: Bool
    public var lastInboundAt: Date?
    /// When it closes (or closed); `nil` when the contact never wrote.
    public var expiresAt: Date?
}

/// Normalises a `to` value the way the Cloud API does: a leading `+`, spaces, dashes and brackets are dropped; what
/// remains must be 5–20 digits.
enum WhatsAppID {
    static func normalise(_ input: String) -> String? {
        var digits = ""
        for character in input {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+" || character == " " || character == "-" || character == "(" || character == ")" {
                continue
            } else {
                return nil
            }
        }
        return (5...20).contains(digits.count) ? digits : nil
    }

    /// A deterministic display name for a number nobody named.
    static func defaultName(for waID: String) -> String {
        let first = ["Ada", "Ben", "Clara", "Dev", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonah", "Kemi", "Luca"]
        let last = ["Archer", "Byrne", "Castell", "Dunmore", "Eliot", "Fairley", "Grant", "Hale", "Iqbal", "Jansen"]
        var hash: UInt64 = 1469598103934665603
        for byte in waID.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        var random = SplitMix64(state: hash)
        return "\(random.pick(first)) \(random.pick(last))"
    }
}

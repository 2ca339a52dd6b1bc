import Foundation

/// Whether a WhatsApp message was sent by Switchboard or received from a contact; stored as `out` / `in`.
public enum MessageDirection: String, Sendable, Hashable, CaseIterable, Codable {
    case inbound = "in"
    case outbound = "out"
}

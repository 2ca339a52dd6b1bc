import Foundation

/// Failures of the WhatsApp stores that a caller can act on.
public enum WhatsAppStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stored value no longer passes validation (written by hand or by an older build).
    case corruptRecord(String)
    case unknownContact(String)
    /// An inbound message or status event without the WhatsApp message id it is deduplicated on.
    case missingWamid

    public var description: String {
        switch self {
        case .corruptRecord(let detail): "stored WhatsApp record is invalid: \(detail)"
        case .unknownContact(let id): "no WhatsApp contact \(id)"
        case .missingWamid: "a received WhatsApp message or status has no message id (wamid)"
        }
    }
}

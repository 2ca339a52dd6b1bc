import Foundation

/// Whether a WhatsApp message template may be used.
///
/// Outside the 24-hour window only approved templates can be sent, and Meta pauses or disables templates with poor
/// quality; recipes look templates up by status so a paused template is never tried (it would fail with 132015).
public enum TemplateStatus: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case approved
    case pending
    case paused
    case disabled
    case rejected

    /// Parses Switchboard's own values and Meta's (`APPROVED`, `IN_APPEAL`, `PENDING_DELETION`…); `nil` for anything else.
    public init?(parsing text: String) {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        switch key {
        case "in_appeal": self = .pending
        case "pending_deletion", "deleted", "archived": self = .disabled
        default:
            guard let status = TemplateStatus(rawValue: key) else { return nil }
            self = status
        }
    }

    public var isSendable: Bool { self == .approved }

    public var description: String { rawValue }
}

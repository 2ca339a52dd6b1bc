import Foundation
import SQLKit
import SwitchboardCore

/// The 24-hour customer service window per contact (see ``ConversationWindow``): when each contact last wrote.
///
/// Inbound webhooks arrive out of order, so the stored time only ever moves forward. Recording an inbound message
/// (``recordInboundMessage(_:)``) does this already; call ``recordInboundActivity(contactID:at:)`` directly for other
/// signs of the contact writing.
extension StoreSession {
    /// The contact wrote at `time`: their window restarts unless a later message is already known.
    public func recordInboundActivity(contactID: String, at time: Int64) async throws {
        try await run("""
            UPDATE wa_contacts SET last_inbound_at = \(bind: time)
            WHERE id = \(bind: contactID) AND (last_inbound_at IS NULL OR last_inbound_at < \(bind: time))
            """)
    }

    /// The contact's window, or `nil` when there is no such contact.
    public func conversationWindow(contactID: String) async throws -> ConversationWindow? {
        guard let row = try await rows("SELECT last_inbound_at FROM wa_contacts WHERE id = \(bind: contactID)").first else { return nil }
        return ConversationWindow(lastInboundAt: try row.decode(column: "last_inbound_at", as: Int64?.self))
    }

    /// The window with whoever WhatsApp knows by `waID`: the directory contact's, or, for a number not in the
    /// directory, the one opened by the latest message received from it.
    public func conversationWindow(waID: String) async throws -> ConversationWindow {
        if let contact = try await contact(waID: waID) {
            if contact.lastInboundAt != nil { return contact.conversationWindow }
        }
        let latest = try await rows("SELECT MAX(created_at) AS latest FROM wa_messages WHERE wa_id = \(bind: waID) AND direction = 'in'").first
        return ConversationWindow(lastInboundAt: try latest?.decode(column: "latest", as: Int64?.self))
    }

    /// True when free-form messages may be sent to the contact at `now` (closed for unknown contacts).
    public func isConversationWindowOpen(contactID: String, at now: Int64, margin: Int64 = ConversationWindow.defaultMargin) async throws -> Bool {
        try await conversationWindow(contactID: contactID)?.isOpen(at: now, margin: margin) ?? false
    }
}

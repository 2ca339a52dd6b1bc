import Foundation
import SQLKit
import SwitchboardCore

/// Contacts' consent to WhatsApp messages (see ``ContactConsent``): opt-ins, opt-outs with their reason, and the check
/// every send makes first.
///
/// Each change carries the time it happened and is applied with a guard in the `UPDATE`, so a late or replayed change
/// (an old opt-in arriving after the "STOP") never overrides a newer one, on either database, however nodes interleave.
extension StoreSession {
    /// Record that the contact agreed to receive messages at `at`. Returns the contact afterwards (unchanged when a
    /// later opt-out is known), or `nil` when there is no such contact.
    @discardableResult
    public func optInContact(id: String, at time: Int64) async throws -> MessagingContact? {
        try await recordOptIn(id: id, at: time)
        return try await contact(id: id)
    }

    /// The opt-in of ``optInContact(id:at:)`` without reading the contact back: true when it was recorded, false when
    /// a later opt-out stands or there is no such contact.
    @discardableResult
    func recordOptIn(id: String, at time: Int64) async throws -> Bool {
        try await !rows("""
            UPDATE wa_contacts SET opted_in = \(bind: true), opted_in_at = \(bind: time), updated_at = \(bind: time)
            WHERE id = \(bind: id) AND (opted_out_at IS NULL OR opted_out_at <= \(bind: time))
            RETURNING id
            """).isEmpty
    }

    /// Record that the contact withdrew consent at `at`, and why ("replied STOP", "asked by phone"). Returns the contact
    /// afterwards (unchanged when a later opt-in is known), or `nil` when there is no such contact.
    @discardableResult
    public func optOutContact(id: String, reason: String?, at time: Int64) async throws -> MessagingContact? {
        try await run("""
            UPDATE wa_contacts SET opted_in = \(bind: false), opted_out_at = \(bind: time), opt_out_reason = \(SQLValue.text(reason)),
                updated_at = \(bind: time)
            WHERE id = \(bind: id) AND (opted_in = \(bind: false) OR opted_in_at IS NULL OR opted_in_at <= \(bind: time))
            """)
        return try await contact(id: id)
    }

    /// May Switchboard message this contact now, for this purpose? Combines consent with the conversation window
    /// (a reply needs no opt-in while the contact's window is open).
    public func messagingDecision(contactID: String, purpose: MessagingPurpose = .notification, at now: Int64,
                                  margin: Int64 = ConversationWindow.defaultMargin) async throws -> ConsentDecision {
        guard let contact = try await contact(id: contactID) else { return .unknownContact }
        return contact.consent.decision(for: purpose, windowOpen: contact.conversationWindow.isOpen(at: now, margin: margin))
    }

    /// True when ``messagingDecision(contactID:purpose:at:margin:)`` allows the message.
    public func isAllowedToMessage(contactID: String, purpose: MessagingPurpose = .notification, at now: Int64) async throws -> Bool {
        try await messagingDecision(contactID: contactID, purpose: purpose, at: now).isAllowed
    }
}

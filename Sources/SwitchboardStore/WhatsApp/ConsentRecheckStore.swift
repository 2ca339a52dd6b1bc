import Foundation
import SwitchboardCore

/// The one read a send makes right before it records and sends a message: the contact's consent as it is *now*.
/// A send decides on the contact it loaded earlier — at the start of a step that notifies ten thousand people, or
/// before waiting seconds for its pacing slot — and a STOP that arrived meanwhile must still win.
extension StoreSession {
    /// The contact's consent now, or `nil` when there is no such contact.
    public func currentConsent(contactID: String) async throws -> ContactConsent? {
        guard let row = try await rows("""
            SELECT opted_in, opted_in_at, opted_out_at, opt_out_reason FROM wa_contacts WHERE id = \(bind: contactID)
            """).first else { return nil }
        return ContactConsent(optedIn: try row.decode(column: "opted_in", as: Bool.self), optedInAt: try row.decode(column: "opted_in_at", as: Int64?.self),
                              optedOutAt: try row.decode(column: "opted_out_at", as: Int64?.self),
                              optOutReason: try row.decode(column: "opt_out_reason", as: String?.self))
    }
}

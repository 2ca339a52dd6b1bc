import LooseJSON

/// A system message (`type: "system"`): the user changed their number (`user_changed_number`, with the new
/// ``newWaID``) or their identity changed (`customer_identity_changed`).
public struct WhatsAppSystemNotice: Sendable, Hashable {
    public var type: String?
    public var body: String?
    /// `system.wa_id`: the user's new WhatsApp id after a number change.
    public var newWaID: String?
    /// `identity.hash`, when the identity changed.
    public var identityHash: String?

    init(json: JSONValue, identity: JSONValue?) {
        self.type = json.string("type")
        self.body = json.string("body")
        self.newWaID = json.string("wa_id")
        self.identityHash = identity?.string("hash")
    }
}

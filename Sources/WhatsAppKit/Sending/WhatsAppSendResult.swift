import ConnectorKit
import Foundation

/// What the Cloud API answered to an accepted send (reference §1.10).
///
/// HTTP 200 means *accepted*, not delivered: delivery and failure arrive later as status webhooks keyed by
/// ``messageID`` (the `wamid`), which callers must persist before doing anything else.
public struct WhatsAppSendResult: Sendable, Hashable {
    /// `contacts[0].input`: the `to` that was sent.
    public var input: String?
    /// `contacts[0].wa_id`: the normalised WhatsApp id, which may differ from the input (store both).
    public var waID: String?
    /// `messages[0].id`: the `wamid` of the sent message.
    public var messageID: String
    /// `messages[0].message_status`: `accepted`, `held_for_quality_assessment`, `paused`; often absent.
    public var messageStatus: String?

    public init(input: String?, waID: String?, messageID: String, messageStatus: String? = nil) {
        self.input = input
        self.waID = waID
        self.messageID = messageID
        self.messageStatus = messageStatus
    }

    /// Read a send response; `nil` when it carries no message id.
    public init?(json: JSONValue) {
        guard let message = json.list("messages").first, let id = message.string("id"), !id.isEmpty else { return nil }
        let contact = json.list("contacts").first
        self.init(input: contact?.string("input"), waID: contact?.string("wa_id"), messageID: id, messageStatus: message.string("message_status"))
    }

    /// Read a send response body; `nil` when it is not JSON or carries no message id.
    public init?(body: [UInt8]) {
        guard let json = try? JSONValue.parse(body) else { return nil }
        self.init(json: json)
    }
}

import Foundation
import LooseJSON

/// A message a WhatsApp user sent to the business (`value.messages[]` of a `messages` change, reference §2.4).
///
/// Common fields are typed (``timestamp`` is converted from Unix seconds sent as a string); the type-specific payload
/// is ``content``; the complete original object is kept in ``raw`` for storage and for fields not modelled here.
public struct WhatsAppInboundMessage: Sendable, Hashable {
    /// The `wamid.…` of this message: de-duplicate on it (Meta redelivers).
    public var id: String
    /// The sender's WhatsApp id.
    public var from: String
    /// The sender's business-scoped user id (newer payloads).
    public var fromUserID: String?
    public var timestamp: Date
    /// The Cloud API `type`, as sent.
    public var type: String
    public var context: WhatsAppMessageContext?
    public var content: WhatsAppInboundContent
    /// Problems Meta reports with this message (e.g. 131051 on `unsupported`).
    public var errors: [WhatsAppErrorDetail]
    /// Click-to-WhatsApp ad or post the conversation started from, as sent.
    public var referral: JSONValue?
    public var raw: JSONValue

    public init(id: String, from: String, fromUserID: String? = nil, timestamp: Date, type: String, context: WhatsAppMessageContext? = nil,
                content: WhatsAppInboundContent, errors: [WhatsAppErrorDetail] = [], referral: JSONValue? = nil, raw: JSONValue = .null) {
        self.id = id
        self.from = from
        self.fromUserID = fromUserID
        self.timestamp = timestamp
        self.type = type
        self.context = context
        self.content = content
        self.errors = errors
        self.referral = referral
        self.raw = raw
    }

    /// Read one `messages[]` item; `id`, `from` and a readable `timestamp` are required.
    public init(json: JSONValue) throws {
        guard json.isObject else { throw ItemProblem(reason: "message is not an object") }
        guard let id = json.string("id"), !id.isEmpty else { throw ItemProblem(reason: "message has no id") }
        guard let from = json.string("from"), !from.isEmpty else { throw ItemProblem(reason: "message \(id) has no sender (from)") }
        guard let timestamp = json.unixDate("timestamp") else { throw ItemProblem(reason: "message \(id) has no readable timestamp") }
        let type = json.string("type") ?? ""
        self.init(
            id: id, from: from, fromUserID: json.string("from_user_id"), timestamp: timestamp, type: type,
            context: json.object("context").map(WhatsAppMessageContext.init(json:)),
            content: WhatsAppInboundContent.read(type: type, from: json),
            errors: json.list("errors").filter(\.isObject).map(WhatsAppErrorDetail.init(json:)),
            referral: json.object("referral"), raw: json
        )
    }
}

/// `messages[].context`: which business message the user replied to or tapped, or forwarding flags.
public struct WhatsAppMessageContext: Sendable, Hashable {
    /// The business number the quoted message came from.
    public var from: String?
    /// The `wamid` of **our** message that was replied to or whose button was tapped.
    public var id: String?
    public var forwarded: Bool
    public var frequentlyForwarded: Bool
    /// The product asked about (product inquiries), as sent.
    public var referredProduct: JSONValue?

    public init(from: String? = nil, id: String? = nil, forwarded: Bool = false, frequentlyForwarded: Bool = false, referredProduct: JSONValue? = nil) {
        self.from = from
        self.id = id
        self.forwarded = forwarded
        self.frequentlyForwarded = frequentlyForwarded
        self.referredProduct = referredProduct
    }

    init(json: JSONValue) {
        self.init(from: json.string("from"), id: json.string("id"), forwarded: json.bool("forwarded") ?? false,
                  frequentlyForwarded: json.bool("frequently_forwarded") ?? false, referredProduct: json.object("referred_product"))
    }
}

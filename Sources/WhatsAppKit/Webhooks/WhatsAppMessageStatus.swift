import Foundation
import LooseJSON

/// A delivery report for a message the business sent (`value.statuses[]`, reference §2.5).
///
/// Keyed by ``id`` (the `wamid` the send returned). Statuses arrive out of order and more than once: keep transitions
/// monotonic with ``WhatsAppDeliveryStatus/rank`` and de-duplicate on `id + status`.
public struct WhatsAppMessageStatus: Sendable, Hashable {
    /// The `wamid` of the business message.
    public var id: String
    public var status: WhatsAppDeliveryStatus
    public var timestamp: Date
    public var recipientID: String?
    /// `individual` or `group`.
    public var recipientType: String?
    /// The `biz_opaque_callback_data` given at send time (Switchboard's request id).
    public var callbackData: String?
    public var conversation: Conversation?
    public var pricing: Pricing?
    /// Why a `failed` message failed (e.g. 131047 window closed, 131026 undeliverable).
    public var errors: [WhatsAppErrorDetail]
    public var raw: JSONValue

    /// The conversation the message was billed in (older payloads; optional).
    public struct Conversation: Sendable, Hashable {
        public var id: String?
        public var expiresAt: Date?
        /// `origin.type`: `service`, `utility`, `marketing`, `authentication`, …
        public var originType: String?
    }

    /// How the message is billed.
    public struct Pricing: Sendable, Hashable {
        public var billable: Bool?
        /// `CBP` (older payloads) or `PMP` (per-message pricing).
        public var pricingModel: String?
        public var category: String?
        /// `regular`, `free_customer_service`, `free_entry_point`.
        public var type: String?
    }

    /// Read one `statuses[]` item; `id`, `status` and a readable `timestamp` are required.
    public init(json: JSONValue) throws {
        guard json.isObject else { throw ItemProblem(reason: "status is not an object") }
        guard let id = json.string("id"), !id.isEmpty else { throw ItemProblem(reason: "status has no message id") }
        guard let status = json.string("status"), !status.isEmpty else { throw ItemProblem(reason: "status for \(id) has no status") }
        guard let timestamp = json.unixDate("timestamp") else { throw ItemProblem(reason: "status for \(id) has no readable timestamp") }
        self.id = id
        self.status = WhatsAppDeliveryStatus(rawValue: status)
        self.timestamp = timestamp
        self.recipientID = json.string("recipient_id")
        self.recipientType = json.string("recipient_type")
        self.callbackData = json.string("biz_opaque_callback_data")
        self.conversation = json.object("conversation").map {
            Conversation(id: $0.string("id"), expiresAt: $0.unixDate("expiration_timestamp"), originType: $0["origin"]?.string("type"))
        }
        self.pricing = json.object("pricing").map {
            Pricing(billable: $0.bool("billable"), pricingModel: $0.string("pricing_model"), category: $0.string("category"), type: $0.string("type"))
        }
        self.errors = json.list("errors").filter(\.isObject).map(WhatsAppErrorDetail.init(json:))
        self.raw = json
    }
}

/// The state a status webhook reports: `sent`, `delivered`, `read`, `failed`, `played` (voice), or one not known yet.
public enum WhatsAppDeliveryStatus: Sendable, Hashable, CustomStringConvertible {
    case sent, delivered, read, played, failed
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue.lowercased() {
        case "sent": self = .sent
        case "delivered": self = .delivered
        case "read": self = .read
        case "played": self = .played
        case "failed": self = .failed
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .sent: return "sent"
        case .delivered: return "delivered"
        case .read: return "read"
        case .played: return "played"
        case .failed: return "failed"
        case .unknown(let value): return value
        }
    }

    /// Order for monotonic updates: sent < delivered < read < played; `failed` is terminal (highest); unknown is 0.
    /// Apply a status only when its rank is higher than the stored one.
    public var rank: Int {
        switch self {
        case .unknown: return 0
        case .sent: return 1
        case .delivered: return 2
        case .read: return 3
        case .played: return 4
        case .failed: return 5
        }
    }

    public var description: String { rawValue }
}

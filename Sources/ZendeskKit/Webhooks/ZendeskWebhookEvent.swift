import ConnectorKit
import Foundation

/// The fixed envelope of an event-subscription webhook (`zen:event-type:…`, reference §8.2).
///
/// Ids inside `detail` arrive as strings (`"0"` meaning none) and case varies between samples, so the typed
/// accessors normalise them. Anything else stays available in `detail` and `event` as JSON.
public struct ZendeskWebhookEvent: Sendable, Decodable {
    public var id: String
    /// `zen:event-type:ticket.created`.
    public var type: String
    public var accountID: Int64?
    public var time: Date?
    /// `zen:ticket:123`.
    public var subject: String?
    public var detail: JSONValue
    public var event: JSONValue

    public static let typePrefix = "zen:event-type:"

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let id = c.lenientString(AnyKey("id")), !id.isEmpty else {
            throw DecodingError.keyNotFound(AnyKey("id"), .init(codingPath: [], debugDescription: "webhook event has no id"))
        }
        guard let type = c.lenientString(AnyKey("type")), type.hasPrefix(Self.typePrefix) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyKey("type")], debugDescription: "not a zen:event-type event"))
        }
        self.id = id
        self.type = type
        accountID = c.lenientInt64(AnyKey("account_id"))
        time = c.lenientDate(AnyKey("time"))
        subject = c.lenientString(AnyKey("subject"))
        detail = c.lenientJSON(AnyKey("detail")) ?? .object([:])
        event = c.lenientJSON(AnyKey("event")) ?? .object([:])
    }

    /// `ticket.created` for `zen:event-type:ticket.created`.
    public var shortType: String { String(type.dropFirst(Self.typePrefix.count)) }

    /// A `detail` id as an integer; `"0"`, empty and missing are nil.
    public func detailID(_ key: String) -> Int64? {
        guard let value = detail[key]?.int64Value, value != 0 else { return nil }
        return value
    }
}

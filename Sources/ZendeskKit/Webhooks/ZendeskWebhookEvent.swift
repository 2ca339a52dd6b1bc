import ConnectorKit
import Foundation
import LooseJSON

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
        try self.init(json: JSONValue(from: decoder))
    }

    /// The envelope of an already-parsed body: the webhook receiver parses each body once to tell event-subscription
    /// events from trigger payloads, and reads the event from that.
    public init(json: JSONValue) throws {
        guard let id = json["id"]?.stringValue, !id.isEmpty else {
            throw DecodingError.keyNotFound(AnyKey("id"), .init(codingPath: [], debugDescription: "webhook event has no id"))
        }
        guard let type = json["type"]?.stringValue, type.hasPrefix(Self.typePrefix) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyKey("type")], debugDescription: "not a zen:event-type event"))
        }
        self.id = id
        self.type = type
        accountID = json["account_id"]?.int64Value
        switch json["time"] {
        case .string(let text)?: time = LenientDate.parse(text)
        case .number?: time = json["time"]?.int64Value.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        default: time = nil
        }
        subject = json["subject"]?.stringValue
        detail = Self.objectOrEmpty(json["detail"])
        event = Self.objectOrEmpty(json["event"])
    }

    private static func objectOrEmpty(_ value: JSONValue?) -> JSONValue {
        switch value {
        case nil, .null?: return .object([:])
        case let value?: return value
        }
    }

    /// `ticket.created` for `zen:event-type:ticket.created`.
    public var shortType: String { String(type.dropFirst(Self.typePrefix.count)) }

    /// A `detail` id as an integer; `"0"`, empty and missing are nil.
    public func detailID(_ key: String) -> Int64? {
        guard let value = detail[key]?.int64Value, value != 0 else { return nil }
        return value
    }
}

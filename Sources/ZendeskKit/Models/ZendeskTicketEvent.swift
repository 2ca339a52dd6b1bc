import ConnectorKit
import Foundation

/// One audit from the `ticket_events` incremental export (reference §5.9).
///
/// Child events vary by type and are only partly documented, so they are decoded loosely; comments
/// (`event_type == "Comment"`, fully populated when exported with `include=comment_events`) are turned
/// into ``ZendeskComment`` values carrying the parent's `ticket_id`.
public struct ZendeskTicketEvent: Sendable, Equatable, Decodable, ZendeskResource {
    public static let collectionKey = "ticket_events"

    /// A child event; only the fields Switchboard uses are kept.
    public struct Child: Sendable, Equatable {
        public init(id: Int64? = nil, eventType: String? = nil, comment: ZendeskComment? = nil, fieldName: String? = nil, value: JSONValue? = nil, previousValue: JSONValue? = nil, problem: String? = nil, raw: JSONValue? = nil) {
            self.id = id; self.eventType = eventType; self.comment = comment; self.fieldName = fieldName
            self.value = value; self.previousValue = previousValue; self.problem = problem; self.raw = raw
        }

        public var id: Int64?
        public var eventType: String?
        public var comment: ZendeskComment?
        /// For `Change`/`Create` events: the field that changed, when the event names it.
        public var fieldName: String?
        public var value: JSONValue?
        public var previousValue: JSONValue?
        /// Why this child could not be read, when it could not (for example a comment without an id).
        /// Kept so the caller can quarantine it instead of losing it.
        public var problem: String?
        public var raw: JSONValue?
    }

    public var id: Int64
    public var ticketID: Int64
    /// Unix seconds; the export's ordering key.
    public var timestamp: Int64
    public var createdAt: Date?
    public var updaterID: Int64?
    public var via: String?
    public var eventType: String?
    public var children: [Child]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        ticketID = try c.requiredID(AnyKey("ticket_id"))
        createdAt = c.lenientDate(AnyKey("created_at"))
        timestamp = c.lenientInt64(AnyKey("timestamp")) ?? createdAt.map { Int64($0.timeIntervalSince1970) } ?? 0
        updaterID = c.lenientInt64(AnyKey("updater_id"))
        via = c.lenientViaChannel(AnyKey("via"))
        eventType = c.lenientString(AnyKey("event_type"))
        var children: [Child] = []
        if var list = try? c.nestedUnkeyedContainer(forKey: AnyKey("child_events")) {
            while !list.isAtEnd {
                if let child = try? list.decode(ChildPayload.self) {
                    children.append(child.resolved(ticketID: ticketID, fallbackDate: createdAt))
                } else {
                    let raw = (try? list.decode(JSONValue.self)) ?? .null
                    children.append(Child(problem: "child event is not an object", raw: raw))
                }
            }
        }
        self.children = children
    }

    /// The comments this audit added, with `ticketID` filled in.
    public var comments: [ZendeskComment] {
        children.compactMap(\.comment)
    }
}

/// Decodes one child event, including the full comment when it was sideloaded.
private struct ChildPayload: Decodable {
    var id: Int64?
    var eventType: String?
    var comment: ZendeskComment?
    var fieldName: String?
    var value: JSONValue?
    var previousValue: JSONValue?
    var problem: String?
    var raw: JSONValue?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.lenientInt64(AnyKey("id"))
        eventType = c.lenientString(AnyKey("event_type")) ?? c.lenientString(AnyKey("type"))
        if eventType == "Comment" || eventType == "VoiceComment", c.contains(AnyKey("body")) || c.contains(AnyKey("html_body")) {
            do {
                comment = try ZendeskComment(from: decoder)
            } catch {
                problem = "comment event: " + describeDecodingError(error)
                raw = try? JSONValue(from: decoder)
            }
        }
        fieldName = c.lenientString(AnyKey("field_name"))
        value = c.lenientJSON(AnyKey("value"))
        previousValue = c.lenientJSON(AnyKey("previous_value"))
    }

    func resolved(ticketID: Int64, fallbackDate: Date?) -> ZendeskTicketEvent.Child {
        var comment = self.comment
        if comment != nil {
            comment?.ticketID = ticketID
            if comment?.createdAt == nil { comment?.createdAt = fallbackDate }
        }
        return .init(id: id, eventType: eventType, comment: comment, fieldName: fieldName, value: value, previousValue: previousValue, problem: problem, raw: raw)
    }
}

import Foundation
import LooseJSON

/// An inbound fact: a webhook delivery, a change the mirror saw, a schedule slot, a poll result.
///
/// Events are deduplicated on `(source, externalID)`: a webhook redelivered with the same id is the same event.
/// `context` is what flows see: their conditions and templates read fields such as `ticket.status` from it.
public struct Event: Sendable, Equatable {
    public var id: String
    /// Where it came from: `zendesk.webhook`, `zendesk.mirror`, `schedule`.
    public var source: String
    /// What happened: `ticket.created`, `ticket.comment_added`, `trigger`, `slot`…
    public var type: String
    /// The source's own id for the fact (webhook event id, invocation id, `flow@slot`…).
    public var externalID: String
    /// The connection it belongs to, when it has one.
    public var connection: String?
    public var occurredAt: Date
    public var context: JSONValue

    public init(id: String = TimeOrderedID.make(), source: String, type: String, externalID: String, connection: String? = nil,
                occurredAt: Date = Date(), context: JSONValue) {
        self.id = id
        self.source = source
        self.type = type
        self.externalID = externalID
        self.connection = connection
        self.occurredAt = occurredAt
        self.context = context
    }

    /// The context with an `event` object describing the event itself, as templates see it.
    public var templateContext: JSONValue {
        var object: [String: JSONValue] = [:]
        if case .object(let fields) = context { object = fields }
        object["event"] = .object([
            "id": .string(id), "source": .string(source), "type": .string(type), "external_id": .string(externalID),
            "connection": connection.map(JSONValue.string) ?? .null, "time": .string(occurredAt.formatted(.iso8601)),
        ])
        return .object(object)
    }
}

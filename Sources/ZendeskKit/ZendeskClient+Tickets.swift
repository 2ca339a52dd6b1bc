import ConnectorKit
import Foundation

/// Writing tickets: create (idempotently), update, comment, and add or remove tags without replacing the others.
extension ZendeskClient {
    /// The result of a ticket create or update: the ticket and the audit that recorded the change.
    public struct TicketChange: Sendable {
        public var ticket: ZendeskTicket
        public var auditID: Int64?
        /// Comment ids the audit added.
        public var commentIDs: [Int64]
        /// `hit` when Zendesk recognised the Idempotency-Key and returned the original result.
        public var idempotencyLookup: String?
    }

    /// `POST /tickets` with an `Idempotency-Key`: repeating the call with the same key returns the first ticket.
    public func createTicket(_ ticket: JSONValue, idempotencyKey: String) async throws -> TicketChange {
        try await exchange(.post, "tickets", query: [], body: JSONValue.object(["ticket": ticket]), headers: [("Idempotency-Key", idempotencyKey)], budget: .account) { response in
            var change = try Self.ticketChange(response)
            change.idempotencyLookup = response.header("x-idempotency-lookup")
            return change
        }
    }

    /// `PUT /tickets/{id}` with the given fields (and optionally a `comment` and `metadata`).
    public func updateTicket(id: Int64, _ fields: JSONValue) async throws -> TicketChange {
        try await putTicket(id: id, fields) { try Self.ticketChange($0) }
    }

    /// `PUT /tickets/{id}` for a change whose caller needs only the audit it made (a comment, say): the same request
    /// as ``updateTicket(id:_:)``, but the ticket in the answer is only checked, neither built nor decoded.
    public func updateTicketForAudit(id: Int64, _ fields: JSONValue) async throws -> ZendeskAudit? {
        try await putTicket(id: id, fields) { try Self.decode(AuditEnvelope.self, from: $0, members: ["audit"]).audit }
    }

    /// `PUT /tickets/{id}` with `{"ticket": fields}`, its answer read by `interpret`.
    private func putTicket<T: Sendable>(id: Int64, _ fields: JSONValue, interpret: @escaping @Sendable (InboundResponse) throws -> T) async throws -> T {
        try await exchange(.put, "tickets/\(id)", query: [], body: JSONValue.object(["ticket": fields]), headers: [], budget: .account, interpret: interpret)
    }

    /// `PUT /tickets/{id}/tags`: add tags, keeping the others.
    @discardableResult
    public func addTags(ticketID: Int64, _ tags: [String]) async throws -> [String] {
        try await send(.put, "tickets/\(ticketID)/tags", body: TagsBody(tags: tags), as: TagsBody.self).tags
    }

    /// `DELETE /tickets/{id}/tags`: remove the listed tags, keeping the others.
    public func removeTags(ticketID: Int64, _ tags: [String]) async throws {
        try await exchange(.delete, "tickets/\(ticketID)/tags", query: [], body: TagsBody(tags: tags), headers: [], budget: .account) { _ in () }
    }

    /// `GET /tickets/{id}/audits` (newest first), to look for a change Switchboard may already have made.
    public func audits(ticketID: Int64, limit: Int = 100) async throws -> [ZendeskAudit] {
        try await get("tickets/\(ticketID)/audits", query: [("page[size]", String(min(max(limit, 1), 100))), ("sort_order", "desc")], as: AuditPage.self).audits
    }

    static func ticketChange(_ response: InboundResponse) throws -> TicketChange {
        let envelope = try decode(TicketChangeEnvelope.self, from: response)
        return TicketChange(ticket: envelope.ticket, auditID: envelope.audit?.id, commentIDs: envelope.audit?.commentIDs ?? [], idempotencyLookup: nil)
    }
}

struct TagsBody: Codable, Sendable {
    var tags: [String]
}

struct TicketChangeEnvelope: Decodable, Sendable {
    var ticket: ZendeskTicket
    var audit: ZendeskAudit?
}

/// The audit of a ticket change, without the ticket.
struct AuditEnvelope: Decodable, Sendable {
    var audit: ZendeskAudit?
}

struct AuditPage: Decodable, Sendable {
    var audits: [ZendeskAudit]
}

/// A ticket audit: one change to a ticket with the events it caused and the metadata sent with it.
public struct ZendeskAudit: Decodable, Sendable, Equatable {
    public var id: Int64
    public var ticketID: Int64?
    public var createdAt: Date?
    /// `metadata.custom`, where a client can leave its own markers (such as an idempotency key).
    public var customMetadata: JSONValue
    public var commentIDs: [Int64]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        ticketID = c.lenientInt64(AnyKey("ticket_id"))
        createdAt = c.lenientDate(AnyKey("created_at"))
        customMetadata = c.lenientJSON(AnyKey("metadata"))?["custom"] ?? .object([:])
        if case .array(let events)? = c.lenientJSON(AnyKey("events")) {
            commentIDs = events.filter { $0["type"]?.stringValue == "Comment" }.compactMap { $0["id"]?.int64Value }
        } else {
            commentIDs = []
        }
    }
}

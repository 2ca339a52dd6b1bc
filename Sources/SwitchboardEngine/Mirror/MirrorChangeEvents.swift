import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Turns what an incremental sync wrote into `zendesk.mirror` events — `ticket.created`, `ticket.updated`,
/// `comment.added` — so flows can react to changes the mirror sees without a webhook.
///
/// The events are ingested in the same transaction as the page and its cursor: a crash before the commit loses
/// neither, and a page fetched again after a crash produces the same external ids, which the event log drops.
/// Backfills emit nothing: importing history is not "something happened".
public struct MirrorChangeEvents: Sendable {
    public let runtime: FlowRuntime

    public init(runtime: FlowRuntime) {
        self.runtime = runtime
    }

    public static let source = "zendesk.mirror"

    /// Ingest the events for one committed page; returns how many events were new.
    func ingest(_ batch: StreamPage.Batch, outcome: UpsertOutcome, connection: String, in session: StoreSession) async throws -> Int {
        var accepted = 0
        for event in try await events(batch, outcome: outcome, connection: connection, in: session) {
            if case .accepted = try await runtime.ingest(event, in: session) { accepted += 1 }
        }
        return accepted
    }

    func events(_ batch: StreamPage.Batch, outcome: UpsertOutcome, connection: String, in session: StoreSession) async throws -> [Event] {
        let inserted = Set(outcome.inserted), updated = Set(outcome.updated)
        switch batch {
        case .tickets(let rows):
            return rows.compactMap { ticket in
                let type: String
                if inserted.contains(ticket.id) { type = "ticket.created" } else if updated.contains(ticket.id) { type = "ticket.updated" } else { return nil }
                let externalID = type == "ticket.created" ? "\(connection):ticket:\(ticket.id):created" : "\(connection):ticket:\(ticket.id):v\(ticket.version)"
                return Event(source: Self.source, type: type, externalID: externalID, connection: connection,
                             occurredAt: ticket.updatedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? Date(),
                             context: .object(["ticket": Self.ticketContext(ticket)]))
            }
        case .comments(let rows):
            var events: [Event] = []
            var tickets: [Int64: JSONValue] = [:]
            for comment in rows where inserted.contains(comment.id) {
                if tickets[comment.ticketID] == nil {
                    tickets[comment.ticketID] = try await session.ticket(connection: connection, id: comment.ticketID).map(Self.ticketContext)
                        ?? .object(["id": .number(Double(comment.ticketID))])
                }
                events.append(Event(source: Self.source, type: "comment.added", externalID: "\(connection):comment:\(comment.id)", connection: connection,
                                    occurredAt: comment.createdAt.map { Date(timeIntervalSince1970: TimeInterval($0)) } ?? Date(),
                                    context: .object(["ticket": tickets[comment.ticketID] ?? .null, "comment": Self.commentContext(comment)])))
            }
            return events
        case .users, .organizations:
            return []
        }
    }

    /// The ticket as flows read it (the same shape as a webhook's `ticket`, see ``EventSchemas/ticket``).
    static func ticketContext(_ ticket: MirrorTicket) -> JSONValue {
        func id(_ value: Int64?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func time(_ value: Int64?) -> JSONValue { value.map { .string(LenientDate.format(Date(timeIntervalSince1970: TimeInterval($0)))) } ?? .null }
        var customFields: [String: JSONValue] = [:]
        if case .array(let fields)? = try? JSONValue.parse(ticket.customFieldsJSON.utf8) {
            for field in fields { if let fieldID = field["id"]?.int64Value { customFields[String(fieldID)] = field["value"] ?? .null } }
        }
        return .object([
            "id": id(ticket.id), "subject": text(ticket.subject), "status": text(ticket.status), "priority": text(ticket.priority), "type": text(ticket.type),
            "tags": .array(ticket.tags.map(JSONValue.string)), "requester_id": id(ticket.requesterID), "submitter_id": id(ticket.submitterID),
            "assignee_id": id(ticket.assigneeID), "group_id": id(ticket.groupID), "organization_id": id(ticket.organizationID), "brand_id": id(ticket.brandID),
            "external_id": text(ticket.externalID), "via_channel": text(ticket.viaChannel), "created_at": time(ticket.createdAt),
            "updated_at": time(ticket.updatedAt), "custom_fields": .object(customFields),
        ])
    }

    static func commentContext(_ comment: MirrorComment) -> JSONValue {
        .object([
            "id": .number(Double(comment.id)), "ticket_id": .number(Double(comment.ticketID)), "body": comment.body.map(JSONValue.string) ?? .string(""),
            "public": .bool(comment.isPublic), "author_id": comment.authorID.map { .number(Double($0)) } ?? .null,
            "created_at": comment.createdAt.map { .string(LenientDate.format(Date(timeIntervalSince1970: TimeInterval($0)))) } ?? .null,
        ])
    }
}

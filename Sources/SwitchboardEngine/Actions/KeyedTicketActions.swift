import Foundation
import LooseJSON
import SwitchboardStore
import ZendeskKit

/// `zendesk.ensure_ticket`: one open ticket per key. The key is claimed in the database before the ticket is created
/// (with the step's Idempotency-Key), so two runs for the same exception never open two tickets, and a retry after a
/// crash finds the ticket it made. A ticket solved or closed in Zendesk frees the key.
struct EnsureTicketAction: FlowAction {
    let name = "zendesk.ensure_ticket"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        let connection = input.optionalText("connection") ?? context.eventConnection ?? "default"
        let key = try input.text("key")
        let claimant = context.idempotencyKey
        let now = Int64(Date().timeIntervalSince1970)
        var claim = try await context.store.session { try await $0.claimExceptionTicket(connection: connection, key: key, claimant: claimant, now: now) }
        if claim.claimedBy != claimant, let ticketID = claim.ticketID {
            let ticket = try await client.ticket(id: ticketID)
            guard ["solved", "closed", "deleted"].contains(ticket.status ?? "") else {
                return .object(["ticket_id": .number(Double(ticketID)), "created": .bool(false)])
            }
            claim = try await context.store.session { session in
                try await session.markExceptionTicketSolved(connection: connection, key: key, now: now)
                return try await session.claimExceptionTicket(connection: connection, key: key, claimant: claimant, now: now)
            }
        }
        guard claim.claimedBy == claimant else {
            throw ActionError.transient("another run is opening the ticket for \(key); trying again shortly", response: nil)
        }
        if let ticketID = claim.ticketID { return .object(["ticket_id": .number(Double(ticketID)), "created": .bool(true)]) }
        var ticket: [String: JSONValue] = [
            "subject": .string(try input.text("subject")),
            "comment": .object(["body": .string(try input.text("body")), "public": .bool(false)]),
            "type": .string(input.optionalText("type") ?? "task"),
        ]
        if let priority = input.optionalText("priority") { ticket["priority"] = .string(priority) }
        if let group = try input.optionalInteger("group_id") { ticket["group_id"] = .number(Double(group)) }
        if let email = input.optionalText("requester_email") { ticket["requester"] = .object(["email": .string(email), "name": .string(email)]) }
        let tags = input.strings("tags")
        if !tags.isEmpty { ticket["tags"] = .array(tags.map(JSONValue.string)) }
        let created = try await client.createTicket(.object(ticket), idempotencyKey: claimant).ticket
        context.sent(name)
        try await context.store.session { try await $0.setExceptionTicket(connection: connection, key: key, claimant: claimant, ticketID: created.id) }
        return .object(["ticket_id": .number(Double(created.id)), "created": .bool(true)])
    }
}

/// `zendesk.solve_ensured_ticket`: solves the open ticket of a key with an internal note, and frees the key.
struct SolveEnsuredTicketAction: FlowAction {
    let name = "zendesk.solve_ensured_ticket"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let connection = input.optionalText("connection") ?? context.eventConnection ?? "default"
        let key = try input.text("key")
        guard let ticketID = try await context.store.session({ try await $0.openExceptionTicket(connection: connection, key: key) }) else {
            return .object(["solved": .bool(false), "ticket_id": .null])
        }
        let client = try await context.zendeskClient(for: input)
        let body = input.optionalText("body") ?? "Switchboard: the condition that opened this ticket has cleared."
        _ = try await ZendeskComments.addOnce(client: client, ticketID: ticketID, body: body, isPublic: false, status: "solved",
                                              key: context.idempotencyKey, context: context)
        context.sent(name)
        try await context.store.session { try await $0.markExceptionTicketSolved(connection: connection, key: key, now: Int64(Date().timeIntervalSince1970)) }
        return .object(["solved": .bool(true), "ticket_id": .number(Double(ticketID))])
    }
}

/// `zendesk.annotate_title_tickets`: every open ticket tagged with one of the title's ISBNs gets the tags and an
/// internal note — once per ticket, whatever the number of attempts.
struct AnnotateTitleTicketsAction: FlowAction {
    let name = "zendesk.annotate_title_tickets"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        var isbns = input.strings("isbns")
        if let one = input.optionalText("isbn13") { isbns.append(one) }
        let exclude = try input.optionalInteger("exclude_ticket_id")
        var ids: [Int64] = []
        for isbn in Array(Set(isbns)).sorted() {
            let found = try await client.searchTickets(query: "status<solved tags:isbn_\(isbn)", limit: 1000).tickets
            for ticket in found where ticket.id != exclude && !ids.contains(ticket.id) { ids.append(ticket.id) }
        }
        ids.sort()
        let note = try input.text("note")
        let tags = input.strings("add_tags")
        for id in ids {
            if !tags.isEmpty { _ = try await client.addTags(ticketID: id, tags) }
            _ = try await ZendeskComments.addOnce(client: client, ticketID: id, body: note, isPublic: false, key: "\(context.idempotencyKey):t\(id)", context: context)
        }
        context.sent(name)
        return .object(["count": .number(Double(ids.count)), "ticket_ids": .array(ids.map { .number(Double($0)) })])
    }
}

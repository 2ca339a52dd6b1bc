import ConnectorKit
import Foundation
import LooseJSON
import ZendeskKit

/// `zendesk.create_ticket`: sent with the step's idempotency key as `Idempotency-Key`, so Zendesk returns the
/// first ticket if a retry (after a crash, say) sends the request again.
struct CreateTicketAction: FlowAction {
    let name = "zendesk.create_ticket"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        var ticket: [String: JSONValue] = [
            "subject": .string(try input.text("subject")),
            "comment": .object(["body": .string(try input.text("body")), "public": .bool(input.optionalBool("public") ?? true)]),
        ]
        if let requester = try input.optionalInteger("requester_id") {
            ticket["requester_id"] = .number(Double(requester))
        } else if let email = input.optionalText("requester_email") {
            ticket["requester"] = .object(["email": .string(email), "name": .string(input.optionalText("requester_name") ?? email)])
        }
        for key in ["status", "priority", "type", "external_id"] {
            if let value = input.optionalText(key) { ticket[key] = .string(value) }
        }
        for key in ["group_id", "assignee_id"] {
            if let value = try input.optionalInteger(key) { ticket[key] = .number(Double(value)) }
        }
        let tags = input.strings("tags")
        if !tags.isEmpty { ticket["tags"] = .array(tags.map(JSONValue.string)) }
        if let fields = customFields(input) { ticket["custom_fields"] = fields }
        let change = try await client.createTicket(.object(ticket), idempotencyKey: context.idempotencyKey)
        context.sent(name)
        return ticketOutput(change.ticket)
    }
}

/// `zendesk.update_ticket`: field changes in one `PUT /tickets/{id}`, tags through the tag endpoints so that
/// tags added by people or other integrations are never replaced. Every part is safe to repeat.
struct UpdateTicketAction: FlowAction {
    let name = "zendesk.update_ticket"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        let id = try input.integer("ticket_id")
        var fields: [String: JSONValue] = [:]
        for key in ["status", "priority", "type", "subject"] {
            if let value = input.optionalText(key) { fields[key] = .string(value) }
        }
        for key in ["group_id", "assignee_id"] {
            if let value = try input.optionalInteger(key) { fields[key] = .number(Double(value)) }
        }
        if let custom = customFields(input) { fields["custom_fields"] = custom }
        var ticket: ZendeskTicket?
        if !fields.isEmpty {
            fields["metadata"] = .object(["custom": .object(["switchboard_idempotency_key": .string(context.idempotencyKey)])])
            ticket = try await client.updateTicket(id: id, .object(fields)).ticket
        }
        var tags = ticket?.tags
        let add = input.strings("add_tags")
        if !add.isEmpty { tags = try await client.addTags(ticketID: id, add) }
        let remove = input.strings("remove_tags")
        if !remove.isEmpty {
            try await client.removeTags(ticketID: id, remove)
            tags = tags.map { $0.filter { !remove.contains($0) } }
        }
        context.sent(name)
        if tags == nil || ticket == nil { ticket = try await client.ticket(id: id) }
        var output = ticketOutput(ticket!)
        if let tags, case .object(var object) = output {
            object["tags"] = .array(tags.map(JSONValue.string))
            output = .object(object)
        }
        return output
    }
}

/// `zendesk.add_comment`: the update carries the step's idempotency key in `metadata.custom`; if an earlier attempt
/// may have sent it, the ticket's audits are searched for that key first, so a crash never leaves two comments.
struct AddCommentAction: FlowAction {
    let name = "zendesk.add_comment"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        let id = try input.integer("ticket_id")
        let (commentID, auditID) = try await ZendeskComments.addOnce(
            client: client, ticketID: id, body: try input.text("body"), isPublic: input.optionalBool("public") ?? false,
            authorID: try input.optionalInteger("author_id"), key: context.idempotencyKey, context: context)
        context.sent(name)
        return .object(["ticket_id": .number(Double(id)), "comment_id": commentID.map { .number(Double($0)) } ?? .null,
                        "audit_id": auditID.map { .number(Double($0)) } ?? .null])
    }
}

/// `{"360001": "paperback"}` → `[{"id": 360001, "value": "paperback"}]`.
func customFields(_ input: JSONValue) -> JSONValue? {
    guard case .object(let fields)? = input["custom_fields"], !fields.isEmpty else { return nil }
    return .array(fields.sorted { $0.key < $1.key }.compactMap { key, value in
        Int64(key).map { .object(["id": .number(Double($0)), "value": value]) }
    })
}

func ticketOutput(_ ticket: ZendeskTicket) -> JSONValue {
    .object(["ticket_id": .number(Double(ticket.id)), "status": ticket.status.map(JSONValue.string) ?? .null,
             "tags": .array(ticket.tags.map(JSONValue.string)), "url": ticket.url.map(JSONValue.string) ?? .null])
}

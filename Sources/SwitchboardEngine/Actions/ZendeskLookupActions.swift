import ConnectorKit
import Foundation
import LooseJSON
import ZendeskKit

/// `zendesk.find_or_create_user`: look up by email, external id or phone; create only when nothing matches.
/// Looking up first makes a retried step find the user an earlier attempt created.
struct FindOrCreateUserAction: FlowAction {
    let name = "zendesk.find_or_create_user"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        let email = input.optionalText("email")?.lowercased()
        let externalID = input.optionalText("external_id")
        let phone = input.optionalText("phone")
        guard email != nil || externalID != nil || phone != nil else {
            throw ActionError.permanent("zendesk.find_or_create_user needs email, phone or external_id", response: nil)
        }
        if let email, let user = try await client.searchUsers(query: "email:\(email)").first(where: { $0.email?.lowercased() == email }) {
            return output(user, created: false)
        }
        if let externalID, let user = try await client.users(externalID: externalID).first {
            return output(user, created: false)
        }
        if let phone, let user = try await client.searchUsers(query: phone).first(where: { $0.phone == phone }) {
            return output(user, created: false)
        }
        var user: [String: JSONValue] = ["name": .string(input.optionalText("name") ?? email ?? phone ?? externalID!), "role": .string(input.optionalText("role") ?? "end-user"),
                                         "skip_verify_email": .bool(true)]
        if let email { user["email"] = .string(email) }
        if let externalID { user["external_id"] = .string(externalID) }
        if let phone { user["phone"] = .string(phone) }
        if let organization = try input.optionalInteger("organization_id") { user["organization_id"] = .number(Double(organization)) }
        let created: ZendeskUser
        if email != nil || externalID != nil {
            created = try await client.createOrUpdateUser(.object(user)).user
        } else {
            created = try await client.createUser(.object(user))
        }
        context.sent(name)
        return output(created, created: true)
    }

    private func output(_ user: ZendeskUser, created: Bool) -> JSONValue {
        .object(["user_id": .number(Double(user.id)), "created": .bool(created), "email": user.email.map(JSONValue.string) ?? .null,
                 "name": user.name.map(JSONValue.string) ?? .null])
    }
}

/// `zendesk.upsert_macro`: the title is the macro's identity; an existing macro with that title is updated.
struct UpsertMacroAction: FlowAction {
    let name = "zendesk.upsert_macro"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        let title = try input.text("title")
        guard case .array(let actions)? = input["actions"], !actions.isEmpty else {
            throw ActionError.permanent("zendesk.upsert_macro needs a non-empty list of actions", response: nil)
        }
        var macro: [String: JSONValue] = ["title": .string(title), "actions": .array(actions), "active": .bool(input.optionalBool("active") ?? true)]
        if let description = input.optionalText("description") { macro["description"] = .string(description) }
        let (id, created) = try await ZendeskMacros.upsert(client: client, title: title, macro: .object(macro))
        context.sent(name)
        return .object(["macro_id": .number(Double(id)), "created": .bool(created)])
    }
}

/// `zendesk.search_tickets`: read-only.
struct SearchTicketsAction: FlowAction {
    let name = "zendesk.search_tickets"
    let hasSideEffects = false

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        let limit = Int(try input.optionalInteger("limit") ?? 100)
        let result = try await client.searchTickets(query: try input.text("query"), limit: min(max(limit, 1), 1000))
        return .object(["count": .number(Double(result.count)), "ticket_ids": .array(result.tickets.map { .number(Double($0.id)) })])
    }
}

/// `core.log`: writes a message to the log and the run history.
struct LogAction: FlowAction {
    let name = "core.log"
    let hasSideEffects = false

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let message = try input.text("message")
        context.logger.info("\(message)", metadata: ["flow": "\(context.flow)", "run": "\(context.runID)"])
        return .object(["message": .string(message)])
    }
}

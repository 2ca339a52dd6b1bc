import Foundation
import LooseJSON
import ZendeskKit

/// Adding a comment exactly once: the update carries an idempotency key in `metadata.custom`; when an earlier
/// attempt may have sent it, the ticket's audits are searched for that key first, so a crash never leaves two
/// comments. Shared by every action that comments on tickets.
enum ZendeskComments {
    static let markerKey = "switchboard_idempotency_key"

    static func addOnce(client: ZendeskClient, ticketID: Int64, body: String, isPublic: Bool, authorID: Int64? = nil, status: String? = nil,
                        key: String, context: ActionContext) async throws -> (commentID: Int64?, auditID: Int64?) {
        if context.previousAttemptMayHaveSent {
            let audits = try await client.audits(ticketID: ticketID)
            if let audit = audits.first(where: { $0.customMetadata[markerKey]?.stringValue == key }) {
                context.logger.info("comment already added by an earlier attempt", metadata: ["ticket": "\(ticketID)", "audit": "\(audit.id)"])
                return (audit.commentIDs.first, audit.id)
            }
        }
        var comment: [String: JSONValue] = ["body": .string(body), "public": .bool(isPublic)]
        if let authorID { comment["author_id"] = .number(Double(authorID)) }
        var fields: [String: JSONValue] = ["comment": .object(comment), "metadata": .object(["custom": .object([markerKey: .string(key)])])]
        if let status { fields["status"] = .string(status) }
        let audit = try await client.updateTicketForAudit(id: ticketID, .object(fields))
        return (audit?.commentIDs.first, audit?.id)
    }
}

/// Creating or updating a macro by its title (the macro's identity for Switchboard), so repeating it is harmless.
enum ZendeskMacros {
    static func upsert(client: ZendeskClient, title: String, macro: JSONValue) async throws -> (id: Int64, created: Bool) {
        if let existing = try await client.searchMacros(title: title).first(where: { $0.title == title }) {
            return (try await client.updateMacro(id: existing.id, macro).id, false)
        }
        return (try await client.createMacro(macro).id, true)
    }
}

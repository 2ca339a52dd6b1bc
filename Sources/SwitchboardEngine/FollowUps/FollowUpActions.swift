import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `switchboard.open_followup`: start chasing the answer to a request (once per key while it is open). The request's
/// messages carry the same key as their `correlation`, so any answer to them stops the chasing.
struct OpenFollowUpAction: FlowAction {
    let name = "switchboard.open_followup"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let key = try input.text("key")
        let ladder: FollowUpLadder
        do { ladder = try FollowUpLadder(parsing: input["ladder"]) } catch { throw ActionError.permanent("\(name): \(error.description)", response: nil) }
        let now = Int64(Date().timeIntervalSince1970)
        let followUp = FollowUp(key: key, kind: input.optionalText("kind") ?? "request", ladder: ladder, context: input["context"] ?? .object([:]), startedAt: now)
        let (stored, created) = try await context.store.session { try await $0.openFollowUp(followUp) }
        return Self.json(stored, created: created)
    }

    static func json(_ followUp: FollowUp, created: Bool) -> JSONValue {
        .object(["followup_id": .string(followUp.id), "key": .string(followUp.key), "created": .bool(created), "status": .string(followUp.status.rawValue),
                 "next_at": followUp.nextAt.map { .number(Double($0)) } ?? .null, "stages": .number(Double(followUp.ladder.stages.count))])
    }
}

/// `switchboard.close_followup`: stop chasing (the exception cleared, the milestone was done); nothing when no
/// follow-up under the key is open.
struct CloseFollowUpAction: FlowAction {
    let name = "switchboard.close_followup"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let key = try input.text("key")
        let reason = input.optionalText("reason") ?? "closed by flow \(context.flow)"
        let closed = try await context.store.session { try await $0.closeFollowUp(key: key, reason: reason, at: Int64(Date().timeIntervalSince1970)) }
        return .object(["closed": .bool(closed != nil), "followup_id": closed.map { .string($0.id) } ?? .null])
    }
}

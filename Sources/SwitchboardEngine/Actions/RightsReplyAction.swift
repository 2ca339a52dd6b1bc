import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `switchboard.record_rights_reply`: a rights holder's answer on WhatsApp becomes the review's decision — Approve,
/// Decline or Ask a question (any other text counts as a question, kept as the note). The decision is recorded on
/// the review (raising `rights_review.decided`, which moves the workflow on) and, where the Consonance API allows,
/// on the title: the note of the review's WebLink is rewritten to say who decided what and when.
struct RecordRightsReplyAction: FlowAction {
    let name = "switchboard.record_rights_reply"

    /// Reply ids (button ids or quick-reply payloads) and the decision each means.
    static let decisions: [String: String] = [
        "approve": "approved", "approved": "approved", "yes": "approved",
        "decline": "declined", "declined": "declined", "no": "declined",
        "ask_a_question": "question", "question": "question", "ask": "question",
    ]

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let reviewID = try Self.reviewID(input)
        let reply = input.optionalText("reply")?.lowercased()
        let text = input.optionalText("text")
        let decision = reply.flatMap { Self.decisions[$0] } ?? "question"
        let note = decision == "question" ? (text ?? reply.map { "Asked: \($0)" }) : text.flatMap { $0.lowercased() == reply ? nil : $0 }
        let by = input.optionalText("by")
        let records = context.publishingRecords()
        let before = try await context.store.session { try await $0.rightsReview(id: reviewID) }
        guard let before else { throw ActionError.permanent("\(name): no rights review \(reviewID)", response: nil) }
        // A second answer does not overturn the first decision; the title's note is (re)written either way, so a retry
        // after Consonance failed completes the step.
        let decided = before.status == "requested"
        var review = before
        if decided {
            guard let stored = try await records.decideReview(id: reviewID, decision: decision, note: note, by: by) else {
                throw ActionError.permanent("\(name): no rights review \(reviewID)", response: nil)
            }
            review = stored
        }
        var annotated = false
        if let link = review.weblinkID, let pool = context.consonance, await pool.hasConnections() {
            let when = PublishingRules.isoDay(Date(timeIntervalSince1970: TimeInterval(review.decidedAt ?? Int64(Date().timeIntervalSince1970))))
            let summary = "Switchboard rights review: \(review.status)\(review.decidedBy.map { " by \($0)" } ?? "") on \(when) via WhatsApp"
                + (review.decisionNote.map { " — \($0)" } ?? "")
            do {
                try await TitleLinker(consonance: pool).annotate(linkID: link, note: String(summary.prefix(500)))
                annotated = true
                context.sent(name)
            } catch {
                // The decision is recorded either way; the title's note is a convenience the next attempt repeats.
                throw ActionError.transient("\(name): the decision is recorded but Consonance could not be updated: \(error)", response: nil)
            }
        }
        return Self.output(review, decided: decided, consonance: annotated)
    }

    static func reviewID(_ input: JSONValue) throws -> String {
        if let id = input.optionalText("review_id") { return id }
        guard let correlation = input.optionalText("correlation"), correlation.hasPrefix("rights_review:") else {
            throw ActionError.permanent("switchboard.record_rights_reply: give review_id, or a correlation rights_review:<id>", response: nil)
        }
        return String(correlation.dropFirst("rights_review:".count))
    }

    static func output(_ review: RightsReview, decided: Bool, consonance: Bool) -> JSONValue {
        .object(["review_id": .string(review.id), "status": .string(review.status), "decided": .bool(decided), "consonance_updated": .bool(consonance),
                 "decided_by": review.decidedBy.map(JSONValue.string) ?? .null, "note": review.decisionNote.map(JSONValue.string) ?? .null])
    }
}

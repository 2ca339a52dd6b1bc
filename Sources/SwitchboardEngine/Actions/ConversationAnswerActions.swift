import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// `switchboard.answer_metadata_proposal`: a WhatsApp answer to a metadata proposal (the `correlation` of the message
/// it answers is `metadata_proposal:<id>`). A Confirm tap applies the proposal; anything else — the Correct tap, a
/// quoted reply, free text — is a correction. Each answer counts once, by its `wamid`.
struct AnswerMetadataProposalAction: FlowAction {
    let name = "switchboard.answer_metadata_proposal"
    static let prefix = "metadata_proposal:"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let id = try ConversationCorrelation.id(try input.text("correlation"), prefix: Self.prefix, action: name)
        let payloads = input.strings("confirm_payloads").isEmpty ? ["confirm"] : input.strings("confirm_payloads")
        let replyID = input.optionalText("reply_id")
        let confirm = replyID.map { payloads.contains($0.lowercased()) } ?? false
        let records = context.publishingRecords()
        let answer = try await records.answerProposal(id: id, wamid: try input.text("wamid"), confirm: confirm, text: input.optionalText("text"),
                                                      contactID: input.optionalText("contact_id"), contactName: input.optionalText("contact_name"),
                                                      consonance: context.consonance, connection: input.optionalText("connection"))
        if answer.outcome == "confirmed", !answer.proposal.appliedFields.isEmpty { context.sent(name) }
        let proposal = answer.proposal
        let pending = proposal.proposedValues.filter { proposal.pendingFields.contains($0.field) }
        return .object([
            "outcome": .string(answer.outcome), "proposal_id": .string(proposal.id), "status": .string(proposal.status), "title": .string(proposal.title),
            "isbn13": .string(proposal.isbn13), "work_id": PublishingRecords.number(proposal.workID),
            "applied": .array(proposal.appliedFields.map(JSONValue.string)), "pending": .array(proposal.pendingFields.map(JSONValue.string)),
            "pending_count": .number(Double(pending.count)),
            "pending_text": .string(pending.map { "\(PublishingRecords.metadataFieldLabel($0.field)): \($0.value)" }.joined(separator: "; ")),
            "correction": confirm ? .null : PublishingRecords.text(input.optionalText("text")), "button": .bool(replyID != nil),
            "url": .string(records.url("metadata-proposals", proposal.id)),
        ])
    }
}

/// `switchboard.answer_royalty_statement`: a payee's quick reply to `royalty_statement_ready` (correlation
/// `royalty_statement:<id>`): Acknowledge is kept on the statement (who, when); Payment issue flags it for finance.
struct AnswerRoyaltyStatementAction: FlowAction {
    let name = "switchboard.answer_royalty_statement"
    static let prefix = "royalty_statement:"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let id = try ConversationCorrelation.id(try input.text("correlation"), prefix: Self.prefix, action: name)
        let answer = try input.text("answer").lowercased()
        let acknowledges = input.strings("acknowledge_payloads").isEmpty ? ["acknowledge"] : input.strings("acknowledge_payloads")
        let issues = input.strings("issue_payloads").isEmpty ? ["payment_issue"] : input.strings("issue_payloads")
        let records = context.publishingRecords()
        guard acknowledges.contains(answer) || issues.contains(answer) else {
            guard let statement = try await context.store.session({ try await $0.royaltyStatement(id: id) }) else {
                throw ActionError.permanent("\(name): no royalty statement \(id)", response: nil)
            }
            return output("ignored", statement, newIssue: false, records: records)
        }
        let issue = issues.contains(answer)
        let (statement, newIssue) = try await records.answerStatement(id: id, wamid: try input.text("wamid"), issue: issue,
                                                                      contactID: input.optionalText("contact_id"), contactName: input.optionalText("contact_name"))
        return output(issue ? "payment_issue" : "acknowledged", statement, newIssue: newIssue, records: records)
    }

    func output(_ outcome: String, _ statement: RoyaltyStatement, newIssue: Bool, records: PublishingRecords) -> JSONValue {
        .object(["outcome": .string(outcome), "new_issue": .bool(newIssue), "statement_id": .string(statement.id), "status": .string(statement.status),
                 "label": .string(statement.displayLabel), "period": .string(statement.period), "isbn13": PublishingRecords.text(statement.isbn13),
                 "payee_name": PublishingRecords.text(statement.payeeName), "url": .string(records.url("royalty-statements", statement.id))])
    }
}

/// Reading the record id out of a message's correlation (`metadata_proposal:mdp_…`).
enum ConversationCorrelation {
    static func id(_ correlation: String, prefix: String, action: String) throws -> String {
        guard correlation.hasPrefix(prefix), correlation.count > prefix.count else {
            throw ActionError.permanent("\(action): correlation \"\(correlation)\" does not start with \(prefix)", response: nil)
        }
        return String(correlation.dropFirst(prefix.count))
    }
}

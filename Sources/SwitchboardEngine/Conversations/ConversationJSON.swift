import Foundation
import LooseJSON
import SwitchboardStore

/// The JSON shapes of the conversation recipes' records — opportunities, metadata proposals, royalty statements —
/// shared by the admin API and `--json` CLI output so the two never drift apart.
public enum ConversationJSON {
    static func text(_ value: String?) -> JSONValue { PublishingJSON.text(value) }
    static func number(_ value: Int64?) -> JSONValue { PublishingJSON.number(value) }
    static func time(_ value: Int64?) -> JSONValue { PublishingJSON.time(value) }

    public static func opportunity(_ opportunity: AcquisitionOpportunity, messages: [OpportunityMessage]? = nil,
                                   attachments: [OpportunityAttachment]? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(opportunity.id), "status": .string(opportunity.status), "connection": .string(opportunity.connection),
            "wa_id": .string(opportunity.waID), "contact_id": text(opportunity.contactID), "sender_name": text(opportunity.senderName),
            "summary": text(opportunity.summary), "isbn13": text(opportunity.isbn13), "work_id": number(opportunity.workID), "title": text(opportunity.title),
            "weblink_id": number(opportunity.weblinkID), "message_count": .number(Double(opportunity.messageCount)),
            "attachment_count": .number(Double(opportunity.attachmentCount)), "first_message_at": time(opportunity.firstMessageAt),
            "last_message_at": time(opportunity.lastMessageAt), "created_at": time(opportunity.createdAt), "updated_at": time(opportunity.updatedAt),
        ]
        if let messages {
            fields["messages"] = .array(messages.map { .object(["wamid": .string($0.wamid), "kind": .string($0.kind), "text": text($0.body), "received_at": time($0.receivedAt)]) })
        }
        if let attachments { fields["attachments"] = .array(attachments.map(attachment)) }
        return .object(fields)
    }

    public static func attachment(_ attachment: OpportunityAttachment) -> JSONValue {
        .object(["id": .string(attachment.id), "wamid": .string(attachment.wamid), "media_id": .string(attachment.mediaID), "type": .string(attachment.type),
                 "mime_type": text(attachment.mimeType), "filename": text(attachment.filename), "caption": text(attachment.caption),
                 "sha256": text(attachment.sha256), "size": number(attachment.size), "status": .string(attachment.status), "error": text(attachment.error),
                 "created_at": time(attachment.createdAt)])
    }

    public static func proposal(_ proposal: MetadataProposal, responses: [MetadataResponse]? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(proposal.id), "status": .string(proposal.status), "isbn13": .string(proposal.isbn13), "work_id": number(proposal.workID),
            "product_id": number(proposal.productID), "title": .string(proposal.title), "subtitle": text(proposal.subtitle),
            "contributors": text(proposal.contributors), "cover_copy": text(proposal.coverCopy), "series": text(proposal.series),
            "summary": .string(PublishingRecords.proposalSummary(proposal)), "proposed_by": text(proposal.proposedBy),
            "applied_fields": .array(proposal.appliedFields.map(JSONValue.string)), "pending_fields": .array(proposal.pendingFields.map(JSONValue.string)),
            "confirmed_by": text(proposal.confirmedBy), "confirmed_by_name": text(proposal.confirmedByName), "confirmed_at": time(proposal.confirmedAt),
            "apply_error": text(proposal.applyError), "created_at": time(proposal.createdAt), "updated_at": time(proposal.updatedAt),
        ]
        if let responses {
            fields["responses"] = .array(responses.map {
                .object(["id": .string($0.id), "kind": .string($0.kind), "contact_id": text($0.contactID), "contact_name": text($0.contactName),
                         "text": text($0.body), "wamid": .string($0.wamid), "at": time($0.createdAt)])
            })
        }
        return .object(fields)
    }

    public static func statement(_ statement: RoyaltyStatement) -> JSONValue {
        .object(["id": .string(statement.id), "external_id": text(statement.externalID), "status": .string(statement.status), "payee": text(statement.payee),
                 "payee_name": text(statement.payeeName), "isbn13": text(statement.isbn13), "title": text(statement.title), "period": .string(statement.period),
                 "label": .string(statement.displayLabel), "amount": text(statement.amount), "currency": text(statement.currency), "source": text(statement.source),
                 "acknowledged_by": text(statement.acknowledgedBy), "acknowledged_by_name": text(statement.acknowledgedByName),
                 "acknowledged_at": time(statement.acknowledgedAt), "issue_reported_by": text(statement.issueReportedBy),
                 "issue_reported_by_name": text(statement.issueReportedByName), "issue_reported_at": time(statement.issueReportedAt),
                 "created_at": time(statement.createdAt)])
    }

    /// The answer to an import: what was created, what was known already.
    public static func royaltyImport(_ result: PublishingRecords.RoyaltyImport) -> JSONValue {
        .object(["created": .number(Double(result.created.count)), "unchanged": .number(Double(result.unchanged.count)),
                 "statements": .array((result.created + result.unchanged).map(statement)), "errors": .array([])])
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// A pitch received on WhatsApp, as the `switchboard.record_pitch` action hands it over: the message, what was
/// downloaded of its media, and the title it names (if any), recorded together with the opportunity's event.
struct PitchIntake: Sendable {
    var connection: String
    var wamid: String
    var waID: String
    var contactID: String?
    var senderName: String?
    var kind: String
    var text: String?
    var receivedAt: Int64
    var windowSeconds: Int64
    /// Attachments (without an opportunity id yet) and their bytes as base64 (nil unless downloaded).
    var attachments: [(attachment: OpportunityAttachment, base64: String?)]
    var title: TitleMatch?
}

/// Acquisition opportunities: recorded with `opportunity.created` (a new pitch) or `opportunity.updated` (a
/// follow-up joined it) in the same transaction, and linked from their title in Consonance when they name one.
extension PublishingRecords {
    /// Record the message on the sender's open opportunity (or a new one), with its attachments and event. A message
    /// recorded before changes nothing (`duplicate`).
    func recordPitch(_ intake: PitchIntake) async throws -> (opportunity: AcquisitionOpportunity, created: Bool, duplicate: Bool, attachments: [OpportunityAttachment]) {
        let runtime = self.runtime, context = opportunityContext
        let now = Int64(Date().timeIntervalSince1970)
        let result = try await store.transaction { session in
            let message = OpportunityMessage(wamid: intake.wamid, opportunityID: "", kind: intake.kind, body: intake.text, receivedAt: intake.receivedAt)
            let outcome = try await session.recordPitchMessage(message, connection: intake.connection, waID: intake.waID, contactID: intake.contactID,
                                                               senderName: intake.senderName, windowSeconds: intake.windowSeconds, now: now)
            var saved: [OpportunityAttachment] = []
            for (attachment, base64) in intake.attachments {
                var attachment = attachment
                attachment.opportunityID = outcome.opportunity.id
                saved.append(try await session.saveOpportunityAttachment(attachment, base64: base64))
            }
            if let match = intake.title {
                try await session.setOpportunityTitle(id: outcome.opportunity.id, isbn13: match.product?.isbn13 ?? "", workID: match.work.id, title: match.work.title, now: now)
            }
            let stored = try await session.opportunity(id: outcome.opportunity.id) ?? outcome.opportunity
            if !outcome.duplicate {
                let type = outcome.created ? "opportunity.created" : "opportunity.updated"
                try await runtime.ingest(Self.event(type, "opportunity:\(stored.id):\(intake.wamid)", ["opportunity": context(stored, intake.text)]), in: session)
            }
            return (stored, outcome.created, outcome.duplicate, saved)
        }
        var opportunity = result.0
        let id = opportunity.id
        opportunity.weblinkID = try await linkFromTitle(existing: opportunity.weblinkID, workID: opportunity.workID, isbn13: opportunity.isbn13,
                                                        url: url("opportunities", id), note: "Switchboard acquisition opportunity from \(opportunity.senderName ?? "+" + opportunity.waID)") {
            try await $0.setOpportunityWebLink(id: id, weblinkID: $1)
        }
        return (opportunity, result.1, result.2, result.3)
    }

    /// Change an opportunity's status (`open`, `accepted`, `declined`, `closed`); nil when there is none.
    public func setOpportunityStatus(id: String, status: String) async throws -> AcquisitionOpportunity? {
        guard AcquisitionOpportunity.statuses.contains(status) else {
            throw RecordError.invalid("status must be one of \(AcquisitionOpportunity.statuses.joined(separator: ", "))")
        }
        return try await store.session { try await $0.setOpportunityStatus(id: id, status: status, now: Int64(Date().timeIntervalSince1970)) }
    }

    func opportunityContext(_ opportunity: AcquisitionOpportunity, _ text: String?) -> JSONValue {
        .object(["id": .string(opportunity.id), "status": .string(opportunity.status), "connection": .string(opportunity.connection),
                 "wa_id": .string(opportunity.waID), "contact_id": Self.text(opportunity.contactID), "sender_name": Self.text(opportunity.senderName),
                 "summary": Self.text(opportunity.summary), "text": Self.text(text), "message_count": .number(Double(opportunity.messageCount)),
                 "attachment_count": .number(Double(opportunity.attachmentCount)), "isbn13": Self.text(opportunity.isbn13),
                 "work_id": Self.number(opportunity.workID), "title": Self.text(opportunity.title), "url": .string(url("opportunities", opportunity.id))])
    }
}

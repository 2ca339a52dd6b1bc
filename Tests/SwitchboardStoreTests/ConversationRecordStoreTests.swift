import Foundation
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The conversation recipes' tables (migration 6) on SQLite and PostgreSQL: opportunities grouped per sender within a
/// window, messages and attachments counted once, proposals with their answers, statements recognised by identity.
@Suite struct PitchStoreTests {
    @Test(arguments: TestDatabase.available)
    func messagesJoinTheSendersOpenOpportunityWithinTheWindowOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            func record(_ wamid: String, from waID: String = "447700900001", at time: Int64) async throws -> StoreSession.PitchMessageOutcome {
                try await store.transaction { session in
                    try await session.recordPitchMessage(OpportunityMessage(wamid: wamid, opportunityID: "", kind: "text", body: "message \(wamid)", receivedAt: time),
                                                         connection: "whatsapp", waID: waID, contactID: nil, senderName: "Nia", windowSeconds: 3600, now: time)
                }
            }
            let first = try await record("w1", at: 1_000)
            #expect(first.created && !first.duplicate)
            let followUp = try await record("w2", at: 4_000)
            #expect(!followUp.created && followUp.opportunity.id == first.opportunity.id)
            #expect(followUp.opportunity.messageCount == 2 && followUp.opportunity.lastMessageAt == 4_000)
            #expect(followUp.opportunity.summary == "message w1", "the pitch is the first message")
            let repeated = try await record("w2", at: 4_000)
            #expect(repeated.duplicate && repeated.opportunity.messageCount == 2)
            let later = try await record("w3", at: 4_000 + 3_601)
            #expect(later.created && later.opportunity.id != first.opportunity.id, "outside the window a new opportunity opens")
            let otherSender = try await record("w4", from: "447700900002", at: 4_100)
            #expect(otherSender.created)

            let attachment = OpportunityAttachment(opportunityID: first.opportunity.id, wamid: "w2", mediaID: "m1", type: "document", mimeType: "application/pdf",
                                                   filename: "a.pdf", caption: nil, status: "failed", error: "timeout", createdAt: 4_000)
            _ = try await store.session { try await $0.saveOpportunityAttachment(attachment, base64: nil) }
            var downloaded = attachment
            downloaded.id = "att_other"
            downloaded.status = "downloaded"
            downloaded.error = nil
            downloaded.size = 3
            _ = try await store.session { [downloaded] in try await $0.saveOpportunityAttachment(downloaded, base64: "YWJj") }
            var again = downloaded
            again.status = "failed"
            _ = try await store.session { [again] in try await $0.saveOpportunityAttachment(again, base64: nil) }
            let saved = try await store.session { try await $0.opportunityAttachments(opportunityID: first.opportunity.id) }
            #expect(saved.map(\.status) == ["downloaded"], "a retried download replaces a failure; a download is never replaced")
            #expect(try await store.session { try await $0.opportunityAttachmentContent(id: attachment.id) }?.base64 == "YWJj")
            #expect(try await store.session { try await $0.opportunity(id: first.opportunity.id) }?.attachmentCount == 1)
            #expect(try await store.session { try await $0.opportunities(status: "open") }.count == 3)
        }
    }
}

@Suite struct MetadataProposalStoreTests {
    @Test(arguments: TestDatabase.available)
    func proposalsKeepTheirAnswersOncePerMessage(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            var proposal = MetadataProposal(isbn13: "9780306406157", workID: 7, productID: 70, title: "The Salt Road", subtitle: "A Novel", series: "Roads 1", createdAt: 10)
            try await store.session { [proposal] in try await $0.createMetadataProposal(proposal) }
            let answer = MetadataResponse(proposalID: proposal.id, wamid: "w1", kind: "confirm", contactID: "wac_1", contactName: "Ada", body: "Confirm", createdAt: 11)
            let recorded = try await store.session { [answer] in try await $0.recordMetadataResponse(answer) }
            #expect(recorded)
            var repeated = answer
            repeated.id = "mdr_other"
            let recordedAgain = try await store.session { [repeated] in try await $0.recordMetadataResponse(repeated) }
            #expect(!recordedAgain)
            proposal.status = "confirmed"
            proposal.appliedFields = ["subtitle"]
            proposal.pendingFields = ["series"]
            proposal.confirmedBy = "wac_1"
            proposal.confirmedAt = 11
            proposal.updatedAt = 11
            try await store.session { [proposal] in try await $0.updateMetadataProposal(proposal) }
            let saved = try await store.session { [id = proposal.id] in try await $0.metadataProposal(id: id) }
            #expect(saved == proposal)
            let responses = try await store.session { [id = proposal.id] in try await $0.metadataResponses(proposalID: id) }
            #expect(responses == [answer])
            #expect(try await store.session { try await $0.metadataProposals(status: "proposed") }.isEmpty)
        }
    }
}

@Suite struct RoyaltyStatementStoreTests {
    @Test(arguments: TestDatabase.available)
    func statementsAreRecognisedByIdentityAndKeepTheFirstAnswer(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let statement = RoyaltyStatement(identityKey: "id:ST-1", externalID: "ST-1", payee: "wac_1", period: "2025-H1", createdAt: 10)
            let first = try await store.session { try await $0.createRoyaltyStatement(statement) }
            #expect(first.created)
            var copy = statement
            copy.id = "roy_other"
            let second = try await store.session { [copy] in try await $0.createRoyaltyStatement(copy) }
            #expect(!second.created && second.statement.id == statement.id)

            let acknowledged = try await store.session { try await $0.acknowledgeRoyaltyStatement(id: statement.id, by: "wac_1", name: "Ada", at: 20) }
            #expect(acknowledged?.status == "acknowledged" && acknowledged?.acknowledgedAt == 20)
            let later = try await store.session { try await $0.acknowledgeRoyaltyStatement(id: statement.id, by: "wac_2", name: "Al", at: 30) }
            #expect(later?.acknowledgedBy == "wac_1", "the first acknowledgement is kept")
            let issue = try await store.session { try await $0.reportRoyaltyPaymentIssue(id: statement.id, by: "wac_2", name: "Al", at: 40) }
            #expect(issue?.status == "payment_issue" && issue?.issueReportedBy == "wac_2")
            let acknowledgedAfter = try await store.session { try await $0.acknowledgeRoyaltyStatement(id: statement.id, by: "wac_3", name: "Cy", at: 50) }
            #expect(acknowledgedAfter?.status == "payment_issue", "an acknowledgement does not hide a payment issue")
            #expect(try await store.session { try await $0.royaltyStatements(status: "payment_issue") }.map(\.id) == [statement.id])
        }
    }
}

import Foundation
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipe pitches (Consonance ↔ WhatsApp 4), end to end: WhatsApp sandbox → signed webhooks → node → opportunity
/// records, media downloaded from the sandbox's Graph endpoints, the acknowledgement back through the Cloud API.
@Suite struct PitchRecipeTests {
    static let author = "447700900201"

    @Test func aPitchAndItsFollowUpsBecomeOneOpportunityWithTheFilesAndOneAcknowledgement() async throws {
        try await RecipeHarness.with(recipes: ["pitches": [:]], whatsapp: true) { h in
            let sandbox = try h.whatsapp
            // Every webhook is delivered twice, as Meta may: nothing may be recorded or sent twice.
            sandbox.setWebhookOptions(WhatsAppWebhookOptions(duplicateProbability: 1, retryDelays: [.milliseconds(20)], maximumAttempts: 5, timeout: .seconds(30)))
            sandbox.setContact(Self.author, name: "Nia Novelist")
            let manuscript = Array("Chapter one. It was a dark and stormy night…".utf8)
            let cover = [UInt8](repeating: 0xAB, count: 2048)
            let manuscriptID = sandbox.uploadMedia(manuscript, mimeType: "application/pdf", filename: "salt-road.pdf")
            let coverID = sandbox.uploadMedia(cover, mimeType: "image/jpeg")

            sandbox.receive(from: Self.author, .text("Hello! I'd like to pitch my debut novel, The Salt Road: a literary thriller of 90,000 words."))
            try await h.settle()
            sandbox.receive(from: Self.author, .document(mediaID: manuscriptID, caption: "First three chapters", filename: "salt-road.pdf"))
            sandbox.receive(from: Self.author, .image(mediaID: coverID, caption: "A cover idea"))
            try await h.settle()

            let opportunities = try await h.store.session { try await $0.opportunities() }
            #expect(opportunities.count == 1)
            let opportunity = try #require(opportunities.first)
            #expect(opportunity.status == "open")
            #expect(opportunity.waID == Self.author)
            #expect(opportunity.senderName == "Nia Novelist")
            #expect(opportunity.summary?.hasPrefix("Hello! I'd like to pitch my debut novel") == true)
            #expect(opportunity.messageCount == 3)
            #expect(opportunity.attachmentCount == 2)

            // The sender joined the directory (no roles, no opt-in), so the acknowledgement could be sent once.
            let contact = try #require(try await h.store.session { try await $0.contact(waID: Self.author) })
            #expect(opportunity.contactID == contact.id)
            #expect(contact.roles.isEmpty && !contact.consent.optedIn)
            let sent = try h.messages(to: Self.author)
            #expect(sent.count == 1, "one acknowledgement per opportunity, not per message or delivery")
            #expect(sent.first?.type == "text")
            #expect(sent.first?.body?.contains(opportunity.id) == true)

            // The files were downloaded and are served byte for byte by the admin API.
            let shown = try await h.admin("GET", "opportunities/\(opportunity.id)")
            #expect(shown.status == 200)
            let attachments = try #require(shown.body["attachments"] as? [[String: Any]])
            #expect(attachments.compactMap { $0["status"] as? String } == ["downloaded", "downloaded"])
            let pdf = try #require(attachments.first { $0["filename"] as? String == "salt-road.pdf" })
            #expect(pdf["size"] as? Int == manuscript.count)
            let download = try await TestHTTP.request("GET", h.nodeURL + "/api/opportunities/\(opportunity.id)/attachments/\(pdf["id"] as? String ?? "")",
                                                      headers: ["Authorization": "Bearer \(RecipeHarness.adminToken)"])
            #expect(download.status == 200)
            #expect(Array(download.body.utf8) == manuscript)
            let stored = try await h.store.session { try await $0.opportunityAttachments(opportunityID: opportunity.id) }
            let image = try #require(stored.first { $0.type == "image" })
            let bytes = try #require(try await h.store.session { try await $0.opportunityAttachmentContent(id: image.id) }?.base64.flatMap { Data(base64Encoded: $0) })
            #expect(Array(bytes) == cover)
            #expect(image.mimeType == "image/jpeg")
        }
    }

    @Test func aClosedOpportunityIsNotExtendedAndANamedISBNLinksTheTitle() async throws {
        try await RecipeHarness.with(recipes: ["pitches": [:]], whatsapp: true) { h in
            let sandbox = try h.whatsapp
            let (product, work) = try await h.titleWithISBN()
            try await h.addContact("Al Agent", waID: Self.author, roles: [.agent])
            sandbox.receive(from: Self.author, .text("A new proposal from my client: a memoir about lighthouse keeping."))
            try await h.settle()
            let first = try #require(try await h.store.session { try await $0.opportunities() }.first)

            let closed = try await h.admin("POST", "opportunities/\(first.id)/status", json: ["status": "declined"])
            #expect(closed.status == 200)
            #expect(closed.body["status"] as? String == "declined")
            #expect(try await h.admin("POST", "opportunities/\(first.id)/status", json: ["status": "maybe"]).status == 400)

            sandbox.receive(from: Self.author, .text("Following up on the sequel to \(product.isbn13!), which did so well for you."))
            try await h.settle()
            let all = try await h.store.session { try await $0.opportunities() }
            #expect(all.count == 2, "a declined opportunity collects no follow-ups")
            let second = try #require(all.first { $0.id != first.id })
            #expect(second.isbn13 == product.isbn13)
            #expect(second.workID == Int64(work.id))
            #expect(second.title == work.title)
            #expect(second.weblinkID != nil)
            let links = h.consonance.products().filter { $0.workID == work.id }.flatMap(\.webLinks)
            #expect(links.contains { $0.link.hasSuffix("/api/opportunities/\(second.id)") })
            #expect(try h.messages(to: Self.author).count == 2, "each new opportunity is acknowledged")
        }
    }

    @Test func messagesThatAnswerUsOrComeFromOtherRolesAreNotPitches() async throws {
        try await RecipeHarness.with(recipes: ["pitches": [:], "royalty-statements": [:]], whatsapp: true) { h in
            let sandbox = try h.whatsapp
            let printer = "447700900209"
            try await h.addContact("Pat Printer", waID: printer, roles: [.printer])
            sandbox.receive(from: printer, .text("The proofs are at the bindery."))
            // An answer to one of our requests (a quick reply on a royalty statement) is no pitch either.
            let author = try await h.addContact("Ada Author", waID: Self.author, roles: [.author])
            let rows = RoyaltyStatementsCSV(text: "payee,period,title\n\(author.id),2025-H1,Backlist\n").rows
            try await h.records.importRoyaltyStatements(rows, source: "test.csv")
            try await h.settle()
            let statementMessage = try h.latestMessage(to: Self.author)
            try h.tap("acknowledge", latestTo: Self.author)
            sandbox.receive(from: Self.author, .text("Is this the final figure?"), replyingTo: statementMessage.id)
            try await h.settle()
            // Quoting our thank-you (which carries no correlation) still answers us.
            let thanks = try h.latestMessage(to: Self.author)
            #expect(thanks.body?.contains("noted") == true)
            sandbox.receive(from: Self.author, .text("Thanks, got it"), replyingTo: thanks.id)
            try await h.settle()
            #expect(try await h.store.session { try await $0.opportunities() }.isEmpty)
            #expect(try h.messages(to: printer).isEmpty)
            // The tap (a reply) and the quoted answer to the statement (its correlation) never start the flow; the printer's
            // message and the answer quoting our thank-you are turned down with the reason.
            var reasons: [String] = []
            for run in try await h.runs("pitches") {
                let steps = try await h.store.session { try await $0.steps(runID: run.id) }
                reasons += steps.compactMap { $0.output?["reason"]?.stringValue }
            }
            #expect(reasons.count == 2)
            #expect(reasons.contains { $0.contains("printer") })
            #expect(reasons.contains { $0.contains("answers our message") })
        }
    }
}

import Foundation
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipe metadata-confirmation (Consonance ↔ WhatsApp 5), end to end: a proposal through the admin API, the
/// template to the title's author and editor, Confirm writing the subtitle to the Consonance sandbox, and corrections.
@Suite struct MetadataConfirmationRecipeTests {
    static let author = "447700900301", editor = "447700900302", marketing = "447700900303"

    @Test func confirmAppliesTheSubtitleInConsonanceAndLeavesTheRestToAPerson() async throws {
        try await RecipeHarness.with(recipes: ["metadata-confirmation": [:], "pitches": [:]], whatsapp: true) { h in
            let (product, work) = try await h.titleWithISBN()
            let isbn = try #require(product.isbn13)
            let ada = try await h.addContact("Ada Author", waID: Self.author, roles: [.author], isbn13: isbn)
            try await h.addContact("Cy Editor", waID: Self.editor, roles: [.editor], isbn13: isbn)
            try await h.addContact("Mo Marketing", waID: Self.marketing, roles: [.marketing], isbn13: isbn)

            let created = try await h.admin("POST", "metadata-proposals", json: ["isbn": isbn, "subtitle": "A Novel of the Welsh Marches",
                                                                                "contributors": "Ada Author; Cy Editor (ed.)", "series": "Marches Trilogy 1"])
            #expect(created.status == 201)
            let id = try #require(created.body["id"] as? String)
            try await h.settle()

            for waID in [Self.author, Self.editor] {
                let request = try h.latestMessage(to: waID)
                #expect(request.templateName == "metadata_confirmation")
                #expect(request.templateParameters == [work.title, "Subtitle: A Novel of the Welsh Marches; Contributors: Ada Author; Cy Editor (ed.); Series: Marches Trilogy 1"])
            }
            #expect(try h.messages(to: Self.marketing).isEmpty, "marketing is not among the default roles")

            try h.tap("confirm", latestTo: Self.author)
            try await h.settle()
            #expect(h.consonance.work(id: work.id)?.subtitle == "A Novel of the Welsh Marches")
            #expect(h.consonance.product(isbn13: isbn)?.subtitle == "A Novel of the Welsh Marches")
            let proposal = try #require(try await h.store.session { try await $0.metadataProposal(id: id) })
            #expect(proposal.status == "confirmed")
            #expect(proposal.confirmedBy == ada.id)
            #expect(proposal.appliedFields == ["subtitle"])
            #expect(proposal.pendingFields == ["contributors", "series"])
            let tasks = try await h.store.session { try await $0.tasks() }
            #expect(tasks.map(\.title) == ["Apply in Consonance: Contributors: Ada Author; Cy Editor (ed.); Series: Marches Trilogy 1 (\(work.title))"])
            #expect(tasks.first?.isbn13 == isbn)
            #expect(try h.latestMessage(to: Self.author).body?.contains("confirmed") == true)
            #expect(try await h.store.session { try await $0.opportunities() }.isEmpty, "an answer to a request is never a pitch")

            let shown = try await h.admin("GET", "metadata-proposals/\(id)")
            #expect((shown.body["responses"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["confirm"])
        }
    }

    @Test func correctTapsQuotedRepliesAndFreeTextAreCorrectionsWithATask() async throws {
        try await RecipeHarness.with(recipes: ["metadata-confirmation": [:], "pitches": [:]], whatsapp: true) { h in
            let (product, work) = try await h.titleWithISBN()
            let isbn = try #require(product.isbn13)
            let cy = try await h.addContact("Cy Editor", waID: Self.editor, roles: [.editor], isbn13: isbn)
            let proposal = try await h.records.proposeMetadata(isbn: isbn, subtitle: "The Wrong Subtitle", contributors: nil, coverCopy: nil, series: nil,
                                                               proposedBy: "metadata team", consonance: nil)
            try await h.settle()
            let request = try h.latestMessage(to: Self.editor)

            try h.tap("correct", latestTo: Self.editor)
            try await h.settle()
            let prompt = try h.latestMessage(to: Self.editor)
            #expect(prompt.body?.contains("Please reply to this message") == true)
            try h.whatsapp.receive(from: Self.editor, .text("It should be: A Story of the Marches"), replyingTo: prompt.id)
            try await h.settle()
            try h.whatsapp.receive(from: Self.editor, .text("And the series is missing"), replyingTo: request.id)
            try await h.settle()

            let stored = try #require(try await h.store.session { try await $0.metadataProposal(id: proposal.id) })
            #expect(stored.status == "corrected")
            #expect(h.consonance.work(id: work.id)?.subtitle != "The Wrong Subtitle", "nothing is applied on a correction")
            let responses = try await h.store.session { try await $0.metadataResponses(proposalID: proposal.id) }
            #expect(responses.map(\.kind) == ["correction", "correction", "correction"])
            #expect(Set(responses.compactMap(\.body)) == ["Correct", "It should be: A Story of the Marches", "And the series is missing"])
            #expect(responses.allSatisfy { $0.contactID == cy.id })
            let tasks = try await h.store.session { try await $0.tasks() }
            #expect(tasks.map(\.title) == ["Metadata correction for \(work.title) from Cy Editor"], "one correction task per person and proposal")

            // A confirmation after a correction is recorded but applies nothing.
            try h.tap("confirm", latestTo: Self.editor)
            try await h.settle()
            #expect(h.consonance.work(id: work.id)?.subtitle != "The Wrong Subtitle")
            #expect(try await h.store.session { try await $0.metadataProposal(id: proposal.id) }?.status == "corrected")
            #expect(try await h.store.session { try await $0.opportunities() }.isEmpty)
        }
    }

    @Test func freeTextThatQuotesNothingIsTheAnswerOfThePersonAskedAndSilenceBringsAReminder() async throws {
        try await RecipeHarness.with(recipes: ["metadata-confirmation": ["ladder": "[{after: 1s, stage: reminder}]"], "pitches": [:]], whatsapp: true) { h in
            let (product, work) = try await h.titleWithISBN()
            let isbn = try #require(product.isbn13)
            try await h.addContact("Ada Author", waID: Self.author, roles: [.author], isbn13: isbn)
            let proposal = try await h.records.proposeMetadata(isbn: isbn, subtitle: "The Wrong Subtitle", contributors: nil, coverCopy: nil, series: nil,
                                                               proposedBy: "metadata team", consonance: nil)
            #expect(try await h.eventually { try h.messages(to: Self.author).count == 2 }, "the request, then one reminder after the ladder's second")
            try await h.settle()
            #expect(try h.messages(to: Self.author).map(\.templateName) == ["metadata_confirmation", "metadata_confirmation"])

            // Typed, quoting nothing: still the answer to the proposal Ada was asked about — a correction, not a pitch.
            try h.whatsapp.receive(from: Self.author, .text("The subtitle should be A Story of the Marches"))
            #expect(try await h.eventually { try await h.store.session { try await $0.metadataProposal(id: proposal.id) }?.status == "corrected" })
            try await h.settle()
            let responses = try await h.store.session { try await $0.metadataResponses(proposalID: proposal.id) }
            #expect(responses.map(\.body) == ["The subtitle should be A Story of the Marches"])
            #expect(try await h.store.session { try await $0.tasks() }.map(\.title) == ["Metadata correction for \(work.title) from Ada Author"])
            #expect(try await h.store.session { try await $0.opportunities() }.isEmpty)
            #expect(try await h.store.session { try await $0.followUp(key: "metadata_proposal:\(proposal.id)") }?.status == .answered)
        }
    }

    @Test func proposalsAreCheckedBeforeAnythingIsSent() async throws {
        try await RecipeHarness.with(recipes: ["metadata-confirmation": [:]], whatsapp: true) { h in
            let (product, _) = try await h.titleWithISBN()
            let unknown = try await h.admin("POST", "metadata-proposals", json: ["isbn": "9780306406157", "subtitle": "X"])
            #expect(unknown.status == 404)
            #expect((unknown.body["error"] as? String)?.contains("9780306406157") == true)
            let empty = try await h.admin("POST", "metadata-proposals", json: ["isbn": product.isbn13!, "subtitle": "  "])
            #expect(empty.status == 400)
            #expect((empty.body["error"] as? String)?.contains("at least one of subtitle") == true)
            #expect(try await h.admin("POST", "metadata-proposals", json: ["isbn": "12345", "subtitle": "X"]).status == 400)
            #expect(try await h.store.session { try await $0.metadataProposals() }.isEmpty)

            // Nobody to ask: a task says so instead of silence.
            let created = try await h.admin("POST", "metadata-proposals", json: ["isbn": product.isbn13!, "cover_copy": "A sweeping saga."])
            #expect(created.status == 201)
            try await h.settle()
            let tasks = try await h.store.session { try await $0.tasks() }
            #expect(tasks.count == 1)
            #expect(tasks.first?.title.contains("nobody could be asked on WhatsApp") == true)
            let listed = try await h.admin("GET", "metadata-proposals?status=proposed")
            #expect((listed.body["metadata_proposals"] as? [[String: Any]])?.count == 1)
        }
    }
}

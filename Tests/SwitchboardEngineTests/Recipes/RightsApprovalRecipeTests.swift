import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipe rights-approvals (Consonance ↔ WhatsApp 2), end to end over real HTTP: a review request reaches the
/// title's rights holder with three buttons; the tap comes back through the WhatsApp sandbox's signed webhook,
/// matched by `context.id`, and lands on the review, on the review's WebLink in the Consonance sandbox and in the
/// workflow; silence brings reminders, then an escalation.
@Suite struct RightsApprovalRecipeTests {
    static let holder = "447700900301"
    static let editor = "447700900302"

    /// A title with a rights holder and an editor in the directory, and the review request opened by the admin API.
    static func request(_ harness: RecipeHarness) async throws -> (review: String, isbn: String, title: String, productID: Int) {
        try await harness.poll()
        let product = try #require(harness.consonance.products().first { $0.isbn13 != nil })
        let isbn = try #require(product.isbn13)
        let title = try #require(harness.consonance.work(id: product.workID)).title
        try await harness.addContact("Rhea Holder", waID: holder, roles: [.rightsHolder], isbn13: isbn)
        try await harness.addContact("Eli Editor", waID: editor, roles: [.editor], isbn13: isbn)
        let review = try await harness.adminPost("/api/rights-reviews", ["question": "Spanish translation licence", "right_type": "Translation",
                                                                         "territory": "ES", "requested_by": "Editorial Sol", "isbn13": isbn, "title": title])
        return (try #require(review["id"] as? String), isbn, title, product.id)
    }

    @Test func anApprovalTappedOnWhatsAppIsRecordedOnTheReviewAndInConsonance() async throws {
        try await RecipeHarness.with(recipes: ["rights-approvals": [:]], whatsapp: true) { harness in
            let (reviewID, _, title, productID) = try await Self.request(harness)
            try await harness.settle()
            let asked = try harness.messages(to: Self.holder)
            #expect(asked.count == 1)
            #expect(asked.first?.templateName == "rights_approval_request")
            #expect(asked.first?.templateParameters == ["Editorial Sol", "Translation", title])
            #expect(asked.first?.buttons.map(\.id) == ["approve", "decline", "ask_a_question"])
            #expect(try harness.messages(to: Self.editor).isEmpty)

            try harness.tap("approve", latestTo: Self.holder)
            #expect(try await harness.eventually { try await harness.store.session { try await $0.rightsReview(id: reviewID) }?.status == "approved" })
            try await harness.settle()
            let review = try #require(try await harness.store.session { try await $0.rightsReview(id: reviewID) })
            #expect(review.decidedBy == "Rhea Holder")
            // Recorded in Consonance: the note of the review's WebLink on the title's product says who approved.
            let link = try #require(harness.consonance.product(id: productID)?.webLinks.first { $0.link.hasSuffix("/api/rights-reviews/\(reviewID)") })
            #expect(link.note?.contains("approved by Rhea Holder") == true, "\(link.note ?? "nil")")
            // The holder is thanked inside the window the tap opened; the follow-up stops chasing.
            #expect(try harness.messages(to: Self.holder).last?.body?.contains("recorded your answer (approved)") == true)
            let followUp = try await harness.store.session { try await $0.followUp(key: "rights_review:\(reviewID)") }
            #expect(followUp?.status == .answered)
            #expect(followUp?.answer == "approve")
            // The decision moved the workflow: rights_review.decided was raised once.
            let decided = try await harness.store.session { try await $0.events(source: "switchboard", limit: 100) }.filter { $0.type == "rights_review.decided" }
            #expect(decided.count == 1)
        }
    }

    @Test func silenceBringsARemindersThenAnEscalationAndAFreeTextAnswerIsAQuestion() async throws {
        let ladder = "[{after: 1s, stage: reminder}, {after: 2s, stage: escalation, roles: [editor]}]"
        try await RecipeHarness.with(recipes: ["rights-approvals": ["ladder": ladder]], whatsapp: true) { harness in
            let (reviewID, _, title, _) = try await Self.request(harness)
            try await harness.settle()
            #expect(try await harness.eventually { try harness.messages(to: Self.editor).count == 1 }, "the editor hears after the ladder's 2 s")
            try await harness.settle()
            let toHolder = try harness.messages(to: Self.holder)
            #expect(toHolder.map(\.templateName) == ["rights_approval_request", "rights_approval_request"], "the request, then one reminder")
            let escalation = try #require(try harness.messages(to: Self.editor).first)
            #expect(escalation.templateName == "switchboard_notice")
            #expect(escalation.templateParameters.first?.contains("No answer yet from the rights holder of \(title)") == true)
            #expect(try await harness.store.session { try await $0.followUp(key: "rights_review:\(reviewID)") }?.status == .exhausted)
            // No further rungs once the ladder is exhausted.
            try await Task.sleep(for: .seconds(1))
            #expect(try harness.messages(to: Self.editor).count == 1)
            #expect(try harness.messages(to: Self.holder).count == 2)
        }
    }

    @Test func aQuestionTypedInsteadOfTappedOpensATaskForTheRightsTeam() async throws {
        try await RecipeHarness.with(recipes: ["rights-approvals": [:]], whatsapp: true) { harness in
            let (reviewID, isbn, _, _) = try await Self.request(harness)
            try await harness.settle()
            // Free text that quotes nothing still answers the request the holder was sent.
            try harness.whatsapp.receive(from: Self.holder, .text("What print run do they plan?"))
            #expect(try await harness.eventually { try await harness.store.session { try await $0.rightsReview(id: reviewID) }?.status == "question" })
            try await harness.settle()
            let review = try #require(try await harness.store.session { try await $0.rightsReview(id: reviewID) })
            #expect(review.decisionNote == "What print run do they plan?")
            let tasks = try await harness.store.session { try await $0.tasks() }
            let task = try #require(tasks.first { $0.originKey == "rights_review:\(reviewID):question" })
            #expect(task.title.contains("Answer Rhea Holder about the Translation rights"))
            #expect(task.isbn13 == isbn)
            #expect(task.owner == "Rights team")
        }
    }
}

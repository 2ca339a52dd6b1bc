import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipes recurring-questions (Zendesk → Consonance 3), rights-inquiries (4) and author-inquiries (7), end to end.
@Suite struct InquiryRecipeTests {
    @Test func repeatedQuestionsRecordOneSignalThatIsRefreshedAndLinkedFromTheTitle() async throws {
        try await RecipeHarness.with(recipes: ["recurring-questions": ["threshold": "3", "window_days": "7"]]) { harness in
            let product = try #require(harness.consonance.products().first { $0.isbn13 != nil })
            try await harness.poll()
            var tickets: [Int64] = []
            for (index, question) in ["When is the release date of ISBN \(product.isbn13!)?", "Is \(product.isbn13!) available as an ebook?"].enumerated() {
                tickets.append(try await harness.createTicket(subject: "Question \(index)", body: question))
            }
            try await harness.settle()
            #expect(try await harness.store.session { try await $0.supportSignals() }.isEmpty, "below the threshold there is no signal")

            tickets.append(try await harness.createTicket(subject: "Release date?", body: "When will \(product.isbn13!) be released?"))
            try await harness.settle()
            let signals = try await harness.store.session { try await $0.supportSignals() }
            #expect(signals.count == 1)
            let signal = try #require(signals.first)
            #expect(signal.workID == Int64(product.workID))
            #expect(signal.ticketCount == 3)
            #expect(Set(signal.tickets) == Set(tickets))
            #expect(signal.topTopics.first == "release timing")
            let links = try #require(harness.consonance.product(id: harness.consonance.products().filter { $0.workID == product.workID }.map(\.id).min()!)).webLinks
            #expect(links.filter { $0.link.contains("/api/signals/\(signal.id)") }.count == 1)
            let events = try await harness.store.session { try await $0.events(source: "switchboard", limit: 50) }
            #expect(events.filter { $0.type == "support_signal.recorded" }.count == 1)

            tickets.append(try await harness.createTicket(subject: "Wrong subtitle", body: "The subtitle of \(product.isbn13!) is misspelled on your site"))
            try await harness.settle()
            let refreshed = try await harness.store.session { try await $0.supportSignals() }
            #expect(refreshed.count == 1)
            #expect(refreshed.first?.id == signal.id)
            #expect(refreshed.first?.ticketCount == 4)
            let allLinks = harness.consonance.products().filter { $0.workID == product.workID }.flatMap(\.webLinks)
            #expect(allLinks.filter { $0.link.contains("/api/signals/") }.count == 1, "refreshing never adds a second link")
            let api = try await TestHTTP.get(harness.nodeURL + "/api/signals/\(signal.id)", bearer: RecipeHarness.adminToken)
            #expect((api.json as? [String: Any])?["ticket_count"] as? NSNumber == 4)
        }
    }

    @Test func aRightsInquiryGetsASummaryTheTagOpensAReviewAndTheDecisionComesBack() async throws {
        try await RecipeHarness.with(recipes: ["rights-inquiries": [:]]) { harness in
            let product = try #require(harness.consonance.products().first { $0.isbn13 != nil })
            let contract = try #require(harness.consonance.contracts().first { $0.workID == product.workID })
            try await harness.poll()
            let ticket = try await harness.createTicket(subject: "Translation rights enquiry", body: "We would like to license Italian translation rights for ISBN \(product.isbn13!).")
            try await harness.settle()
            let note = try #require(harness.comments(ticket).first { !$0.isPublic }?.body)
            #expect(note.contains("Rights summary"))
            #expect(note.contains("Sales territories:"))
            for right in contract.licensedRights { #expect(note.contains(right.rightType)) }
            #expect(try await harness.tags(ticket).contains("rights_inquiry"))

            try await harness.addTags(ticket, ["rights_review"])
            try await harness.settle()
            let reviews = try await harness.store.session { try await $0.rightsReviews() }
            #expect(reviews.count == 1)
            let review = try #require(reviews.first)
            #expect(review.ticketID == ticket && review.status == "requested" && review.workID == Int64(product.workID))
            #expect(harness.comments(ticket).contains { $0.body.contains("rights review \(review.id) opened") })
            #expect(harness.consonance.products().filter { $0.workID == product.workID }.flatMap(\.webLinks).contains { $0.link.hasSuffix("/api/rights-reviews/\(review.id)") })

            // Tagging again (or any other tag change) does not open a second review.
            try await harness.addTags(ticket, ["vip"])
            try await harness.settle()
            #expect(try await harness.store.session { try await $0.rightsReviews() }.count == 1)

            // The rights team decides through the admin API; the decision is posted back to the ticket.
            let decided = try await TestHTTP.request("POST", harness.nodeURL + "/api/rights-reviews/\(review.id)/decision",
                                                     headers: ["Authorization": "Bearer \(RecipeHarness.adminToken)", "Content-Type": "application/json"],
                                                     body: Array(#"{"decision": "approved", "note": "Italian rights are available; contract to follow.", "by": "Rights team"}"#.utf8))
            #expect(decided.status == 200, "\(decided.body)")
            try await harness.settle()
            let posted = harness.comments(ticket).filter { $0.body.contains("Rights review \(review.id): approved by Rights team") }
            #expect(posted.count == 1)
            #expect(posted.first?.body.contains("Italian rights are available") == true)
            #expect(try await harness.tags(ticket).contains("rights_approved"))
        }
    }

    @Test func aContributorGetsProjectContextAndTheEditorialTaskComesBackToTheTicket() async throws {
        try await RecipeHarness.with(recipes: ["author-inquiries": [:]]) { harness in
            let contributor = try #require(harness.consonance.contributors().first { $0.email != nil && !$0.workIDs.isEmpty })
            let workID = contributor.workIDs[0]
            let work = try #require(harness.consonance.work(id: workID))
            try await harness.poll()
            let ticket = try await harness.createTicket(subject: "Where is my book?", body: "Hi, when do proofs arrive?", requesterEmail: contributor.email)
            let stranger = try await harness.createTicket(subject: "Hello", body: "A question", requesterEmail: "reader@example.net")
            try await harness.settle()
            let note = try #require(harness.comments(ticket).first { !$0.isPublic }?.body)
            #expect(note.contains("Project context"))
            #expect(note.contains(work.title))
            #expect(note.contains("Stage:"))
            #expect(note.contains("Contract"))
            #expect(note.contains("Upcoming deliveries:"))
            #expect(harness.comments(stranger).filter { !$0.isPublic }.isEmpty)

            try await harness.addTags(ticket, ["needs_editorial"])
            try await harness.settle()
            let tasks = try await harness.store.session { try await $0.tasks() }
            #expect(tasks.count == 1)
            let task = try #require(tasks.first)
            #expect(task.ticketID == ticket && task.status == "open" && task.dueOn != nil)
            #expect(harness.consonance.products().filter { $0.workID == task.workID.map(Int.init) }.flatMap(\.webLinks).contains { $0.link.hasSuffix("/api/tasks/\(task.id)") })
            #expect(harness.comments(ticket).contains { $0.body.contains("task \(task.id) created") })

            let done = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks/\(task.id)/status",
                                                  headers: ["Authorization": "Bearer \(RecipeHarness.adminToken)", "Content-Type": "application/json"],
                                                  body: Array(#"{"status": "done"}"#.utf8))
            #expect(done.status == 200, "\(done.body)")
            try await harness.settle()
            #expect(harness.comments(ticket).filter { $0.body.contains("the publishing team completed") }.count == 1)
            let updated = try await harness.ticket(ticket)
            #expect(updated["status"] as? String == "open")
            #expect((updated["tags"] as? [String] ?? []).contains("editorial_done"))
        }
    }
}

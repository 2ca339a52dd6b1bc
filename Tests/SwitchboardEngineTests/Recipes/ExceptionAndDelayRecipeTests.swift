import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipes workflow-exceptions (Consonance → Zendesk 2) and title-delays (Consonance → Zendesk 5), end to end.
@Suite struct ExceptionAndDelayRecipeTests {
    @Test func anOverdueManuscriptOpensOneTicketForTheGroupAndDeliverySolvesIt() async throws {
        try await RecipeHarness.with(recipes: ["workflow-exceptions": ["group_id": "$GROUP"]]) { harness in
            let today = harness.consonance.today
            let contract = try #require(harness.consonance.contracts().first)
            try harness.consonance.setContract(id: contract.id) { dates in
                dates.msDeliveryDate = today.adding(days: -12)
                dates.revisedMsDeliveryDate = nil
                dates.actualMsDeliveryDate = nil
            }
            let work = try #require(harness.consonance.work(id: contract.workID))
            try await harness.poll()
            try await harness.settle()
            let subject = "Manuscript overdue: \(work.title)"
            let opened = harness.tickets(subjectContaining: subject)
            #expect(opened.count == 1)
            let ticketID = try #require(opened.first?.id)
            let ticket = try await harness.ticket(ticketID)
            #expect((ticket["group_id"] as? NSNumber)?.int64Value == harness.groupID)
            #expect(ticket["priority"] as? String == "high")
            #expect(ticket["type"] as? String == "task")
            #expect((ticket["tags"] as? [String] ?? []).contains("exception_delayed_delivery"))
            #expect(harness.comments(ticketID).first?.body.contains("12 days late") == true)

            // Still overdue the next day, or the exception raised again by another route: no second ticket while open.
            try await harness.poll()
            try await harness.settle()
            #expect(harness.tickets(subjectContaining: subject).count == 1)

            try harness.consonance.markDelivered(contractID: contract.id)
            try await harness.poll()
            try await harness.settle()
            let solved = try await harness.ticket(ticketID)
            #expect(solved["status"] as? String == "solved")
            #expect(harness.comments(ticketID).last?.body.contains("cleared in Consonance") == true)
            #expect(harness.tickets(subjectContaining: subject).count == 1)
        }
    }

    @Test func aRightsConflictAndAMissedApprovalAlsoOpenTickets() async throws {
        try await RecipeHarness.with(recipes: ["workflow-exceptions": [:]]) { harness in
            try await harness.poll()
            try await harness.settle()
            let before = harness.zendesk.ticketSummaries().count
            let product = try #require(harness.consonance.products().first)
            try harness.consonance.setSalesRights(productID: product.id, forSale: ["GB", "FR"], notForSale: ["FR"], worldwide: false)
            let milestone = try await harness.store.session { session in
                try await session.upsertMilestone(PublishingMilestone(name: "Cover approval", kind: "approval", dueOn: harness.consonance.today.adding(days: -2).description,
                                                                      owner: "art@publisher.example", title: "Autumn list", createdAt: Int64(Date().timeIntervalSince1970)))
            }
            try await harness.poll()
            try await harness.settle()
            #expect(harness.tickets(subjectContaining: "Rights conflict: ").count == 1)
            #expect(harness.tickets(subjectContaining: "Missed approval: Cover approval").count == 1)
            #expect(harness.zendesk.ticketSummaries().count == before + 2)

            _ = try await harness.store.session { try await $0.setMilestoneStatus(id: milestone.id, done: true, now: Int64(Date().timeIntervalSince1970)) }
            try await harness.poll()
            try await harness.settle()
            let approval = try #require(harness.tickets(subjectContaining: "Missed approval: Cover approval").first)
            #expect(try await harness.ticket(approval.id)["status"] as? String == "solved")
        }
    }

    @Test func aSlippedDateOpensAProactiveTicketAndNotesTheTitlesOpenTickets() async throws {
        try await RecipeHarness.with(recipes: ["title-context": [:], "title-delays": ["group_id": "$GROUP"]]) { harness in
            let product = try #require(harness.consonance.products().first { $0.publishingStatus == "04" && $0.publicationDate != nil && $0.isbn13 != nil })
            let work = try #require(harness.consonance.work(id: product.workID))
            try await harness.poll()
            let first = try await harness.createTicket(subject: "Is it out yet?", body: "Looking for ISBN \(product.isbn13!)")
            let second = try await harness.createTicket(subject: "Bookshop order", body: "We ordered \(product.isbnWithDashes ?? product.isbn13!) for our shop")
            let unrelated = try await harness.createTicket(subject: "Newsletter", body: "Please unsubscribe me")
            try await harness.settle()
            #expect(try await harness.tags(first).contains("isbn_\(product.isbn13!)"))

            let newDate = product.publicationDate!.adding(days: 60)
            try harness.consonance.setPublicationDate(productID: product.id, newDate)
            try await harness.poll()
            try await harness.settle()
            let proactive = harness.tickets(subjectContaining: "Title delayed: \(work.title)")
            #expect(proactive.count == 1)
            let proactiveID = try #require(proactive.first?.id)
            #expect((try await harness.ticket(proactiveID)["group_id"] as? NSNumber)?.int64Value == harness.groupID)
            for ticket in [first, second] {
                #expect(try await harness.tags(ticket).contains("title_delayed"))
                let notes = harness.comments(ticket).filter { !$0.isPublic && $0.body.contains("is delayed") }
                #expect(notes.count == 1)
                #expect(notes.first?.body.contains(newDate.description) == true)
            }
            #expect(!(try await harness.tags(unrelated).contains("title_delayed")))
            #expect(!(try await harness.tags(proactiveID).contains("title_delayed")))

            // An earlier date is not a delay; a postponed status is.
            let other = try #require(harness.consonance.products().first { $0.workID != product.workID && $0.publishingStatus == "04" && $0.publicationDate != nil })
            try harness.consonance.setPublicationDate(productID: other.id, other.publicationDate!.adding(days: -5))
            try await harness.poll()
            try await harness.settle()
            #expect(harness.tickets(subjectContaining: "Title delayed: \(harness.consonance.work(id: other.workID)!.title)").isEmpty)
            try harness.consonance.setPublishingStatus(productID: other.id, "03")
            try await harness.poll()
            try await harness.settle()
            #expect(harness.tickets(subjectContaining: "Title delayed: \(harness.consonance.work(id: other.workID)!.title)").count == 1)
        }
    }
}

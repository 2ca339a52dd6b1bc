import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipe title-context (Consonance → Zendesk 1), end to end: a ticket that mentions a title gets the note, the
/// tags and the custom fields; the sidebar endpoint serves the same data.
@Suite struct TitleContextRecipeTests {
    @Test func aTicketMentioningAnISBNGetsTheTitleNoteTagsAndCustomFields() async throws {
        try await RecipeHarness.with(recipes: ["title-context": ["custom_fields": "{isbn: 360001, imprint: 360002}"]]) { harness in
            let product = try #require(harness.consonance.products().first { $0.isbnWithDashes != nil && $0.publishingStatus == "04" })
            let work = try #require(harness.consonance.work(id: product.workID))
            let siblings = harness.consonance.products().filter { $0.workID == product.workID }
            try await harness.poll()
            let dashed = product.isbnWithDashes!.replacingOccurrences(of: "-", with: "\u{2013}")
            let ticket = try await harness.createTicket(subject: "Question about a book", body: "Hello, is ISBN \(dashed) available in Ireland? Thanks")
            try await harness.settle()

            let notes = harness.comments(ticket).filter { !$0.isPublic }
            #expect(notes.count == 1)
            let note = try #require(notes.first?.body)
            #expect(note.contains(work.title))
            #expect(note.contains("Publication status:"))
            #expect(note.contains("Imprint: \(product.imprintName)"))
            for sibling in siblings { #expect(note.contains(sibling.isbnWithDashes ?? sibling.isbn13 ?? "?"), "every format's ISBN: \(sibling.formCode)") }
            #expect(note.contains("Rights (territories):"))
            #expect(note.contains("Release dates:"))
            if let date = product.publicationDate { #expect(note.contains(date.description)) }

            let tags = try await harness.tags(ticket)
            #expect(tags.contains("isbn_\(product.isbn13!)"))
            #expect(tags.contains(ZendeskTagName.imprint(product.imprintName)))
            #expect(tags.contains { $0.hasPrefix("format_") })
            let fields = try await harness.ticket(ticket)["custom_fields"] as? [[String: Any]] ?? []
            #expect(fields.contains { ($0["id"] as? NSNumber)?.int64Value == 360001 && $0["value"] as? String == product.isbn13 })
            #expect(fields.contains { ($0["id"] as? NSNumber)?.int64Value == 360002 && $0["value"] as? String == product.imprintName })

            // The Zendesk sidebar app's endpoint: the same data, by ISBN-13 or ISBN-10, behind the admin token.
            let sidebar = try await TestHTTP.get(harness.nodeURL + "/api/titles/\(product.isbn13!)", bearer: RecipeHarness.adminToken)
            #expect(sidebar.status == 200)
            let json = try #require(sidebar.json as? [String: Any])
            #expect(json["title"] as? String == work.title)
            #expect((json["formats"] as? [[String: Any]])?.count == siblings.count)
            #expect(try await TestHTTP.get(harness.nodeURL + "/api/titles/\(product.isbn13!)").status == 401)
            #expect(try await TestHTTP.get(harness.nodeURL + "/api/titles/9780000000000", bearer: RecipeHarness.adminToken).status == 400)
        }
    }

    @Test func aTicketWithoutATitleIsLeftAloneAndAPhoneNumberIsNotAnISBN() async throws {
        try await RecipeHarness.with(recipes: ["title-context": [:]]) { harness in
            try await harness.poll()
            let ticket = try await harness.createTicket(subject: "Where is my order?", body: "Call me on +44 7700 900124, order 1234567890.")
            try await harness.settle()
            #expect(harness.comments(ticket).filter { !$0.isPublic }.isEmpty)
            #expect(try await harness.tags(ticket).allSatisfy { !$0.hasPrefix("isbn_") })
            let runs = try await harness.runs("title-context")
            #expect(runs.count == 1 && runs[0].status == "succeeded")
        }
    }

    @Test func anExactTitleInTheSubjectIsEnough() async throws {
        try await RecipeHarness.with(recipes: ["title-context": [:]]) { harness in
            try await harness.poll()
            let titles = Dictionary(grouping: harness.consonance.works(), by: { NameNormalizer.titleKey($0.title) })
            let work = try #require(harness.consonance.works().first { titles[NameNormalizer.titleKey($0.title)]?.count == 1 })
            let ticket = try await harness.createTicket(subject: "Re: \(work.title)", body: "When is the paperback out?")
            try await harness.settle()
            let note = try #require(harness.comments(ticket).first { !$0.isPublic }?.body)
            #expect(note.contains(work.title))
            let tags = try await harness.tags(ticket)
            for product in harness.consonance.products() where product.workID == work.id {
                if let isbn = product.isbn13 { #expect(tags.contains("isbn_\(isbn)")) }
            }
        }
    }
}

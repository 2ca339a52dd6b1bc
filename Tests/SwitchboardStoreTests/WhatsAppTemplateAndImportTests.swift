import Foundation
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite struct WhatsAppTemplateAndImportTests {
    @Test(arguments: TestDatabase.available)
    func templateRegistry(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let approval = RegisteredTemplate(name: "rights_approval", language: "en_GB", category: "utility", body: "May we license {{1}} for {{2}}?",
                                            bodyParameters: ["title", "territory"],
                                            buttons: [RegisteredTemplateButton(text: "Approve", payload: "approve"), RegisteredTemplateButton(text: "Decline", payload: "decline")],
                                            status: .approved, updatedAt: 1)
            try await store.session { session in
                try await session.upsertTemplate(approval)
                try await session.upsertTemplate(RegisteredTemplate(name: "rights_approval", language: "en", status: .pending, updatedAt: 1))
                try await session.upsertTemplate(RegisteredTemplate(name: "proof_ready", language: "en", status: .approved, updatedAt: 1))
            }
            #expect(try await store.session { try await $0.template(name: "rights_approval", language: "en_GB") } == approval)
            #expect(try await store.session { try await $0.approvedTemplate(name: "rights_approval", languages: ["fr", "en_GB", "en"]) }?.language == "en_GB")
            #expect(try await store.session { try await $0.approvedTemplate(name: "rights_approval", languages: ["en"]) } == nil)  // pending

            #expect(try await store.session { try await $0.setTemplateStatus(name: "rights_approval", language: "en_GB", status: .paused, at: 2) })
            #expect(try await !store.session { try await $0.setTemplateStatus(name: "missing", language: "en", status: .paused, at: 2) })
            #expect(try await store.session { try await $0.approvedTemplate(name: "rights_approval", languages: ["en_GB", "en"]) } == nil)
            #expect(try await store.session { try await $0.templates(status: .approved) }.map(\.name) == ["proof_ready"])
            #expect(try await store.session { try await $0.templates() }.map { "\($0.name)/\($0.language)/\($0.status)" }
                    == ["proof_ready/en/approved", "rights_approval/en/pending", "rights_approval/en_GB/paused"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func importingAContactListInOneTransaction(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let csv = ContactsCSV(text: """
                name,phone,email,roles,isbns,titles,opted_in,language
                Ada Author,+44 20 7946 0958,ada@example.com,author,9780306406157,,yes,en_GB
                Eve Editor,+44 20 7946 0001,,editor;production lead,9780306406157,The Salt Road,no,
                """)
            #expect(csv.problems == [])
            let first = try await store.importContacts(csv.rows, now: 10)
            #expect(first.created == 2 && first.updated == 0)
            #expect(first.titleLinks == 1 + 4)
            #expect(first.optedIn == 1)
            let isbn = ContactTitleReference.isbn(ISBN("9780306406157")!)
            let team = try await store.session { try await $0.contacts(forTitle: isbn) }
            #expect(team.map { "\($0.contact.name):\($0.role)" } == ["Ada Author:author", "Eve Editor:editor", "Eve Editor:production_lead"])

            // Ada opts out on WhatsApp; a re-import that still says "yes" does not undo it, and changes are counted.
            let ada = try #require(try await store.session { try await $0.contact(phone: PhoneNumber("+442079460958")!) })
            try await store.session { _ = try await $0.optOutContact(id: ada.id, reason: "replied STOP", at: 20) }
            let again = ContactsCSV(text: """
                name,phone,roles,opted_in
                Ada Author,+44 20 7946 0958,author,yes
                Eve Editor,+44 20 7946 0001,editor;production lead,
                Pat Printer,+1 650 555 1234,printer,yes
                """)
            let second = try await store.importContacts(again.rows, now: 30)
            #expect(second.created == 1 && second.updated == 0 && second.unchanged == 2)
            #expect(second.keptOptedOut == [PhoneNumber("+442079460958")!])
            #expect(second.optedIn == 1)
            #expect(try await store.session { try await $0.contact(id: ada.id) }?.consent.isOptedOut == true)
            #expect(try await store.session { try await $0.contacts(optedInOnly: true) }.map(\.name) == ["Pat Printer"])
        }
    }

    /// An import looks each title up in the catalogue once, and every row's link gets what it found.
    @Test(arguments: TestDatabase.available)
    func everyImportedLinkToATitleCarriesItsCatalogueWork(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await WhatsAppContactStoreTests.saveSaltRoad(store, withEbookAndAuthor: false)
            let csv = ContactsCSV(text: """
                name,phone,roles,isbns,titles
                Ada Author,+44 20 7946 0958,author,9780306406157,
                Eve Editor,+44 20 7946 0001,editor;production lead,9780306406157,The Salt Road
                Pat Printer,+1 650 555 1234,printer,978-0-306-40615-7,
                """)
            #expect(csv.problems == [])
            let summary = try await store.importContacts(csv.rows, now: 10)
            #expect(summary.created == 3 && summary.titleLinks == 1 + 4 + 1)
            var links: [ContactTitleLink] = []
            for name in ["Ada Author", "Eve Editor", "Pat Printer"] {
                let contact = try #require(try await store.session { try await $0.contacts(optedInOnly: false) }.first { $0.name == name })
                links += try await store.session { try await $0.titleLinks(contactID: contact.id) }
            }
            #expect(links.count == 6)
            #expect(links.allSatisfy { $0.workID == 500 && $0.title == "The Salt Road" }, "\(links)")
            #expect(links.filter { $0.titleKey.hasPrefix("isbn:") }.allSatisfy { $0.isbn13 == "9780306406157" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailingImportWritesNothing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let row = ContactsCSVRow(line: 2, name: "Ada", phone: PhoneNumber("+442079460958")!, roles: [.author], titles: [.work(1)])
            var failed = false
            do {
                try await store.transaction { session -> Void in
                    _ = try await session.importContacts([row], now: 1)
                    throw CancellationError()
                }
            } catch {
                failed = true
            }
            #expect(failed)
            let remaining = try await store.session { try await $0.contacts() }
            #expect(remaining.isEmpty)
        }
    }
}

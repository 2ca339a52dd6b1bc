import Foundation
import SwitchboardCore
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite struct WhatsAppContactStoreTests {
    static func phone(_ text: String) -> PhoneNumber { PhoneNumber(text)! }

    @Test(arguments: TestDatabase.available)
    func upsertByPhoneAndFind(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (ada, outcome) = try await store.session {
                try await $0.upsertContact(ContactDetails(name: "Ada Author", phone: Self.phone("+44 20 7946 0958"), email: "Ada@Example.com",
                                                          roles: [.author, .author]), now: 1)
            }
            #expect(outcome == .created)
            #expect(ada.id.hasPrefix("wac_"))
            #expect(ada.roles == [.author])
            #expect(ada.email == "ada@example.com")
            #expect(!ada.consent.optedIn)

            // The same number written differently is the same contact; nil fields keep what is stored.
            let (updated, second) = try await store.session {
                try await $0.upsertContact(ContactDetails(name: "Ada A. Author", phone: Self.phone("0044 (0)20 7946 0958"), language: "en_GB",
                                                          roles: [.author, .rightsHolder]), now: 2)
            }
            #expect(second == .updated)
            #expect(updated.id == ada.id)
            #expect(updated.email == "ada@example.com")
            #expect(updated.roles == [.author, .rightsHolder])
            #expect(updated.updatedAt == 2 && updated.createdAt == 1)
            let (_, third) = try await store.session {
                try await $0.upsertContact(ContactDetails(name: "Ada A. Author", phone: Self.phone("+442079460958")), now: 3)
            }
            #expect(third == .unchanged)

            try await store.session { try await $0.setContactWaID(id: ada.id, waID: "442079460958", now: 4) }
            try await store.session { try await $0.linkContact(id: ada.id, toConsonanceContact: 77, now: 4) }
            let byID = try await store.session { try await $0.contact(id: ada.id) }
            #expect(byID?.name == "Ada A. Author")
            #expect(byID?.consonanceContactID == 77)
            #expect(byID?.recipientID == "442079460958")
            #expect(try await store.session { try await $0.contact(waID: "442079460958") }?.id == ada.id)
            #expect(try await store.session { try await $0.contact(phone: Self.phone("+44 20 7946 0958")) }?.id == ada.id)
            #expect(try await store.session { try await $0.contacts(email: " ADA@example.com") }.map(\.id) == [ada.id])
            #expect(try await store.session { try await $0.contacts(consonanceContactID: 77) }.map(\.id) == [ada.id])
            #expect(try await store.session { try await $0.contact(waID: "15550000000") } == nil)

            let printer = try await store.session {
                try await $0.upsertContact(ContactDetails(name: "Pat Printer", phone: Self.phone("+1 650 555 1234"), roles: [.printer]), now: 5)
            }.contact
            #expect(try await store.session { try await $0.contact(waID: "16505551234") }?.id == printer.id)  // by the number's digits
            #expect(try await store.session { try await $0.contacts() }.map(\.name) == ["Ada A. Author", "Pat Printer"])
            #expect(try await store.session { try await $0.contacts(role: .printer) }.map(\.id) == [printer.id])
            #expect(try await store.session { try await $0.contacts(nameContains: "ADA") }.map(\.id) == [ada.id])
            #expect(try await store.session { try await $0.deleteContact(id: printer.id) })
            #expect(try await store.session { try await $0.contact(id: printer.id) } == nil)
        }
    }

    /// The catalogue's work 500, "The Salt Road": its hardback (9780306406157) and, when asked, its ebook
    /// (9780596520687) and its author, Consonance contact 9001.
    static func saveSaltRoad(_ store: Store, withEbookAndAuthor: Bool) async throws {
        var products = [CatalogueProduct(connection: "cn", id: 1, workID: 500, isbn13: "9780306406157", title: "The Salt Road", format: "hardback",
                                         status: nil, publicationDate: nil, imprint: nil, digest: "d", data: [:])]
        var contributors: [CatalogueContributor] = []
        if withEbookAndAuthor {
            products.append(CatalogueProduct(connection: "cn", id: 2, workID: 500, isbn13: "9780596520687", title: "The Salt Road", format: "ebook",
                                             status: nil, publicationDate: nil, imprint: nil, digest: "d", data: [:]))
            contributors.append(CatalogueContributor(workID: 500, contactID: 9001, role: "A01", sequence: 1, name: "Ada", email: nil, phone: nil))
        }
        try await store.session { [products, contributors] session in
            try await session.saveCatalogue(
                connection: "cn",
                works: [CatalogueWork(connection: "cn", id: 500, title: "The Salt Road", subtitle: nil, stage: nil, imprint: nil, digest: "d", data: [:])],
                products: products, contributors: contributors, now: 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func contactsForATitleByRole(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            // Consonance: work 500 has a hardback and an ebook; its author is Consonance contact 9001.
            try await Self.saveSaltRoad(store, withEbookAndAuthor: true)
            let hardback = ContactTitleReference.isbn(ISBN("9780306406157")!)
            let ebook = ContactTitleReference.isbn(ISBN("9780596520687")!)
            let ids = try await store.transaction { session -> [String: String] in
                var ids: [String: String] = [:]
                for (name, number, roles) in [("Ada", "+44 20 7946 0001", [ContactRole.author]), ("Eve", "+44 20 7946 0002", [.editor]),
                                              ("Pia", "+44 20 7946 0003", [.productionLead]), ("Dan", "+44 20 7946 0004", [.designer]),
                                              ("Other", "+44 20 7946 0005", [.editor])] {
                    ids[name] = try await session.upsertContact(ContactDetails(name: name, phone: Self.phone(number), roles: roles), now: 1).contact.id
                }
                try await session.linkContact(id: ids["Ada"]!, toConsonanceContact: 9001, now: 1)  // author through Consonance only
                let eveLink = try await session.linkContact(id: ids["Eve"]!, toTitle: hardback, role: .editor, now: 1)
                #expect(eveLink.workID == 500)
                #expect(eveLink.title == "The Salt Road")
                try await session.linkContact(id: ids["Pia"]!, toTitle: .work(500), role: .productionLead, now: 1)
                try await session.linkContact(id: ids["Dan"]!, toTitle: .title("salt road"), role: .designer, now: 1)
                try await session.linkContact(id: ids["Other"]!, toTitle: .isbn(ISBN("9781911390220")!), role: .editor, now: 1)
                return ids
            }

            // From the ebook's ISBN: the people linked through the hardback, the work, the title and Consonance.
            let team = try await store.session { try await $0.contacts(forTitle: ebook, roles: [.author, .editor, .productionLead]) }
            #expect(team.map(\.contact.name) == ["Ada", "Eve", "Pia"])
            #expect(team.map(\.role) == [.author, .editor, .productionLead])
            #expect(team.map(\.source) == [.consonance, .directory, .directory])
            let everyone = try await store.session { try await $0.contacts(forTitle: .title("The Salt Road")) }
            #expect(everyone.map(\.contact.name) == ["Ada", "Eve", "Pia", "Dan"])
            #expect(try await store.session { try await $0.contacts(forTitle: .work(500), roles: [.designer]) }.map(\.contact.name) == ["Dan"])
            #expect(try await store.session { try await $0.contacts(forTitle: .isbn(ISBN("9781911390220")!)) }.map(\.contact.name) == ["Other"])

            #expect(try await store.session { try await $0.contacts(title: ebook) }.map(\.name) == ["Ada", "Dan", "Eve", "Pia"])
            #expect(try await store.session { try await $0.contacts(role: .editor, title: ebook) }.map(\.name) == ["Eve"])
            #expect(try await store.session { try await $0.contacts(role: .editor) }.map(\.name) == ["Eve", "Other"])
            #expect(try await store.session { try await $0.titleLinks(contactID: ids["Eve"]!) }.map(\.titleKey) == ["isbn:9780306406157"])
            #expect(try await store.session { try await $0.unlinkContact(id: ids["Eve"]!, fromTitle: hardback) } == 1)
            #expect(try await store.session { try await $0.contacts(forTitle: ebook, roles: [.editor]) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func consentOptInAndOut(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let id = try await store.session {
                try await $0.upsertContact(ContactDetails(name: "Ada", phone: Self.phone("+44 20 7946 0958")), now: 1).contact.id
            }
            #expect(try await store.session { try await $0.messagingDecision(contactID: id, at: 10) } == .notOptedIn)
            #expect(try await store.session { try await $0.messagingDecision(contactID: "wac_nobody", at: 10) } == .unknownContact)
            #expect(try await store.session { try await $0.optInContact(id: id, at: 10) }?.consent.optedInAt == 10)
            #expect(try await store.session { try await $0.isAllowedToMessage(contactID: id, at: 11) })

            let out = try await store.session { try await $0.optOutContact(id: id, reason: "replied STOP", at: 20) }
            #expect(out?.consent == ContactConsent(optedIn: false, optedInAt: 10, optedOutAt: 20, optOutReason: "replied STOP"))
            #expect(try await store.session { try await $0.messagingDecision(contactID: id, at: 21) } == .optedOut(reason: "replied STOP"))
            // Even a reply inside an open window is refused once the contact opted out.
            try await store.session { try await $0.recordInboundActivity(contactID: id, at: 21) }
            #expect(try await !store.session { try await $0.isAllowedToMessage(contactID: id, purpose: .reply, at: 22) })

            // A stale opt-in (older than the opt-out) changes nothing; a newer one counts.
            #expect(try await store.session { try await $0.optInContact(id: id, at: 15) }?.consent.optedIn == false)
            #expect(try await store.session { try await $0.optInContact(id: id, at: 30) }?.consent.optedIn == true)
            #expect(try await store.session { try await $0.optOutContact(id: id, reason: "late", at: 25) }?.consent.optedIn == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func conversationWindowOpensOnInbound(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let id = try await store.session {
                try await $0.upsertContact(ContactDetails(name: "Ada", phone: Self.phone("+44 20 7946 0958")), now: 1).contact.id
            }
            #expect(try await !store.session { try await $0.isConversationWindowOpen(contactID: id, at: 100) })
            try await store.session { try await $0.recordInboundActivity(contactID: id, at: 1_000) }
            try await store.session { try await $0.recordInboundActivity(contactID: id, at: 900) }  // out of order: ignored
            #expect(try await store.session { try await $0.conversationWindow(contactID: id) }?.lastInboundAt == 1_000)
            #expect(try await store.session { try await $0.isConversationWindowOpen(contactID: id, at: 1_000 + 86_400 - 601) })
            #expect(try await !store.session { try await $0.isConversationWindowOpen(contactID: id, at: 1_000 + 86_400 - 600) })
            #expect(try await store.session { try await $0.isConversationWindowOpen(contactID: id, at: 1_000 + 86_400 - 1, margin: 0) })
            #expect(try await !store.session { try await $0.isConversationWindowOpen(contactID: "wac_nobody", at: 1_000) })
            // Not opted in, but a reply inside the open window is allowed; a notification is not.
            #expect(try await store.session { try await $0.isAllowedToMessage(contactID: id, purpose: .reply, at: 2_000) })
            #expect(try await !store.session { try await $0.isAllowedToMessage(contactID: id, purpose: .notification, at: 2_000) })
            #expect(try await store.session { try await $0.conversationWindow(waID: "442079460958") }.lastInboundAt == 1_000)
        }
    }
}

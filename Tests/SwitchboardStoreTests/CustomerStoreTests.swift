import Foundation
import SwitchboardStore
import SwitchboardTestSupport
import Testing

@Suite struct CustomerStoreTests {
    @Test(arguments: TestDatabase.available)
    func customersLinksAndTicketsOfACustomer(_ database: TestDatabase) async throws {
        try await database.withStore { store in
        let customer = try await store.session { try await $0.createCustomer(name: "The Larkspur Press Ltd", domains: ["https://www.Larkspur.example/", "bad domain"], now: 1) }
        #expect(customer.id.hasPrefix("cus_"))
        #expect(customer.domains == ["larkspur.example"])
        #expect(try await store.session { try await $0.customer(matching: "larkspur press") }?.id == customer.id)
        #expect(try await store.session { try await $0.customer(matching: customer.id) }?.name == "The Larkspur Press Ltd")

        try await store.transaction { session in
            _ = try await session.upsertOrganizations([MirrorOrganization(id: 9, name: "Larkspur", version: 1), MirrorOrganization(id: 10, name: "Other", version: 1)], connection: "z", now: 1)
            _ = try await session.upsertTickets((1...5).map { MirrorTicket(id: $0, status: $0 == 5 ? "solved" : "open", organizationID: $0 <= 3 ? 9 : 10, updatedAt: $0, version: $0) }, connection: "z", now: 1)
            try await session.setOrganizationLink(connection: "z", organizationID: 9, customerID: customer.id, method: "manual", detail: nil, now: 1)
        }
        let tickets = try await store.session { try await $0.tickets(ofCustomer: customer.id, connection: "z") }
        #expect(tickets.map(\.id) == [3, 2, 1])
        try await store.session { try await $0.setOrganizationLink(connection: "z", organizationID: 10, customerID: customer.id, method: "domain", detail: "larkspur.example", now: 2) }
        #expect(try await store.session { try await $0.tickets(ofCustomer: customer.id, status: "open") }.map(\.id) == [4, 3, 2, 1])
        let top = try await store.session { try await $0.topCustomers(connection: "z", limit: 5) }
        #expect(top == [CustomerTicketCount(customerID: customer.id, name: "The Larkspur Press Ltd", organizations: 2, tickets: 5)])
        let organizations = try await store.session { try await $0.topOrganizations(connection: "z", limit: 5) }
        #expect(organizations.map(\.organizationID) == [9, 10])
        #expect(organizations.first?.customerName == "The Larkspur Press Ltd")

        try await store.session { try await $0.deleteCustomer(id: customer.id) }
        #expect(try await store.session { try await $0.organizationLinks(connection: "z") }.isEmpty)
        }
    }
}

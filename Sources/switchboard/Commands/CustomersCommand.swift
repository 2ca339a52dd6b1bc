import ArgumentParser
import Foundation
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard customers …`: the customers Zendesk organizations are matched to.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Manage customers and their links to Zendesk organizations.",
        discussion: """
            Organizations are matched to customers after every sync: by normalised name, then by a customer domain in the
            organization's domain names, then by its users' email domain. A mapping made with `customers map` always wins.
            Tickets belong to a customer through their organization, so a mapping applies to all of its tickets at once.
            """,
        subcommands: [CustomersList.self, CustomersAdd.self, CustomersImport.self, CustomersMap.self, CustomersUnmap.self, CustomersMatch.self, CustomersTickets.self])
}

struct CustomersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List customers with their domains and ticket counts.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The connection whose tickets are counted.") var name = "default"

    func run() async throws {
        try await store.withStore { store in
            let (customers, counts) = try await store.session { [name] session in
                (try await session.customers(), try await session.topCustomers(connection: name, limit: 100_000))
            }
            let byID = Dictionary(uniqueKeysWithValues: counts.map { ($0.customerID, $0) })
            guard !customers.isEmpty else { Output.line("No customers yet: switchboard customers add NAME --domain DOMAIN"); return }
            Output.line(Output.table([["ID", "NAME", "DOMAINS", "ORGS", "TICKETS"]] + customers.map { customer in
                [customer.id, customer.name, customer.domains.joined(separator: ","), String(byID[customer.id]?.organizations ?? 0), Output.count(byID[customer.id]?.tickets ?? 0)]
            }, indent: ""))
        }
    }
}

struct CustomersAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a customer.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The customer's name.") var customerName: String
    @Option(name: .customLong("domain"), help: "A domain the customer owns (repeatable).") var domains: [String] = []

    func run() async throws {
        try await store.withStore { store in
            let record = try await store.session { [customerName, domains] in try await $0.createCustomer(name: customerName, domains: domains, now: Int64(Date().timeIntervalSince1970)) }
            Output.line("Added \(record.name) (\(record.id))\(record.domains.isEmpty ? "" : " with " + record.domains.joined(separator: ", ")). Run switchboard customers match to link organizations now.")
        }
    }
}

struct CustomersImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import customers from a CSV file with columns name and domains (domains separated by ; or spaces).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The CSV file.") var file: String

    func run() async throws {
        try await store.withStore { store in
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let rows = try CSVTable(text: String(decoding: data, as: UTF8.self), source: file).records(requiring: ["name"])
            do {
                let now = Int64(Date().timeIntervalSince1970)
                let added = try await store.transaction { session -> Int in
                    var added = 0
                    for row in rows {
                        let name = row.values["name"]!.trimmingCharacters(in: .whitespaces)
                        guard !name.isEmpty else { continue }
                        let domains = (row.values["domains"] ?? row.values["domain"] ?? "").split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "," }).map(String.init)
                        if let existing = try await session.customer(matching: name) {
                            try await session.addCustomerDomains(existing.id, domains)
                        } else {
                            try await session.createCustomer(name: name, domains: domains, now: now)
                            added += 1
                        }
                    }
                    return added
                }
                Output.line("Imported \(rows.count) row\(rows.count == 1 ? "" : "s") from \(file): \(added) new customer\(added == 1 ? "" : "s"), the rest merged into existing ones.")
            }
        }
    }
}

struct CustomersMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map", abstract: "Link a Zendesk organization to a customer by hand (overrides automatic matching).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The Zendesk organization id.") var organizationID: Int64
    @Argument(help: "The customer's id or name; a new name creates the customer.") var customer: String
    @Option(help: "The connection.") var name = "default"

    func run() async throws {
        try await store.withStore { store in
            let now = Int64(Date().timeIntervalSince1970)
            let (record, created, organization, tickets) = try await store.transaction { [customer, name, organizationID] session in
                let organization = try await session.organizationsForMatching(connection: name).first { $0.id == organizationID }
                var created = false
                var record = try await session.customer(matching: customer)
                if record == nil {
                    record = try await session.createCustomer(name: customer, domains: [], now: now)
                    created = true
                }
                try await session.setOrganizationLink(connection: name, organizationID: organizationID, customerID: record!.id, method: "manual", detail: nil, now: now)
                let tickets = try await session.scalar("SELECT COUNT(*) AS value FROM zd_tickets WHERE connection = \(bind: name) AND organization_id = \(bind: organizationID)")
                return (record!, created, organization, tickets)
            }
            if created { Output.line("Created customer \(record.name) (\(record.id)).") }
            if organization == nil { Output.line("Note: organization \(organizationID) is not in the mirror yet; the link applies once it is synced.") }
            Output.line("Mapped organization \(organizationID)\(organization?.name.map { " (\($0))" } ?? "") to \(record.name): \(Output.count(Int(tickets))) ticket\(tickets == 1 ? "" : "s") now belong to it.")
        }
    }
}

struct CustomersUnmap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unmap", abstract: "Remove a manual link and let automatic matching decide again.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The Zendesk organization id.") var organizationID: Int64
    @Option(help: "The connection.") var name = "default"

    func run() async throws {
        try await store.withStore { store in
            try await CustomerMatching(store: store, connection: name).unmap(organizationID: organizationID, now: Int64(Date().timeIntervalSince1970))
            let link = try await store.session { [name, organizationID] in try await $0.organizationLinks(connection: name)[organizationID] }
            Output.line("Organization \(organizationID) is now matched automatically: \(link?.method ?? "none")\(link?.customerID.map { " → \($0)" } ?? "").")
        }
    }
}

struct CustomersMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "match", abstract: "Match organizations to customers now (a sync does this too).")
    @OptionGroup var store: StoreOptions
    @Option(help: "The connection.") var name = "default"

    func run() async throws {
        try await store.withStore { store in
            let summary = try await CustomerMatching(store: store, connection: name).apply(now: Int64(Date().timeIntervalSince1970))
            Output.line("\(summary.organizations) organizations: \(summary.linkedByName) matched by name, \(summary.linkedByDomain) by domain, \(summary.linkedByEmailDomain) by users' email domain, "
                        + "\(summary.manual) mapped by hand, \(summary.ambiguous) ambiguous, \(summary.unmatched) unmatched (\(summary.changed) changed).")
        }
    }
}

struct CustomersTickets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tickets", abstract: "Tickets of a customer, newest first.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The customer's id or name.") var customer: String
    @Option(help: "Only tickets with this status (new, open, pending, hold, solved, closed).") var status: String?
    @Option(help: "How many to show.") var limit = 50
    @Option(help: "The connection.") var name = "default"

    func run() async throws {
        try await store.withStore { store in
            guard let record = try await store.session({ [customer] in try await $0.customer(matching: customer) }) else {
                throw ValidationError("no customer matches \"\(customer)\"; see switchboard customers list")
            }
            let tickets = try await store.session { [name, status, limit] in try await $0.tickets(ofCustomer: record.id, connection: name, status: status, limit: limit) }
            Output.line("\(record.name): \(tickets.count) ticket\(tickets.count == 1 ? "" : "s")\(tickets.count == limit ? " (showing the newest \(limit))" : "")")
            Output.line(Output.table([["ID", "STATUS", "PRIORITY", "UPDATED", "SUBJECT"]] + tickets.map {
                [String($0.id), $0.status ?? "", $0.priority ?? "", $0.updatedAt.map(LenientDateText.format) ?? "", $0.subject ?? ""]
            }, indent: ""))
        }
    }
}

import ArgumentParser
import ConnectorKit
import Foundation
import Sandbox
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// `switchboard demo`: the Zendesk mirror, a flow and the Consonance recipes end to end on this machine, with no setup.
///
/// Starts a sandbox Zendesk, connects to it (storing the token encrypted), mirrors it into a fresh SQLite file,
/// matches organizations to customers, changes a few tickets in the sandbox and syncs again to show that only the
/// changes travel, runs a flow from a signed webhook; then starts a sandbox Consonance, polls it and shows three
/// recipes acting (title context, a workflow exception, a delay); finally prints what was mirrored and how to look further.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Run the Zendesk mirror, a webhook-driven flow and the Consonance recipes end to end against local sandboxes (no setup needed).")

    @Option(help: "Tickets in the sandbox.") var tickets = 2_000
    @Option(help: "Seed of the sandbox data.") var seed: UInt64 = 42
    @Option(help: "Directory for the demo's database and key file (default: a new temporary directory).") var directory: String?

    func run() async throws {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-demo-\(Int(Date().timeIntervalSince1970))-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let databasePath = (folder as NSString).appendingPathComponent("switchboard.db")
        try? FileManager.default.removeItem(atPath: databasePath)

        let sandbox = ZendeskSandbox(configuration: ZendeskSandboxConfiguration(
            seed: seed, ticketCount: tickets,
            rateLimits: RateLimitSpec(account: .init(limit: 700, period: .seconds(60)), export: .init(limit: 10, period: .seconds(4))),
            exportLag: .zero))
        let port = try await sandbox.start()
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        let renderer = SyncProgressRenderer(interactive: Output.stderrIsTerminal)
        let store = try await Store.open(.sqlite(path: databasePath))
        do {
            let box = SecretBox(masterKey: try MasterKey.loadOrCreate(file: (folder as NSString).appendingPathComponent("master.key")))
            try await DemoScript(sandbox: sandbox, baseURL: "http://127.0.0.1:\(port)", store: store, box: box, transport: transport, renderer: renderer,
                                 databasePath: databasePath, tickets: tickets, seed: seed).run()
        } catch {
            renderer.finish()
            await store.close()
            try? await transport.shutdown()
            await sandbox.stop()
            throw UserFacingError.report(error)
        }
        renderer.finish()
        await store.close()
        try? await transport.shutdown()
        await sandbox.stop()
    }
}

/// The steps of the demo, one method each.
private struct DemoScript {
    let sandbox: ZendeskSandbox
    let baseURL: String
    let store: Store
    let box: SecretBox
    let transport: AsyncHTTPTransport
    let renderer: SyncProgressRenderer
    let databasePath: String
    let tickets: Int
    let seed: UInt64
    let connection = "default"

    func run() async throws {
        Output.line("Switchboard demo: a read-only mirror of Zendesk, a flow, and Consonance ↔ Zendesk recipes, end to end on this machine.\n")
        Output.line("1. A sandbox Zendesk is serving \(Output.count(tickets)) tickets (seed \(seed)) at \(baseURL).")
        Output.line("   Its export budget is 10 requests per 4 s, so you will see the sync pause for rate limits.\n")

        let connections = ZendeskConnections(store: store, secrets: box)
        let user = try await connections.connect(name: connection, baseURL: baseURL, credentials: .apiToken(email: "admin@example.com", token: "sandbox-token"),
                                                 settings: ZendeskConnectionSettings(includeComments: true), transport: transport)
        Output.line("2. Connected as \(user.name ?? "admin") <\(user.email ?? "")> (\(user.role ?? "")); the token is stored AES-GCM encrypted in")
        Output.line("   \(databasePath)\n")

        Output.line("3. First sync: the full history.")
        let first = try await sync()
        Output.line(indent(SummaryPrinter.text(first)) + "\n")

        Output.line("4. Customers, as a CRM knows them, matched to Zendesk organizations by name and domain:")
        try await addCustomers()
        let matching = try await CustomerMatching(store: store, connection: connection).apply(now: now)
        Output.line("   \(matching.linkedByName) matched by name, \(matching.linkedByDomain) by domain, \(matching.linkedByEmailDomain) by users' email domain, "
                    + "\(matching.manual) mapped by hand; \(matching.unmatched) organizations have no customer yet.\n")

        Output.line("5. Meanwhile in Zendesk: a customer writes in, an agent replies with an internal note, a ticket is solved and re-tagged.")
        let changed = try makeChanges()
        Output.line("   Changed tickets \(changed.map(String.init).joined(separator: ", ")).\n")

        Output.line("6. Second sync: only the changes travel.")
        let second = try await sync()
        Output.line(indent(SummaryPrinter.text(second)) + "\n")

        Output.line("7. Automation: a flow reacts to a new ticket through a signed webhook, durably and exactly once.")
        try await DemoFlowStep(sandbox: sandbox, baseURL: baseURL, store: store, box: box, transport: transport,
                               folder: (databasePath as NSString).deletingLastPathComponent, connection: connection).run()

        Output.line("8. Publishing: Consonance ↔ Zendesk recipes.")
        try await DemoPublishingStep(zendesk: sandbox, zendeskURL: baseURL, store: store, box: box, transport: transport,
                                     folder: (databasePath as NSString).deletingLastPathComponent, connection: connection, seed: seed).run()

        try await report()
    }

    private var now: Int64 { Int64(Date().timeIntervalSince1970) }

    private func sync() async throws -> MirrorSyncSummary {
        let connection = try await ZendeskConnections(store: store, secrets: box).load(name: self.connection)
        let configuration = ZendeskConfiguration(baseURL: connection.record.baseURL, credentials: connection.credentials,
                                                 retryPolicy: RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(200), maxDelay: .seconds(5)))
        let summary = try await ZendeskMirrorSync(store: store, configuration: configuration, transport: transport, connection: self.connection,
                                                  options: .init(includeComments: connection.settings.includeComments), onEvent: renderer.handle).run()
        return summary
    }

    /// Customers named the way a CRM would have them: variations of the busiest organizations' names and domains.
    private func addCustomers() async throws {
        let organizations = try await store.session { [connection] in try await $0.topOrganizations(connection: connection, limit: 6) }
        let matchable = try await store.session { [connection] in try await $0.organizationsForMatching(connection: connection) }
        let domains = Dictionary(uniqueKeysWithValues: matchable.map { ($0.id, $0.domainNames) })
        try await store.transaction { [now] session in
            for (index, organization) in organizations.prefix(5).enumerated() {
                let name = organization.name ?? "Organization \(organization.organizationID)"
                switch index {
                case 0: try await session.createCustomer(name: "The \(name) Ltd", domains: [], now: now)
                case 1: try await session.createCustomer(name: name.uppercased() + ", Inc.", domains: [], now: now)
                case 2, 3: try await session.createCustomer(name: "\(name.split(separator: " ").first ?? "Group") Holdings", domains: domains[organization.organizationID] ?? [], now: now)
                default: break
                }
            }
            try await session.createCustomer(name: "Bramble & Thorn Audio", domains: ["brambleandthorn.example"], now: now)
        }
        if organizations.count > 4 {
            let target = try await store.session { try await $0.customers() }.first { $0.name.hasPrefix("The ") }
            if let target {
                try await CustomerMatching(store: store, connection: connection).map(organizationID: organizations[4].organizationID, customerID: target.id, now: now)
                Output.line("   (and by hand: switchboard customers map \(organizations[4].organizationID) \"\(target.name)\" — a subsidiary the CRM files under its parent)")
            }
        }
    }

    private func makeChanges() throws -> [Int64] {
        let requester = sandbox.userSummaries().first { $0.role == "end-user" && $0.organizationID != nil }?.id
        let created = try sandbox.createTicket(subject: "Audiobook chapter 7 is silent", body: "Chapter 7 of the audiobook has no sound on my app.",
                                               requesterID: requester, tags: ["audiobook", "defect"], priority: "high")
        try sandbox.addComment(ticketID: created, body: "Reproduced on Android; asking production for a new master.", public: false)
        try sandbox.addComment(ticketID: 1, body: "Thanks, that fixed it!", public: true)
        try sandbox.updateTicket(id: 2, status: "solved", tags: ["metadata", "resolved_by_switchboard_demo"])
        return [created, 1, 2]
    }

    private func report() async throws {
        let (stats, organizations, customers) = try await store.session { [connection] session in
            (try await session.mirrorStats(connection: connection), try await session.topOrganizations(connection: connection, limit: 5),
             try await session.topCustomers(connection: connection, limit: 5))
        }
        Output.line("9. What the mirror holds:")
        Output.line("   \(SummaryPrinter.statsJSON(stats))\n")
        Output.line("   Top organizations by tickets:")
        let organizationRows: [[String]] = organizations.map { row in
            let customer = row.customerName.map { "\($0) (\(row.matchMethod ?? ""))" } ?? "—"
            return [String(row.organizationID), row.name ?? "?", Output.count(row.tickets), customer]
        }
        Output.line(Output.table([["ORG ID", "ORGANIZATION", "TICKETS", "CUSTOMER (MATCHED BY)"]] + organizationRows, indent: "     "))
        Output.line("\n   Top customers by tickets:")
        Output.line(Output.table([["CUSTOMER", "ORGANIZATIONS", "TICKETS"]] + customers.map { [$0.name, String($0.organizations), Output.count($0.tickets)] }, indent: "     "))
        let db = databasePath.contains(" ") ? "\"\(databasePath)\"" : databasePath
        let customer = customers.first?.name ?? "NAME"
        Output.line("""

            10. Look further:
                 switchboard mirror stats --db \(db) --json
                 switchboard mirror organizations --db \(db)
                 switchboard customers list --db \(db)
                 switchboard customers tickets "\(customer)" --db \(db)
                 switchboard runs list --db \(db)
                 switchboard exceptions --db \(db)
                 switchboard milestones list --open --db \(db)
                 switchboard titles show ISBN --db \(db)
                 switchboard flows lint \(((databasePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("flows"))
                 sqlite3 \(db) "SELECT status, COUNT(*) FROM zd_tickets GROUP BY status"
               Mirror your own Zendesk and poll your Consonance:
                 switchboard connect zendesk --subdomain YOURS --email ADMIN_EMAIL --token API_TOKEN
                 switchboard sync zendesk
                 switchboard connect consonance --key YOUR_CONSONANCE_KEY
                 switchboard recipes list
            """)
    }

    private func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
}

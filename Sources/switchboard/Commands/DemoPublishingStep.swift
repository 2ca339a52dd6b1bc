import ArgumentParser
import ConnectorKit
import ConsonanceKit
import Foundation
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import ZendeskKit

/// The demo's publishing step: a sandbox Consonance, polled by Switchboard, and three of the Consonance ↔ Zendesk
/// recipes acting on the sandbox Zendesk — title context on a reader's ticket, a workflow exception that opens one
/// ticket and solves it when it clears, and a slipped publication date that opens a proactive ticket and notes the
/// title's open tickets.
struct DemoPublishingStep {
    let zendesk: ZendeskSandbox
    let zendeskURL: String
    let store: Store
    let box: SecretBox
    let transport: AsyncHTTPTransport
    let folder: String
    let connection: String
    let seed: UInt64
    let recipes = ["title-context", "workflow-exceptions", "title-delays"]

    func run() async throws {
        let consonance = ConsonanceSandbox(configuration: ConsonanceSandboxConfiguration(seed: seed, workCount: 200))
        let consonanceURL = "http://127.0.0.1:\(try await consonance.start())"
        do {
            try await run(consonance, consonanceURL)
            await consonance.stop()
        } catch {
            await consonance.stop()
            throw error
        }
    }

    private func run(_ consonance: ConsonanceSandbox, _ consonanceURL: String) async throws {
        Output.line("   A sandbox Consonance (GraphQL) serves \(consonance.works().count) works in \(consonance.productCount) formats at \(consonanceURL).")
        let connections = ConsonanceConnections(store: store, secrets: box)
        try await connections.connect(host: consonanceURL, apiKey: ConsonanceSandboxConfiguration.defaultAPIKey,
                                      settings: ConsonanceConnectionSettings(contractProbeGap: 5), transport: transport)
        let first = try await poll(flows: FlowRegistry([]))
        Output.line("   Connected (the key is stored encrypted) and imported the catalogue: \(first.works) works, \(first.products) products, "
                    + "\(first.contracts) contracts in \(Output.duration(first.seconds)); an import reports no changes.")

        let flowsFolder = (folder as NSString).appendingPathComponent("flows")
        let group = try await seededGroup()
        for name in recipes { try Recipes.enable(try Recipes.named(name), values: ["group_id": String(group)].filter { _ in name != "title-context" }, into: flowsFolder) }
        let registry = try FlowRegistry.load(path: flowsFolder)
        Output.line("   Recipes enabled (switchboard recipes enable …): \(recipes.joined(separator: ", ")) — flow files in \(flowsFolder).")

        var logger = Logger(label: "switchboard.demo")
        logger.logLevel = .critical
        let node = try await SwitchboardNode(store: store, flows: registry, secrets: box, server: ServerConfiguration(host: "127.0.0.1", port: 0, adminToken: nil),
                                             runtime: RuntimeConfiguration(node: "demo", pollInterval: .milliseconds(100)), transport: transport, logger: logger).start()
        defer { Task { await node.stop() } }
        let stored = try await ZendeskConnections(store: store, secrets: box).load(name: connection)
        let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: zendeskURL, credentials: stored.credentials), transport: transport)
        let webhook = try await client.createWebhook(name: "Switchboard recipes", endpoint: "http://127.0.0.1:\(node.port)/webhooks/zendesk/\(connection)",
                                                     subscriptions: ["zen:event-type:ticket.created", "zen:event-type:ticket.tags_changed"])
        try await ZendeskConnections(store: store, secrets: box).saveWebhookSecret(try await client.webhookSigningSecret(id: webhook.id), connection: connection)
        zendesk.setWebhookDelivery(.fastForTests)
        defer { Task { [client] in try? await client.deleteWebhook(id: webhook.id) } }

        // a) Title context.
        let product = try require(consonance.products().first { $0.publishingStatus == "04" && $0.isbnWithDashes != nil && $0.publicationDate != nil },
                                  "the sandbox catalogue has no active product")
        let title = consonance.work(id: product.workID)?.title ?? product.title
        let question = try zendesk.createTicket(subject: "Paperback availability", body: "Hello! Is ISBN \(product.isbnWithDashes!) available in Ireland yet?")
        try await settle()
        Output.line("\n   a) Title context — a reader asks about ISBN \(product.isbnWithDashes!); ticket \(question) gets an internal note:")
        let note = (zendesk.comments(ticketID: question) ?? []).first { !$0.isPublic }?.body ?? "(no note)"
        Output.line(note.split(separator: "\n").prefix(10).map { "        | " + $0 }.joined(separator: "\n"))
        let tags = zendesk.ticketSummaries().first { $0.id == question }?.tags ?? []
        Output.line("      and the tags \(tags.filter { $0.hasPrefix("isbn_") || $0.hasPrefix("imprint_") || $0.hasPrefix("format_") }.joined(separator: ", ")).")

        // b) A workflow exception.
        let contract = try require(consonance.contracts().first { $0.dates.actualMsDeliveryDate == nil && ($0.dates.msDeliveryDate ?? consonance.today) > consonance.today }
                                   ?? consonance.contracts().first, "the sandbox has no contracts")
        let late = consonance.work(id: contract.workID)?.title ?? contract.contractName
        let nineDaysAgo = consonance.today.adding(days: -9)  // read before setContract: its closure runs under the sandbox's lock
        try consonance.setContract(id: contract.id) { dates in
            dates.msDeliveryDate = nineDaysAgo
            dates.revisedMsDeliveryDate = nil
            dates.actualMsDeliveryDate = nil
        }
        var summary = try await poll(flows: registry)
        try await settle()
        let exceptionTickets = zendesk.ticketSummaries().filter { $0.subject == "Manuscript overdue: \(late)" }
        Output.line("\n   b) Workflow exception — in Consonance the manuscript of \"\(late)\" is now 9 days late. The next poll emits "
                    + "\(summary.eventTypes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))")
        Output.line("      and ticket \(exceptionTickets.map { String($0.id) }.joined(separator: ", ")) \"Manuscript overdue: \(late)\" opens for group \(group).")
        _ = try await poll(flows: registry)
        try await settle()
        Output.line("      Polling again finds it still overdue: \(zendesk.ticketSummaries().filter { $0.subject == "Manuscript overdue: \(late)" }.count) ticket, not two.")
        try consonance.markDelivered(contractID: contract.id)
        _ = try await poll(flows: registry)
        try await settle()
        let status = zendesk.ticketSummaries().first { $0.id == exceptionTickets.first?.id }?.status ?? "?"
        Output.line("      The manuscript is delivered; the next poll clears the exception and the ticket is \(status).")

        // c) A delay.
        let previous = product.publicationDate!
        let slipped = previous.adding(days: 42)
        try consonance.setPublicationDate(productID: product.id, slipped)
        summary = try await poll(flows: registry)
        try await settle()
        let proactive = zendesk.ticketSummaries().filter { $0.subject.hasPrefix("Title delayed: \(title)") }
        let noted = zendesk.ticketSummaries().first { $0.id == question }?.tags.contains("title_delayed") == true
        Output.line("\n   c) Delay — \"\(title)\" (\(product.formCode)) moves from \(previous) to \(slipped). The poll emits product.pub_date_changed,")
        Output.line("      ticket \(proactive.map { String($0.id) }.joined(separator: ", ")) \"\(proactive.first?.subject ?? "?")\" opens for support,")
        Output.line("      and the reader's ticket \(question) \(noted ? "is tagged title_delayed with a note" : "was not noted (unexpected)").")
        let runs = try await store.session { try await $0.runCounts() }
        Output.line("\n   Runs so far: \(runs.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")) (switchboard runs list).\n")
    }

    private func poll(flows: FlowRegistry) async throws -> ConsonancePollSummary {
        let connection = try await ConsonanceConnections(store: store, secrets: box).load()
        return try await ConsonancePoller(store: store, client: connection.client(transport: transport), connection: connection.record.name,
                                          host: connection.record.baseURL, settings: connection.settings, runtime: FlowRuntime(store: store, flows: flows)).poll()
    }

    /// Wait until Zendesk has delivered its webhooks and every run has finished.
    private func settle() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            _ = await zendesk.waitForDeliveries(timeout: .seconds(10))
            let counts = try await store.session { try await $0.runCounts() }
            if counts["running", default: 0] == 0 {
                try await Task.sleep(for: .milliseconds(200))
                if try await store.session({ try await $0.runCounts() })["running", default: 0] == 0 { return }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ValidationError("the demo's runs did not finish within a minute")
    }

    /// A group that exists in the sandbox Zendesk (from a seeded ticket), for the tickets the recipes open.
    private func seededGroup() async throws -> Int64 {
        let stored = try await ZendeskConnections(store: store, secrets: box).load(name: connection)
        let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: zendeskURL, credentials: stored.credentials), transport: transport)
        let page = try await client.listCursor(ZendeskTicket.self, path: "tickets", size: 100)
        return try require(page.records.compactMap { $0.value?.groupID }.first, "no sandbox ticket has a group")
    }

    private func require<T>(_ value: T?, _ message: String) throws -> T {
        guard let value else { throw ValidationError(message) }
        return value
    }
}

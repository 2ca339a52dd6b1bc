import ArgumentParser
import ConnectorKit
import Foundation
import Logging
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import ZendeskKit

/// The demo's flow step: a Switchboard node serves webhooks, the sandbox Zendesk sends a signed `ticket.created`
/// (twice, as Zendesk sometimes does), and a flow adds an internal note and a tag to the ticket — once.
struct DemoFlowStep {
    static let flow = """
        name: triage-refunds
        description: Note and tag new refund tickets
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        when:
          - field: ticket.subject
            matches: "(?i)refund"
        actions:
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "Switchboard: refund request \\"{{ticket.subject}}\\" is being triaged."
              public: false
          - id: tag
            action: zendesk.update_ticket
            with:
              ticket_id: "{{ticket.id}}"
              add_tags: [switchboard_triaged]
        """

    let sandbox: ZendeskSandbox
    let baseURL: String
    let store: Store
    let box: SecretBox
    let transport: AsyncHTTPTransport
    let folder: String
    let connection: String

    func run() async throws {
        let flowsFolder = (folder as NSString).appendingPathComponent("flows")
        try FileManager.default.createDirectory(atPath: flowsFolder, withIntermediateDirectories: true)
        let flowFile = (flowsFolder as NSString).appendingPathComponent("triage-refunds.yaml")
        try Self.flow.write(toFile: flowFile, atomically: true, encoding: .utf8)
        let registry = try FlowRegistry.load(path: flowsFolder)
        Output.line("   Flow \(flowFile):")
        Output.line(Self.flow.split(separator: "\n").prefix(9).map { "     " + $0 }.joined(separator: "\n") + "\n     …")

        var logger = Logger(label: "switchboard.demo")
        logger.logLevel = .critical  // stopping the node by cancellation makes Hummingbird log errors that mean nothing here
        let node = SwitchboardNode(store: store, flows: registry, secrets: box, server: ServerConfiguration(host: "127.0.0.1", port: 0, adminToken: nil),
                                   runtime: RuntimeConfiguration(node: "demo", pollInterval: .milliseconds(100)), transport: transport, logger: logger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let serving = Task { try await node.run(gracefulShutdownSignals: []) { port in portContinuation.yield(port) } }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ValidationError("the demo node did not start") }

        // What `switchboard webhooks zendesk register` does: create the webhook in Zendesk and keep its secret.
        let stored = try await ZendeskConnections(store: store, secrets: box).load(name: connection)
        let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: baseURL, credentials: stored.credentials), transport: transport)
        let webhook = try await client.createWebhook(name: "Switchboard demo", endpoint: "http://127.0.0.1:\(port)/webhooks/zendesk/\(connection)",
                                                     subscriptions: ["zen:event-type:ticket.created"])
        try await ZendeskConnections(store: store, secrets: box).saveWebhookSecret(try await client.webhookSigningSecret(id: webhook.id), connection: connection)
        defer { Task { [client] in try? await client.deleteWebhook(id: webhook.id) } }  // this node stops after the step; the next one registers its own
        var delivery = WebhookDeliveryOptions.fastForTests
        delivery.duplicateProbability = 1
        sandbox.setWebhookDelivery(delivery)
        Output.line("   Switchboard serves webhooks on http://127.0.0.1:\(port); Zendesk webhook \(webhook.id) posts ticket events there, signed.")

        let ticket = try sandbox.createTicket(subject: "Refund for a damaged hardback", body: "The spine arrived split.", tags: ["print"])
        Output.line("   A customer opens ticket \(ticket): \"Refund for a damaged hardback\".")
        let deadline = ContinuousClock.now + .seconds(30)
        var run: RunRecord?
        while ContinuousClock.now < deadline {
            run = try await store.session { try await $0.runs(flow: "triage-refunds", limit: 1) }.first
            if let run, run.status != "running" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        _ = await sandbox.waitForDeliveries(timeout: .seconds(10))
        guard let run, run.status == "succeeded" else { throw ValidationError("the demo flow did not finish: \(run?.status ?? "no run") \(run?.error ?? "")") }
        let deliveries = sandbox.webhookDeliveries().filter { $0.webhookID == webhook.id }
        let events = try await store.session { try await $0.eventCount(source: "zendesk.webhook") }
        Output.line("   Zendesk delivered \(deliveries.count) signed request\(deliveries.count == 1 ? "" : "s") (\(deliveries.filter(\.isDuplicate).count) a duplicate); "
                    + "Switchboard stored \(events) event and ran the flow once (run \(run.id)):")
        for step in try await store.session({ try await $0.steps(runID: run.id) }) {
            Output.line("     \(step.stepID) → \(step.action): \(step.status), input \(step.input?.jsonText ?? "{}")")
        }
        let notes = (sandbox.comments(ticketID: ticket) ?? []).filter { !$0.isPublic }.map(\.body)
        let tags = sandbox.ticketSummaries().first { $0.id == ticket }?.tags ?? []
        Output.line("   In Zendesk, ticket \(ticket) now has the internal note \(notes.map { "\"\($0)\"" }.joined(separator: ", ")) and tags \(tags.joined(separator: ", ")).\n")
    }
}

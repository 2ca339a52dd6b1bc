import ArgumentParser
import ConnectorKit
import Foundation
import SwitchboardEngine
import SwitchboardCore
import ZendeskKit

/// `switchboard webhooks zendesk register|secret`: the webhook plumbing between Zendesk and `serve`.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "webhooks", abstract: "Set up the webhooks remote systems send to switchboard serve.",
                                                    subcommands: [WebhooksZendesk.self])
}

struct WebhooksZendesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "zendesk", abstract: "Zendesk webhooks.", subcommands: [WebhooksZendeskRegister.self, WebhooksZendeskSecret.self])
}

struct WebhooksZendeskRegister: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Create (or reuse) a Zendesk webhook that posts ticket events to this Switchboard, and store its signing secret.",
        discussion: "The webhook is found by name first, so running this again does not create a second one.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The connection.") var name = "default"
    @Option(help: "Switchboard's public base URL, e.g. https://switchboard.example.com") var publicURL: String
    @Option(help: "Event types (default: every ticket event).") var events: [String] = []
    @Option(help: "The webhook's name in Zendesk.") var webhookName = "Switchboard"

    func run() async throws {
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        defer { Task { try? await transport.shutdown() } }
        try await store.withStore { store in
            let connections = ZendeskConnections(store: store, secrets: try self.store.secretBox())
            let connection = try await connections.load(name: name)
            let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: connection.record.baseURL, credentials: connection.credentials), transport: transport)
            let endpoint = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/webhooks/zendesk/\(name)"
            let types = (events.isEmpty ? SwitchboardCore.FlowTrigger.zendeskWebhookEvents.filter { $0 != "trigger" } : events).map { "zen:event-type:\($0)" }
            let existing = try await client.webhooks().first { $0.name == webhookName && $0.endpoint == endpoint }
            let webhook: ZendeskWebhook
            if let existing { webhook = existing } else { webhook = try await client.createWebhook(name: webhookName, endpoint: endpoint, subscriptions: types) }
            let secret = try await client.webhookSigningSecret(id: webhook.id)
            try await connections.saveWebhookSecret(secret, connection: name)
            Output.line("\(existing == nil ? "Created" : "Reusing") Zendesk webhook \(webhook.id) → \(endpoint); its signing secret is stored encrypted.")
        }
    }
}

struct WebhooksZendeskSecret: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "secret", abstract: "Store a Zendesk webhook signing secret you copied from Admin Center.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The connection.") var name = "default"
    @Option(help: "The signing secret; '-' reads it from standard input.") var secret: String

    func run() async throws {
        let value = secret == "-" ? (readLine(strippingNewline: true) ?? "") : secret
        guard !value.isEmpty else { throw ValidationError("the secret is empty") }
        try await store.withStore { store in
            try await ZendeskConnections(store: store, secrets: try self.store.secretBox()).saveWebhookSecret(value, connection: name)
            Output.line("Stored the webhook signing secret of \"\(name)\" (encrypted).")
        }
    }
}

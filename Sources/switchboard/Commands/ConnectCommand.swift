import ArgumentParser
import ConnectorKit
import Foundation
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// `switchboard connect zendesk`: verify credentials and store them encrypted.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "connect", abstract: "Connect Switchboard to a remote system.", subcommands: [ConnectZendesk.self, ConnectConsonance.self, ConnectWhatsApp.self])
}

struct ConnectZendesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zendesk",
        abstract: "Verify a Zendesk admin's API token and store it (encrypted) for syncs.",
        discussion: """
            Create the token in Zendesk: Admin Center → Apps and integrations → APIs → Zendesk API → Settings: enable
            Token Access, then Add API token. The email must be the email of the admin who created the token.
            """
    )

    @OptionGroup var account: ZendeskAccountOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "A name for this connection, if you connect more than one Zendesk account.") var name = "default"
    @Flag(inversion: .prefixedNo, help: "Import ticket comments (internal notes and public replies). Turn off to keep only ticket metadata.")
    var comments = true

    func run() async throws {
        let baseURL = try account.baseURL()
        let credentials = try account.credentials()
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        defer { Task { try? await transport.shutdown() } }
        try await store.withStore { store in
            let box = try self.store.secretBox()
            let user = try await ZendeskConnections(store: store, secrets: box).connect(
                name: name, baseURL: baseURL, credentials: credentials, settings: ZendeskConnectionSettings(includeComments: comments), transport: transport)
            Output.line("Connected \"\(name)\" to \(baseURL) as \(user.name ?? "?") <\(user.email ?? credentials.principal)> (\(user.role ?? "?")).")
            Output.line("The token is stored encrypted in \(store.location) (master key: \(box.masterKey.source)).")
            Output.line("Ticket comments: \(comments ? "imported" : "not imported (metadata only)").")
            Output.line("Next: switchboard sync zendesk\(name == "default" ? "" : " --name \(name)")")
        }
    }
}

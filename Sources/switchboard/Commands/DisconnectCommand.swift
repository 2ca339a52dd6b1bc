import ArgumentParser
import Foundation
import SwitchboardEngine
import SwitchboardStore

/// `switchboard disconnect zendesk [--purge]`.
struct DisconnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disconnect", abstract: "Remove a connection's stored credentials.", subcommands: [DisconnectZendesk.self, DisconnectConsonance.self, DisconnectWhatsApp.self])
}

struct DisconnectZendesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "zendesk", abstract: "Remove the stored Zendesk credentials (and with --purge, the mirrored data).")

    @OptionGroup var store: StoreOptions
    @Option(help: "The connection to remove.") var name = "default"
    @Flag(help: "Also delete every mirrored ticket, comment, user, organization and tag of this connection.") var purge = false

    func run() async throws {
        try await store.withStore { store in
            let connections = ZendeskConnections(store: store, secrets: try self.store.secretBox())
            let before = try await store.session { [name] in try await $0.mirrorStats(connection: name) }
            let existing = try await store.session { [name] in try await $0.connection(named: name) }
            let removed = try await connections.disconnect(name: name, purge: purge)
            if !removed && !purge {
                Output.line("There is no Zendesk connection named \"\(name)\"; nothing to remove.")
                return
            }
            if removed { Output.line("Removed the stored credentials of \"\(name)\" (\(existing?.baseURL ?? "")).") }
            if purge {
                if !removed { try await store.session { [name] in try await $0.purgeMirror(connection: name) } }
                Output.line("Deleted the mirror: \(Output.count(before.tickets)) tickets, \(Output.count(before.comments)) comments, \(Output.count(before.users)) users, \(Output.count(before.organizations)) organizations.")
            } else if before.tickets + before.users + before.organizations > 0 {
                Output.line("The mirrored data is kept; run again with --purge to delete it.")
            }
            Output.line("Switchboard no longer has the token, but it still works in Zendesk. To revoke it: Admin Center → Apps and integrations → APIs → Zendesk API, find the token and delete it.")
        }
    }
}

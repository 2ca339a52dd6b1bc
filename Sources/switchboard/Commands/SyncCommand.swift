import ArgumentParser
import ConnectorKit
import Foundation
import Logging
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// `switchboard sync zendesk`: one pass of the mirror, then exit.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Bring a local mirror up to date.", subcommands: [SyncZendesk.self, SyncConsonance.self])
}

struct SyncZendesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zendesk",
        abstract: "Mirror Zendesk tickets, comments, users, organizations and tags (read-only).",
        discussion: """
            The first pass imports the full history; later passes fetch only what changed. Every page is committed
            with its resume point, so an interrupted pass (even kill -9) continues where it stopped when run again.
            Uses the stored connection (switchboard connect zendesk) unless --url/--subdomain, --email and --token are given.
            Changes an incremental pass sees (ticket.created, ticket.updated, comment.added) start the flows with a
            zendesk.mirror trigger in --flows; their runs are queued with the page and run by switchboard serve.
            """
    )

    @OptionGroup var account: ZendeskAccountOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var tuning: RemoteTuningOptions
    @Option(help: "The connection to sync.") var name = "default"
    @Flag(name: .customLong("comments"), help: "Import comments in this pass (default: the connection's setting).") var withComments = false
    @Flag(name: .customLong("no-comments"), help: "Skip comments in this pass.") var withoutComments = false
    @Flag(help: "Read everything again from the start (existing records are updated, never duplicated).") var full = false
    @Flag(help: "Print the summary as JSON on standard output.") var json = false
    @Option(help: ArgumentHelp("Records per export page (1–1000).", valueName: "n")) var pageSize: Int?
    @OptionGroup var flows: FlowFolderOption

    func validate() throws {
        if withComments && withoutComments { throw ValidationError("use --comments or --no-comments, not both") }
    }

    func run() async throws {
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(tuning.requestTimeout))
        let renderer = SyncProgressRenderer(interactive: Output.stderrIsTerminal)
        defer {
            renderer.finish()
            Task { try? await transport.shutdown() }
        }
        try await store.withStore(resumeHint: "Everything up to the last completed page is saved; run the same command again to resume from there.") { store in
            let (baseURL, credentials, settings) = try await resolveConnection(store)
            let registry = try flows.registry(home: self.store.paths.home)
            let changeEvents = registry.listening(to: MirrorChangeEvents.source).isEmpty ? nil : MirrorChangeEvents(runtime: FlowRuntime(store: store, flows: registry))
            let options = ZendeskMirrorSync.Options(
                includeComments: withComments ? true : withoutComments ? false : settings.includeComments,
                full: full, pageSize: pageSize ?? settings.pageSize)
            let sync = ZendeskMirrorSync(store: store, configuration: tuning.configuration(baseURL: baseURL, credentials: credentials), transport: transport,
                                         connection: name, options: options, changeEvents: changeEvents, onEvent: renderer.handle)
            let summary: MirrorSyncSummary
            do {
                summary = try await sync.run()
            } catch {
                renderer.finish()
                throw error
            }
            renderer.finish()
            // Feed the new user versions into profiles and relay profile changes for Zendesk (runs queue for serve).
            var profileLogger = Logger(label: "switchboard.profiles")
            profileLogger.logLevel = .warning
            await ZendeskProfileSyncService.syncOnce(runtime: FlowRuntime(store: store, flows: registry), connections: [name], logger: profileLogger)
            Output.line(json ? try Output.json(summary) : SummaryPrinter.text(summary))
        }
    }

    private func resolveConnection(_ store: Store) async throws -> (String, ZendeskCredentials, ZendeskConnectionSettings) {
        if account.isGiven {
            return (try account.baseURL(), try account.credentials(), ZendeskConnectionSettings())
        }
        let connection = try await ZendeskConnections(store: store, secrets: try self.store.secretBox()).load(name: name)
        return (connection.record.baseURL, connection.credentials, connection.settings)
    }
}

import ArgumentParser
import ConnectorKit
import Foundation
import Logging
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore

/// `switchboard serve`: receive webhooks, run flows durably, serve the admin API and metrics.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a Switchboard node: webhooks, flows, job workers, scheduler, admin API and metrics.",
        discussion: """
            Flows are loaded from --flows (default: $SWITCHBOARD_HOME/flows); a flow with a lint error stops the start.
            Several nodes can share one PostgreSQL database: each job runs on one node at a time.
            SIGTERM or SIGINT stops gracefully: running jobs get --shutdown-grace to finish, then are handed back.
            """
    )

    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Option(help: "Address to listen on.") var host = "0.0.0.0"
    @OptionGroup var store: StoreOptions
    @OptionGroup var flows: FlowFolderOption
    @Option(help: "Bearer token for the admin API (default: $SWITCHBOARD_ADMIN_TOKEN).") var adminToken: String?
    @Option(help: ArgumentHelp("This node's public address, for links to Switchboard's records in tickets and Consonance (default: $SWITCHBOARD_PUBLIC_URL, else http://HOST:PORT).", valueName: "url"))
    var publicURL: String?
    @Option(help: "Jobs run at the same time on this node.") var concurrency = RuntimeConfiguration.defaultConcurrency
    @Option(help: "How long a job is leased before another node may take it (renewed while running).") var lease = "60s"
    @Option(help: "How long running jobs may take to finish on shutdown.") var shutdownGrace = "20s"
    @Option(help: "Delete finished runs after this long.") var retention = "30d"
    @Option(help: "How often idle workers look for due jobs.") var poll = "500ms"
    @Option(help: "This node's name in leases and attempt history.") var node: String?
    @Option(help: ArgumentHelp("Sync every Zendesk mirror and poll every Consonance connection this often (e.g. 5m) so zendesk.mirror and consonance flows run; off by default.", valueName: "duration"))
    var syncInterval: String?

    func run() async throws {
        let durations = try parseDurations()
        let registry = try flows.registry(home: store.paths.home)
        let token = adminToken ?? ProcessInfo.processInfo.environment["SWITCHBOARD_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        // Every running job may be waiting on a remote at once.
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30), maxConnectionsPerHost: AsyncHTTPTransport.connectionsPerHost(concurrent: concurrency))
        var logger = Logger(label: "switchboard.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["SWITCHBOARD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let runtime = RuntimeConfiguration(node: node ?? RuntimeConfiguration.defaultNodeName(), concurrency: concurrency, lease: durations.lease,
                                           pollInterval: durations.poll, shutdownGrace: durations.grace, retention: durations.retention,
                                           mirrorSyncInterval: durations.sync)
        let host = self.host
        let flowCount = registry.flows.count
        try await store.withStore { store in
            // The key is only required when something needs it; without it, webhooks with stored secrets answer 404.
            let secrets = syncInterval == nil ? try? self.store.secretBox() : try self.store.secretBox()
            let node = SwitchboardNode(store: store, flows: registry, secrets: secrets, server: ServerConfiguration(host: host, port: port, adminToken: token, publicURL: publicURL),
                                       runtime: runtime, transport: transport, failPoints: .fromEnvironment(), logger: logger)
            try await node.run { bound in
                Output.line("Switchboard serving on http://\(host):\(bound) (node \(runtime.node), \(flowCount) flow\(flowCount == 1 ? "" : "s"), \(store.location))")
                if token == nil { Output.line("The admin API is off: set --admin-token or SWITCHBOARD_ADMIN_TOKEN to use /api.") }
            }
        }
        try? await transport.shutdown()
    }

    private func parseDurations() throws -> (lease: Duration, grace: Duration, retention: Duration, poll: Duration, sync: Duration?) {
        func parse(_ text: String, _ name: String) throws -> Duration {
            guard let value = DurationText.parse(text) else { throw ValidationError("--\(name) \"\(text)\" is not a duration (e.g. 500ms, 30s, 15m, 2h, 30d)") }
            return value
        }
        return (try parse(lease, "lease"), try parse(shutdownGrace, "shutdown-grace"), try parse(retention, "retention"), try parse(poll, "poll"),
                try syncInterval.map { try parse($0, "sync-interval") })
    }
}

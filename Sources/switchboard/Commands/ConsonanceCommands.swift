import ArgumentParser
import ConnectorKit
import ConsonanceKit
import Foundation
import SwitchboardEngine
import SwitchboardStore

/// `switchboard connect consonance`: verify a Consonance API key and store it encrypted.
struct ConnectConsonance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consonance",
        abstract: "Verify a Consonance API key and store it (encrypted) for polling and the recipes.",
        discussion: """
            Keys are issued by Consonance support (support@consonance.app), one per integration. --url is the address
            you log in at (default https://web.consonance.app). --key - reads the key from standard input, and
            $SWITCHBOARD_CONSONANCE_KEY is used when --key is absent.
            Consonance has no contract list: contracts are found by probing ids upwards (turn off with
            --no-discover-contracts and list them with --contracts 12,15,…).
            Connecting again (a new key, say) keeps the stored settings except those given.
            """
    )

    @Option(help: "Consonance address (the one you log in at).") var url = ConsonanceConfiguration.defaultHost
    @Option(help: ArgumentHelp("The API key, or - to read it from standard input.", valueName: "key")) var key: String?
    @Option(help: "A name for this connection (names are shared with Zendesk connections).") var name = ConsonanceConnections.defaultName
    @Option(help: ArgumentHelp("Contract ids to watch, comma-separated.", valueName: "ids")) var contracts: String?
    @Flag(inversion: .prefixedNo, help: "Probe contract ids upwards to find contracts (default on; Consonance has no contract list).") var discoverContracts: Bool?
    @Option(help: ArgumentHelp("Stop probing after this many missing ids in a row (default 20).", valueName: "n")) var contractProbeGap: Int?
    @Option(help: ArgumentHelp("milestone.due fires this many days ahead (default 7).", valueName: "days")) var dueWithinDays: Int?
    @Option(help: ArgumentHelp("A rights review undecided after this many days is a missed approval (default 5).", valueName: "days")) var approvalDays: Int?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        for (name, value) in [("--contract-probe-gap", contractProbeGap), ("--due-within-days", dueWithinDays), ("--approval-days", approvalDays)] {
            if let value, !(1...365).contains(value) { throw ValidationError("\(name) must be between 1 and 365") }
        }
    }

    func run() async throws {
        let apiKey = try resolveKey()
        let ids = try (contracts ?? "").split(separator: ",").map { text -> Int in
            guard let id = Int(text.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--contracts takes whole numbers separated by commas, got \"\(text)\"") }
            return id
        }
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
        defer { Task { try? await transport.shutdown() } }
        let host = url
        try await store.withStore { store in
            let box = try self.store.secretBox()
            var settings = (try? await ConsonanceConnections(store: store, secrets: box).load(name: name))?.settings ?? ConsonanceConnectionSettings()
            if contracts != nil { settings.contractIDs = ids }
            if let discoverContracts { settings.discoverContracts = discoverContracts }
            if let contractProbeGap { settings.contractProbeGap = contractProbeGap }
            if let dueWithinDays { settings.dueWithinDays = dueWithinDays }
            if let approvalDays { settings.approvalDays = approvalDays }
            try await ConsonanceConnections(store: store, secrets: box).connect(name: name, host: host, apiKey: apiKey, settings: settings, transport: transport)
            Output.line("Connected \"\(name)\" to Consonance at \(try ConsonanceConfiguration.host(url: host)).")
            Output.line("The key is stored encrypted in \(store.location) (master key: \(box.masterKey.source)).")
            Output.line("Next: switchboard sync consonance\(name == ConsonanceConnections.defaultName ? "" : " --name \(name)")")
        }
    }

    func resolveKey() throws -> String {
        var value = key ?? ProcessInfo.processInfo.environment["SWITCHBOARD_CONSONANCE_KEY"]
        if value == "-" { value = readLine(strippingNewline: true) }
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw ValidationError("give the API key with --key KEY, --key - (standard input) or $SWITCHBOARD_CONSONANCE_KEY")
        }
        return value
    }
}

/// `switchboard sync consonance`: one poll, then exit.
struct SyncConsonance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consonance",
        abstract: "Poll Consonance once: snapshot the catalogue, emit change events, check dates and exceptions.",
        discussion: """
            Consonance has no webhooks. Each poll asks for works changed since the last one (changedSince), compares them
            with the stored snapshot and turns real differences into events (product.pub_date_changed,
            product.status_changed, work.stage_changed, rights.changed); then it refreshes the watched contracts and turns
            dates into contract.delivery_overdue, milestone.due, milestone.overdue and exception.raised/cleared events.
            The first poll imports the catalogue and reports no changes. Every page is committed with its events and
            position, so an interrupted poll (even kill -9) resumes without losing or repeating an event.
            Runs of flows in --flows are queued with the events and run by switchboard serve.
            """
    )

    @Option(help: "The connection to poll.") var name = ConsonanceConnections.defaultName
    @Flag(help: "Print the summary as JSON on standard output.") var json = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var flows: FlowFolderOption

    func run() async throws {
        let transport = AsyncHTTPTransport(defaultTimeout: .seconds(60))
        defer { Task { try? await transport.shutdown() } }
        try await store.withStore(resumeHint: "Everything up to the last committed page is saved; run the same command again to resume.") { store in
            let connection = try await ConsonanceConnections(store: store, secrets: try self.store.secretBox()).load(name: name)
            let registry = try flows.registry(home: self.store.paths.home)
            let poller = ConsonancePoller(store: store, client: connection.client(transport: transport), connection: name, host: connection.record.baseURL,
                                          settings: connection.settings, runtime: FlowRuntime(store: store, flows: registry))
            let interactive = Output.stderrIsTerminal && !json
            let summary = try await poller.poll { progress in
                let text = "\(progress.backfill ? "importing" : "polling") Consonance: \(Output.count(progress.works)) works, \(Output.count(progress.products)) products, \(progress.events) events"
                if interactive { FileHandle.standardError.write(Data(("\r" + text).utf8)) } else if !json { Output.error(text) }
            }
            if interactive { Output.error("") }
            if json {
                Output.line(try Output.json(summary))
                return
            }
            Output.line("\(summary.backfill ? "Imported" : "Polled") \(Output.count(summary.works)) works, \(Output.count(summary.products)) products and \(Output.count(summary.contracts)) contracts in \(Output.duration(summary.seconds))\(summary.resumed ? " (resumed an interrupted poll)" : "").")
            if summary.events == 0 {
                Output.line("No new events.")
            } else {
                Output.line("\(summary.events) new event\(summary.events == 1 ? "" : "s"): " + summary.eventTypes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if summary.quarantined > 0 { Output.line("\(summary.quarantined) record(s) could not be read and were quarantined with their reason.") }
        }
    }
}

/// `switchboard disconnect consonance`.
struct DisconnectConsonance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consonance", abstract: "Remove a Consonance connection's stored key (and, with --purge, its snapshot).")

    @Option(help: "The connection to remove.") var name = ConsonanceConnections.defaultName
    @Flag(help: "Also delete the catalogue snapshot, exceptions and poll position.") var purge = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withStore { store in
            let removed = try await ConsonanceConnections(store: store, secrets: try self.store.secretBox()).disconnect(name: name, purge: purge)
            guard removed else { throw RecordError.notFound("no Consonance connection named \"\(name)\"") }
            Output.line("Removed the key of \"\(name)\"\(purge ? " and its snapshot" : ""). Ask Consonance support to revoke the key as well.")
        }
    }
}

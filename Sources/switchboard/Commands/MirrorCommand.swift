import ArgumentParser
import Foundation
import SwitchboardEngine
import SwitchboardStore

/// `switchboard mirror …`: look at what the Zendesk mirror holds.
struct MirrorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirror", abstract: "Inspect the local Zendesk mirror.",
        subcommands: [MirrorStatsCommand.self, MirrorOrganizationsCommand.self, MirrorQuarantineCommand.self, MirrorRunsCommand.self])
}

struct MirrorStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Count mirrored tickets, comments, users, organizations and tags.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Count only this connection (default: all).") var name: String?
    @Flag(help: #"Print {"tickets":N,"comments":N,"users":N,"organizations":N,"tags":N}."#) var json = false

    func run() async throws {
        try await store.withStore { store in
            let stats = try await store.session { [name] in try await $0.mirrorStats(connection: name) }
            if json {
                Output.line(SummaryPrinter.statsJSON(stats))
            } else {
                Output.line(Output.table([["tickets", Output.count(stats.tickets)], ["comments", Output.count(stats.comments)], ["users", Output.count(stats.users)],
                                          ["organizations", Output.count(stats.organizations)], ["tags", Output.count(stats.tags)]], indent: ""))
            }
        }
    }
}

struct MirrorOrganizationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "organizations", abstract: "Organizations by ticket count, with the customer each is linked to.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The connection.") var name = "default"
    @Option(help: "How many to show.") var limit = 20

    func run() async throws {
        try await store.withStore { store in
            let rows = try await store.session { [name, limit] in try await $0.topOrganizations(connection: name, limit: limit) }
            Output.line(Output.table([["ORG ID", "ORGANIZATION", "TICKETS", "CUSTOMER", "MATCHED BY"]] + rows.map {
                [String($0.organizationID), $0.name ?? "?", Output.count($0.tickets), $0.customerName ?? "—", $0.matchMethod ?? "—"]
            }, indent: ""))
        }
    }
}

struct MirrorQuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quarantine", abstract: "Records that could not be read, with the reason; they are retried on every pass.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The connection.") var name = "default"
    @Flag(help: "Include each record's raw JSON.") var payload = false

    func run() async throws {
        try await store.withStore { store in
            let records = try await store.session { [name] in try await $0.quarantined(connection: name) }
            guard !records.isEmpty else { Output.line("Nothing is quarantined."); return }
            for record in records {
                Output.line("\(record.stream) \(record.recordKey): \(record.reason) (seen \(record.occurrences)×, last \(LenientDateText.format(record.lastSeen)))")
                if payload { Output.line("  " + record.payload) }
            }
        }
    }
}

struct MirrorRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "Recent sync passes and how they ended.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The connection.") var name = "default"

    func run() async throws {
        try await store.withStore { store in
            let runs = try await store.session { [name] in try await $0.syncRuns(connection: name) }
            Output.line(Output.table([["STARTED", "OUTCOME", "SECONDS"]] + runs.map { run in
                [LenientDateText.format(run.startedAt), run.outcome, run.finishedAt.map { String($0 - run.startedAt) } ?? "—"]
            }, indent: ""))
        }
    }
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
enum LenientDateText {
    static func format(_ seconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

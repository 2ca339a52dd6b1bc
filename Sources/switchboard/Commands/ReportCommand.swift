import ArgumentParser
import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard report titles`: which titles, formats and imprints generate the most support.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Support reports.", subcommands: [Titles.self])

    struct Titles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tickets per title, format or imprint, from the isbn_/format_/imprint_ tags in the Zendesk mirror.",
            discussion: "Sync the mirror first (switchboard sync zendesk). A report by title also stores each title's count on its support signal.")
        @Option(help: "Group by title, format or imprint.") var by = "title"
        @Option(help: "Rows to show.") var limit = 20
        @Option(help: "Only this Zendesk connection.") var connection: String?
        @Flag(help: "CSV on standard output.") var csv = false
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            guard let grouping = SupportReport.Grouping(rawValue: by) else { throw ValidationError("--by must be title, format or imprint") }
            try await options.withRecords { store, _ in
                let rows = try await SupportReport(store: store).rows(by: grouping, connection: connection, limit: max(1, limit))
                if csv { return FileHandle.standardOutput.write(Data(SupportReport.csv(rows, by: grouping).utf8)) }
                if options.json { return options.print(.object(["by": .string(by), "rows": SupportReport.json(rows)])) }
                Output.line(SupportReport.text(rows, by: grouping))
            }
        }
    }
}

/// `switchboard launches`: titles publishing soon, with the support digest and inquiry forecast.
struct LaunchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "launches", abstract: "Titles launching in the next N days, with an inquiry forecast.")
    @Option(help: "Look this many days ahead.") var days = 30
    @OptionGroup var options: PublishingOptions

    func validate() throws {
        guard (1...366).contains(days) else { throw ValidationError("--days must be between 1 and 366") }
    }

    func run() async throws {
        try await options.withRecords { store, _ in
            let launches = try await LaunchPlanner(store: store).launches(days: days, today: PublishingRules.isoDay(Date()))
            guard options.json else { return Output.line(LaunchPlanner.digest(launches, days: days)) }
            options.print(.object(["days": .number(Double(days)), "launches": .array(launches.map { launch in
                .object(["work_id": .number(Double(launch.work.id)), "title": .string(launch.work.title), "date": .string(launch.date),
                         "forecast": .number(Double(launch.forecast)), "comparables": .number(Double(launch.comparables)),
                         "isbns": .array(launch.products.compactMap(\.isbn13).map(JSONValue.string))])
            })]))
        }
    }
}

/// `switchboard titles show ISBN`: what support sees about a title (the same as GET /api/titles/{isbn}).
struct TitlesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "titles", abstract: "Look up titles.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A title's status, formats, ISBNs, rights and dates (snapshot first, then Consonance).")
        @Argument(help: "An ISBN-13 or ISBN-10, with or without hyphens.") var isbn: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            guard let parsed = ISBN(isbn) else { throw ValidationError("\(isbn) is not a valid ISBN (check digit or length)") }
            let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
            defer { Task { try? await transport.shutdown() } }
            try await options.withRecords { store, _ in
                let pool = ConsonanceClientPool(store: store, secrets: try? options.store.secretBox(), transport: transport)
                guard let context = try await TitleLookup.context(isbn13: parsed.isbn13, store: store, consonance: pool) else {
                    throw RecordError.notFound("no title with ISBN \(parsed.isbn13) (run switchboard sync consonance, or check the ISBN)")
                }
                if options.json { return options.print(context) }
                Output.line("\(context["title"]?.stringValue ?? "?") — \(context["imprint"]?.stringValue ?? "no imprint")")
                Output.line("Status: \(context["status"]?.stringValue ?? "?")")
                if case .array(let formats)? = context["formats"] {
                    for format in formats {
                        Output.line("  \(format["format"]?.stringValue ?? "?"): \(format["isbn"]?.stringValue ?? format["isbn13"]?.stringValue ?? "-") — \(format["availability"]?.stringValue ?? "")")
                    }
                }
                Output.line("Rights: \(context["rights"]?.stringValue ?? "?")")
                Output.line("Release dates: \(context["release_dates"]?.stringValue ?? "?")")
            }
        }
    }
}

/// `switchboard calendar …`: the iCalendar feed of publishing dates.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "The iCalendar feed of milestones, tasks and rights reviews.",
                                                    subcommands: [URL.self, Export.self])

    struct URL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the subscription address of the feed served by switchboard serve.")
        @Option(help: "The node's public address (default: $SWITCHBOARD_PUBLIC_URL or http://127.0.0.1:8080).") var publicURL: String?
        @Option(help: "The admin token serve runs with (default: $SWITCHBOARD_ADMIN_TOKEN).") var adminToken: String?

        func run() async throws {
            guard let token = adminToken ?? ProcessInfo.processInfo.environment["SWITCHBOARD_ADMIN_TOKEN"], !token.isEmpty else {
                throw ValidationError("give the admin token serve runs with (--admin-token or $SWITCHBOARD_ADMIN_TOKEN)")
            }
            let base = PublicAddress.resolve(publicURL)
            Output.line("\(base)/calendar/publishing.ics?token=\(PublishingCalendar.feedToken(adminToken: token))")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the feed to a file (or standard output).")
        @Option(help: "Output file (default: standard output).") var output: String?
        @OptionGroup var options: PublishingOptions

        func validate() throws {
            if options.json { throw ValidationError("the calendar is iCalendar text; --json does not apply") }
        }

        func run() async throws {
            try await options.withRecords { store, records in
                let text = try await PublishingCalendar(store: store, publicURL: records.publicURL).feed().render()
                if let output { try text.write(toFile: output, atomically: true, encoding: .utf8) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
            }
        }
    }
}

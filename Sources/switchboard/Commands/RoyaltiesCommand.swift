import ArgumentParser
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore

/// `switchboard royalties …`: royalty statements whose payees are told on WhatsApp (the royalty-statements recipe).
struct RoyaltiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "royalties", abstract: "Import royalty statements and see who acknowledged them.",
        discussion: "Each new statement emits royalty_statement.ready, which the royalty-statements recipe sends to the payee. Import with the flows folder serve uses (--flows). A statement imported again (same id, or same payee, period and title) notifies nobody.",
        subcommands: [Import.self, List.self, Show.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import statements from CSV, whole or not at all.",
            discussion: "Columns: period (required); payee (contact id or phone) and/or isbn; id, payee_name, title, label, amount, currency. Every problem is reported as 'FILE: line N: column: problem' and nothing is written.")
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file) is not UTF-8 text") }
            let name = (file as NSString).lastPathComponent
            let csv = RoyaltyStatementsCSV(text: text, source: name)
            try await options.withRecords { _, records in
                let problems = (csv.problems + (try await records.royaltyPayeeProblems(csv.rows))).sorted { $0.line < $1.line }
                guard problems.isEmpty else {
                    for problem in problems { Output.error("\(file): \(problem)") }
                    Output.error("error: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(file); nothing was imported")
                    throw ExitCode.failure
                }
                let result = try await records.importRoyaltyStatements(csv.rows, source: name)
                if options.json { return options.print(ConversationJSON.royaltyImport(result)) }
                Output.line("Imported \(csv.rows.count) statement\(csv.rows.count == 1 ? "" : "s") from \(file): \(result.created.count) new (payees will be told), \(result.unchanged.count) already imported.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List statements, newest first.")
        @Option(help: "Only statements with this status (ready, acknowledged, payment_issue).") var status: String?
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                let statements = try await store.session { [status] in try await $0.royaltyStatements(status: status) }
                if options.json { return options.print(.object(["royalty_statements": .array(statements.map(ConversationJSON.statement))])) }
                guard !statements.isEmpty else { return Output.line("No royalty statements.") }
                Output.line(Output.table([["ID", "STATUS", "PERIOD", "STATEMENT", "PAYEE", "ACKNOWLEDGED BY"]] + statements.map {
                    [$0.id, $0.status, $0.period, $0.displayLabel, $0.payeeName ?? $0.payee ?? "title contacts", $0.acknowledgedByName ?? $0.acknowledgedBy ?? "-"]
                }, indent: ""))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one statement (JSON).")
        @Argument(help: "The statement id.") var id: String
        @OptionGroup var options: PublishingOptions

        func run() async throws {
            try await options.withRecords { store, _ in
                guard let statement = try await store.session({ [id] in try await $0.royaltyStatement(id: id) }) else { throw RecordError.notFound("no royalty statement \(id)") }
                options.print(ConversationJSON.statement(statement))
            }
        }
    }
}

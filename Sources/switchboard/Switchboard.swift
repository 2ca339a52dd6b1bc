import ArgumentParser
import Foundation
import Logging

/// The `switchboard` command-line tool.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Keep Zendesk, WhatsApp and Consonance in step for a publisher's support and publishing teams.",
        discussion: """
            State lives in one database: SQLite at $SWITCHBOARD_HOME/switchboard.db by default (~/.switchboard), or
            PostgreSQL with --postgres URL. Stored tokens are encrypted with a master key from $SWITCHBOARD_MASTER_KEY
            or the key file $SWITCHBOARD_HOME/master.key (created on first use, mode 0600).
            """,
        subcommands: [
            DemoCommand.self, ConnectCommand.self, SyncCommand.self, MirrorCommand.self, CustomersCommand.self,
            DisconnectCommand.self, ServeCommand.self, FlowsCommand.self, RunsCommand.self, DeadLettersCommand.self, WebhooksCommand.self,
            RecipesCommand.self, TitlesCommand.self, TasksCommand.self, MilestonesCommand.self, RightsCommand.self, SignalsCommand.self,
            ExceptionsCommand.self, ReportCommand.self, LaunchesCommand.self, CalendarCommand.self, SandboxCommand.self,
            ContactsCommand.self, TemplatesCommand.self, OpportunitiesCommand.self, MetadataCommand.self, RoyaltiesCommand.self, ConversationsCommand.self,
            ProfilesCommand.self,
        ]
    )

    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["SWITCHBOARD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

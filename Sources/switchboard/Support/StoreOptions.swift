import ArgumentParser
import Foundation
import SwitchboardEngine
import SwitchboardStore

/// `--db PATH` / `--postgres URL`: which database a command works on.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("SQLite database file (default: $SWITCHBOARD_DB or $SWITCHBOARD_HOME/switchboard.db).", valueName: "path"))
    var database: String?

    @Option(name: .customLong("postgres"), help: ArgumentHelp("PostgreSQL URL instead of SQLite (default: $SWITCHBOARD_POSTGRES_URL).", valueName: "url"))
    var postgresURL: String?

    func validate() throws {
        if database != nil, postgresURL != nil { throw ValidationError("use either --db or --postgres, not both") }
    }

    var paths: SwitchboardPaths { SwitchboardPaths.fromEnvironment() }

    var location: StoreLocation {
        if let postgresURL { return .postgres(url: postgresURL) }
        if let database { return .sqlite(path: database) }
        if let url = ProcessInfo.processInfo.environment["SWITCHBOARD_POSTGRES_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqlite(path: paths.database)
    }

    /// Open the store, run `body`, close the store; any failure is reported to the user and exits non-zero.
    func withStore<T>(resumeHint: String? = nil, _ body: (Store) async throws -> T) async throws -> T {
        do {
            return try await Store.using(location, body)
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            throw UserFacingError.report(error, resumeHint: resumeHint)
        }
    }

    /// The secret box for stored credentials (creates the key file on first use).
    func secretBox() throws -> SecretBox {
        SecretBox(masterKey: try MasterKey.load(keyFile: paths.keyFile))
    }
}

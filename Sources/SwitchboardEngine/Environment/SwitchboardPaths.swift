import Foundation

/// Where Switchboard keeps its files when nothing else is said.
///
/// `SWITCHBOARD_HOME` (default `~/.switchboard`) holds the SQLite database `switchboard.db` and the master
/// key file `master.key`; `SWITCHBOARD_DB` and `SWITCHBOARD_MASTER_KEY_FILE` override the two paths.
public struct SwitchboardPaths: Sendable, Equatable {
    public var home: String
    public var database: String
    public var keyFile: String

    public init(home: String, database: String? = nil, keyFile: String? = nil) {
        self.home = home
        self.database = database ?? (home as NSString).appendingPathComponent("switchboard.db")
        self.keyFile = keyFile ?? (home as NSString).appendingPathComponent("master.key")
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> SwitchboardPaths {
        let home = environment["SWITCHBOARD_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".switchboard")
        return SwitchboardPaths(home: home, database: environment["SWITCHBOARD_DB"].flatMap { $0.isEmpty ? nil : $0 },
                                keyFile: environment["SWITCHBOARD_MASTER_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 })
    }
}

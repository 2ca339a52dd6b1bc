import Foundation
import LooseJSON
import Sandbox
import SQLKit
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// A temporary `SWITCHBOARD_HOME` with its SQLite database, and the commands run against it.
struct CLIHome {
    let directory: TemporaryDirectory
    var database: String { directory.file("switchboard.db") }

    init() throws {
        directory = try TemporaryDirectory()
    }

    func remove() { directory.remove() }

    /// `switchboard <arguments> --db <database>`; `input` is written to standard input.
    func run(_ arguments: [String], database: Bool = true, environment: [String: String] = [:], input: String? = nil) async throws -> CLIProcess.Result {
        var environment = environment
        // Hermetic: nothing from the environment the tests run in (an empty value counts as unset).
        for name in ["SWITCHBOARD_CONSONANCE_KEY", "SWITCHBOARD_ADMIN_TOKEN", "SWITCHBOARD_PUBLIC_URL"] where environment[name] == nil { environment[name] = "" }
        let cli = CLIProcess(home: directory.path, extra: environment)
        let arguments = arguments + (database ? ["--db", self.database] : [])
        guard let input else { return try await cli.run(arguments, timeout: .seconds(300)) }
        let stdin = Pipe()
        let running = try cli.start(arguments, stdin: stdin)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return try await running.wait(timeout: .seconds(300))
    }

    func connectConsonance(_ baseURL: String) async throws {
        let result = try await run(["connect", "consonance", "--url", baseURL, "--key", ConsonanceSandboxConfiguration.defaultAPIKey, "--contract-probe-gap", "3"])
        guard result.succeeded else { throw FixtureError.failed("connect consonance", result.stderr) }
    }

    func withStore<T: Sendable>(_ body: (Store) async throws -> T) async throws -> T {
        try await Store.using(.sqlite(path: database), body)
    }

    func connections() async throws -> [ConnectionRecord] {
        try await withStore { store in try await store.session { try await $0.connections() } }
    }

    func count(_ query: SQLQueryString) async throws -> Int64 {
        try await withStore { store in try await store.session { try await $0.scalar(query) } }
    }

    /// The `value` column of the first row, as text.
    func text(_ query: SQLQueryString) async throws -> String? {
        try await withStore { store in
            try await store.session { session in
                guard let row = try await session.rows(query).first, try !row.decodeNil(column: "value") else { return nil }
                return try row.decode(column: "value", as: String.self)
            }
        }
    }

    func events(type: String) async throws -> [EventRecord] {
        try await withStore { store in try await store.session { try await $0.events(limit: 10_000) } }.filter { $0.type == type }
    }

    /// Whether `text` occurs in the bytes of the database file or its journal / WAL files.
    func databaseBytesContain(_ text: String) throws -> Bool {
        let needle = Data(text.utf8)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("switchboard.db") }
        guard !names.isEmpty else { throw FixtureError.failed("read the database", "no database file in \(directory.path)") }
        return try names.contains { name in
            try Data(contentsOf: URL(fileURLWithPath: directory.file(name))).range(of: needle) != nil
        }
    }
}

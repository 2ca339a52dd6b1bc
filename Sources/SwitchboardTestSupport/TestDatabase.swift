import Foundation
import SwitchboardStore

/// The databases the store contract is checked against: SQLite always, PostgreSQL when
/// `SWITCHBOARD_TEST_POSTGRES_URL` is set (`scripts/test` and `.ci/run` set it). Each test gets its own
/// SQLite file or its own PostgreSQL schema, so tests never see each other's rows.
public enum TestDatabase: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every database available to this run.
    public static var available: [TestDatabase] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public var description: String { rawValue }

    /// A fresh location: a new SQLite file, or a new schema on the test server.
    public func freshLocation() -> StoreLocation {
        let unique = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-tests-\(unique)")
            return .sqlite(path: directory.appendingPathComponent("test.db").path)
        case .postgres:
            let base = TestDatabase.postgresURL!
            return .postgres(url: base + (base.contains("?") ? "&" : "?") + "search_path=t_\(unique)")
        }
    }

    /// Open a fresh store, run `body`, and close the store whatever happens (an unclosed SQLite
    /// connection aborts debug builds).
    public func withStore<T>(_ body: (Store) async throws -> T) async throws -> T {
        try await Store.using(freshLocation(), body)
    }
}


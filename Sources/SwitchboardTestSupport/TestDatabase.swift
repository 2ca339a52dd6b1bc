import Foundation
import SwitchboardStore
import Testing

/// The databases the store contract is checked against: SQLite always, PostgreSQL when
/// `SWITCHBOARD_TEST_POSTGRES_URL` is set (`scripts/test` and `.ci/run` set it). Each test gets its own
/// SQLite file or its own PostgreSQL schema, so tests never see each other's rows.
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every database available to this run.
    static var available: [TestDatabase] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }

    /// A fresh location: a new SQLite file, or a new schema on the test server.
    func freshLocation() -> StoreLocation {
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
    func withStore<T>(_ body: (Store) async throws -> T) async throws -> T {
        let store = try await Store.open(freshLocation())
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// Tells whoever reads the test log that PostgreSQL was or was not part of this run.
@Suite struct PostgresAvailability {
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "SWITCHBOARD_TEST_POSTGRES_URL is not set: the store tests ran on SQLite only and did NOT run on PostgreSQL"))
    func postgresServerIsReachable() async throws {
        try await TestDatabase.postgres.withStore { store in
            #expect(store.dialect == .postgres)
        }
    }
}

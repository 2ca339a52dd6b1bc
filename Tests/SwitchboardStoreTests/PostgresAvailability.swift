import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Tells whoever reads the test log that PostgreSQL was or was not part of this run.
@Suite struct PostgresAvailability {
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "SWITCHBOARD_TEST_POSTGRES_URL is not set: the store tests ran on SQLite only and did NOT run on PostgreSQL"))
    func postgresServerIsReachable() async throws {
        try await TestDatabase.postgres.withStore { store in
            #expect(store.dialect == .postgres)
        }
    }
}

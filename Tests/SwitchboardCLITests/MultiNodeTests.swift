import Foundation
import SwitchboardCore
import SwitchboardEngine
import SQLKit
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Several `switchboard serve` processes sharing one PostgreSQL queue (`FOR UPDATE SKIP LOCKED`): every job runs,
/// on exactly one node, once — even when a node is stopped in the middle of the drain.
@Suite struct MultiNodeTests {
    static let flow = """
        name: bulk
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        actions:
          - action: core.log
            with:
              message: "ticket {{ticket.id}}"
        """

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL (scripts/test and .ci/run provide one)"))
    func threeNodesDrainFiveThousandJobsWithNoneLostAndNoneRunTwice() async throws {
        let jobs = 5_000
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 1)) { sandbox, baseURL in
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL, location: TestDatabase.postgres.freshLocation())
            defer { fixture.remove() }
            try fixture.writeFlow("bulk", Self.flow)
            let registry = try FlowRegistry.load(path: fixture.flowsPath)
            // Migrate once before the nodes start, then start three nodes on one database.
            try await fixture.withStore { _ in }
            var nodes: [RunningProcess] = []
            for index in 0..<3 {
                nodes.append(try await fixture.startServe(port: TestHTTP.freePort(), arguments: ["--node", "node-\(index)", "--concurrency", "8", "--shutdown-grace", "10s"]))
            }
            defer { for node in nodes { node.kill() } }

            try await fixture.withStore { store in
                let runtime = FlowRuntime(store: store, flows: registry)
                for batch in stride(from: 0, to: jobs, by: 250) {
                    try await store.transaction { session in
                        for index in batch..<min(batch + 250, jobs) {
                            let event = Event(source: "zendesk.webhook", type: "ticket.created", externalID: "bulk-\(index)", connection: "default",
                                              context: ["ticket": ["id": .number(Double(index))]])
                            _ = try await runtime.ingest(event, in: session)
                        }
                    }
                }
                // Stop one node gracefully while the queue is still draining.
                try await ServeFixture.waitUntil("a fifth of the jobs to finish", timeout: .seconds(120)) {
                    try await store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM runs WHERE status = 'succeeded'") } >= Int64(jobs / 5)
                }
                nodes[0].kill(signal: SIGTERM)
                let stopped = try await nodes[0].wait(timeout: .seconds(30))
                #expect(stopped.status == 0, "a graceful stop exits 0: \(stopped.stderr)")

                try await ServeFixture.waitUntil("every run to finish", timeout: .seconds(300)) {
                    try await store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM runs WHERE status <> 'running'") } == Int64(jobs)
                }
                func count(_ query: String) async throws -> Int64 {
                    try await store.session { try await $0.scalar(SQLQueryString(query)) }
                }
                #expect(try await count("SELECT COUNT(*) AS value FROM runs WHERE status = 'succeeded'") == Int64(jobs), "none lost")
                #expect(try await count("SELECT COUNT(*) AS value FROM jobs WHERE status = 'succeeded'") == Int64(jobs))
                #expect(try await count("SELECT COUNT(*) AS value FROM job_attempts WHERE outcome = 'succeeded'") == Int64(jobs))
                let twice = try await count("""
                    SELECT COUNT(*) AS value FROM (SELECT job_id FROM job_attempts WHERE outcome IS NULL OR outcome <> 'released'
                    GROUP BY job_id HAVING COUNT(*) > 1) AS twice
                    """)
                #expect(twice == 0, "no job was run twice")
                #expect(try await count("SELECT COUNT(DISTINCT node) AS value FROM job_attempts WHERE outcome = 'succeeded'") == 3, "all three nodes took part")
                #expect(try await count("SELECT COUNT(*) AS value FROM dead_letters") == 0)
            }
            for node in nodes.dropFirst() { node.kill(signal: SIGTERM) }
            for node in nodes.dropFirst() {
                let result = try await node.wait(timeout: .seconds(30))
                #expect(result.status == 0)
            }
        }
    }
}

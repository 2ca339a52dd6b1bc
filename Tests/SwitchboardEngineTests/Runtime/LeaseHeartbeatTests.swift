import ConnectorKit
import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
@testable import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// An action that takes longer than the lease keeps its job: the executor renews the lease while the action runs,
/// so another node looking for expired leases never takes the job, and the remote sees one call.
@Suite struct LeaseHeartbeatTests {
    static let flow = """
        name: slow-note
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        actions:
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "noted {{event.external_id}}"
              public: false
        """

    @Test(arguments: TestDatabase.available)
    func anActionLongerThanTheLeaseKeepsItsJob(_ database: TestDatabase) async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 5)) { sandbox, sandboxURL in
            try await database.withStore { store in
                let transport = AsyncHTTPTransport(defaultTimeout: .seconds(30))
                do {
                    try await run(store, sandbox: sandbox, sandboxURL: sandboxURL, transport: transport)
                } catch {
                    try? await transport.shutdown()
                    throw error
                }
                try await transport.shutdown()
            }
        }
    }

    private func run(_ store: Store, sandbox: ZendeskSandbox, sandboxURL: String, transport: AsyncHTTPTransport) async throws {
        let secrets = SecretBox(masterKey: try MasterKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255) }, source: "test"))
        try await ZendeskConnections(store: store, secrets: secrets).connect(
            name: "default", baseURL: sandboxURL, credentials: .apiToken(email: "admin@example.com", token: "sandbox-token"),
            settings: ZendeskConnectionSettings(), transport: transport)
        let (loaded, diagnostics) = FlowLoader.load(text: Self.flow, file: "slow-note.yaml")
        let flow = try #require(loaded, "\(diagnostics)")
        let flows = FlowRegistry([flow])
        let ticketID = try #require(sandbox.openTicketIDs.first)
        let commentsBefore = sandbox.comments(ticketID: ticketID)?.count ?? 0

        _ = try await FlowRuntime(store: store, flows: flows).ingest(Event(
            id: "ev-slow", source: "zendesk.webhook", type: "ticket.created", externalID: "zen-slow", connection: "default", occurredAt: Date(),
            context: .object(["ticket": .object(["id": .number(Double(ticketID))])])))
        // Every write answers after 14 s; the lease is 9 s, renewed every third of that while the action runs (a
        // renewal has 6 s to commit, which even a loaded machine manages).
        sandbox.setFaults(try FaultMix(parsing: "slow=1,slow-delay=14s"), scope: .writes)
        let lease = Duration.seconds(9)
        let executor = JobExecutor(store: store, flows: flows, actions: .standard, zendesk: ZendeskClientPool(store: store, secrets: secrets, transport: transport),
                                   configuration: RuntimeConfiguration(node: "a", concurrency: 1, lease: lease))
        let leasedAt = ContinuousClock.now
        let jobs = try await executor.lease(limit: 1)
        #expect(jobs.count == 1)
        let finished = AtomicFlag()
        let running = Task {
            for job in jobs { await executor.execute(job) }
            finished.set()
        }

        // Meanwhile another node keeps asking for due jobs and expired leases, until it has asked at least once after
        // the first lease would have expired (however slow a loaded machine makes each question) or node a is done.
        let firstExpiry = leasedAt + lease + .milliseconds(500)
        var pollsAfterFirstExpiry = 0
        while !finished.value, pollsAfterFirstExpiry < 3 {
            let askedAt = ContinuousClock.now
            let taken = try await store.transaction { session in
                try await session.leaseJobs(node: "b", limit: 10, leaseMilliseconds: 9_000, nowMilliseconds: epochMilliseconds())
            }
            #expect(taken.isEmpty, "node b took \(taken.map(\.id)) while node a was still running it")
            if askedAt > firstExpiry, !finished.value { pollsAfterFirstExpiry += 1 }
            try await Task.sleep(for: .milliseconds(250))
        }
        await running.value

        #expect(pollsAfterFirstExpiry > 0, "node b asked after the first lease would have expired, while node a still ran the action")
        let runs = try await store.session { try await $0.runs(limit: 10) }
        #expect(runs.map(\.status) == ["succeeded"])
        let attempts = try await store.session { try await $0.attempts(jobID: jobs[0].job.id) }
        #expect(attempts.map(\.node) == ["a"], "one attempt, by the node that held the lease throughout")
        #expect((sandbox.comments(ticketID: ticketID)?.count ?? 0) == commentsBefore + 1, "the remote saw one comment")
    }
}

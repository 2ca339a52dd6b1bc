import Foundation
import LooseJSON
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// A step's success is recorded as one unit — statements in a transaction on SQLite, one statement on PostgreSQL —
/// with the same effects on both, and nothing but the outbox result when the lease was lost.
@Suite struct StepSuccessTests {
    private func steps(_ store: Store, _ runID: String) async throws -> [StepRecord] {
        try await store.session { try await $0.steps(runID: runID) }
    }

    @Test(arguments: TestDatabase.available)
    func aStepsSuccessQueuesTheNextStepAndTheLastOneFinishesTheRun(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let first = try await JobQueueTests.makeRun(store, runID: "run-a", steps: 2)
            let leased = try #require(try await JobQueueTests.lease(store, node: "n", now: 1_000).first)
            #expect(leased.id == first.id)
            let next = JobRecord(id: "job-run-a-1", runID: "run-a", stepIndex: 1, maxAttempts: 4, retry: "{}", availableAt: 1_500)
            #expect(try await store.record(StepSuccess(job: leased, node: "n", status: "succeeded", output: ["comment_id": 7], startedInput: nil,
                                                       outbox: (key: "run-a:0", action: "zendesk.add_comment"), next: next), nowMilliseconds: 2_000))

            #expect(try await store.session { try await $0.job(id: first.id) }?.status == "succeeded")
            let attempt = try #require(try await store.session { try await $0.attempts(jobID: first.id) }.first)
            #expect(attempt.outcome == "succeeded" && attempt.finishedAt == 2_000)
            let afterFirst = try await steps(store, "run-a")
            #expect(afterFirst.map(\.status) == ["succeeded", "pending"])
            #expect(afterFirst.first?.output == ["comment_id": 7])
            #expect(afterFirst.first?.attempts == 1 && afterFirst.first?.finishedAt == 2)
            #expect(try await store.session { try await $0.outboxState(key: "run-a:0") } == .done(["comment_id": 7]))
            let queued = try #require(try await store.session { try await $0.job(id: "job-run-a-1") })
            #expect(queued.status == "queued" && queued.availableAt == 1_500 && queued.maxAttempts == 4)
            #expect(try await store.session { try await $0.run(id: "run-a") }?.status == "running")

            // The last step is skipped: it is recorded as started with its input and finished, and the run is done.
            let second = try #require(try await JobQueueTests.lease(store, node: "n", now: 3_000).first)
            #expect(second.id == "job-run-a-1")
            #expect(try await store.record(StepSuccess(job: second, node: "n", status: "skipped", output: .null, startedInput: .null, outbox: nil, next: nil),
                                           nowMilliseconds: 4_000))
            let afterSecond = try await steps(store, "run-a")
            #expect(afterSecond.map(\.status) == ["succeeded", "skipped"])
            #expect(afterSecond.last?.startedAt == 4 && afterSecond.last?.finishedAt == 4)
            let run = try #require(try await store.session { try await $0.run(id: "run-a") })
            #expect(run.status == "succeeded" && run.finishedAt == 4)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLostLeaseKeepsOnlyTheOutboxResult(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let job = try await JobQueueTests.makeRun(store, runID: "run-b", steps: 2)
            let stale = try #require(try await JobQueueTests.lease(store, node: "slow", lease: 100, now: 1_000).first)
            _ = try #require(try await JobQueueTests.lease(store, node: "fast", now: 1_200).first, "the expired lease went to another node")
            let next = JobRecord(id: "job-run-b-1", runID: "run-b", stepIndex: 1, maxAttempts: 3, retry: "{}", availableAt: 1_300)
            #expect(try await store.record(StepSuccess(job: stale, node: "slow", status: "succeeded", output: ["ticket_id": 9], startedInput: nil,
                                                       outbox: (key: "run-b:0", action: "zendesk.create_ticket"), next: next), nowMilliseconds: 1_300) == false)
            #expect(try await store.session { try await $0.outboxState(key: "run-b:0") } == .done(["ticket_id": 9]), "the new owner will not send again")
            let current = try #require(try await store.session { try await $0.job(id: job.id) })
            #expect(current.status == "leased" && current.leaseOwner == "fast")
            #expect(try await store.session { try await $0.job(id: "job-run-b-1") } == nil, "no next step queued")
            #expect(try await steps(store, "run-b").map(\.status) == ["pending", "pending"])
            #expect(try await store.session { try await $0.attempts(jobID: job.id) }.map(\.outcome) == [nil, nil])
        }
    }
}

import Foundation
import LooseJSON
@testable import SwitchboardStore
import SwitchboardTestSupport
import Synchronization
import Testing

/// On PostgreSQL, step successes that arrive while one is being recorded share the next statement, and each caller
/// still gets its own outcome: true while its node held the job, false (with only the outbox result kept) after.
@Suite struct StepSuccessBatchTests {
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func successesThatArriveTogetherShareOneStatementAndKeepTheirOwnOutcomes() async throws {
        try await TestDatabase.postgres.withStore { store in
            let runs = 30
            // Even runs have a second step to queue; odd runs end with this one.
            for index in 0..<runs { _ = try await JobQueueTests.makeRun(store, runID: "run-\(index)", steps: index % 2 == 0 ? 2 : 1, availableAt: 1_000 + Int64(index)) }
            let leased = try await JobQueueTests.lease(store, node: "n", limit: runs, lease: 100, now: 2_000)
            #expect(leased.count == runs)
            // The first five leases expire and go to another node.
            let stolen = try await JobQueueTests.lease(store, node: "other", limit: 5, now: 3_000)
            let lost = Set(stolen.map(\.id))
            #expect(lost.count == 5)

            let statements = Atomic(0)
            let batches = Mutex<StepSuccessBatches?>(nil)
            let recorder = StepSuccessBatches { body in
                // Hold the first statement until every success has been handed over: the rest queue behind it.
                if statements.add(1, ordering: .relaxed).newValue == 1 {
                    while (batches.withLock { $0 })?.submitted ?? 0 < runs { try await Task.sleep(for: .milliseconds(2)) }
                }
                return try await store.session(body)
            }
            batches.withLock { $0 = recorder }

            let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
                for job in leased {
                    let index = Int(job.runID.dropFirst(4))!
                    let next = index % 2 == 0 ? JobRecord(id: "next-\(index)", runID: job.runID, stepIndex: 1, maxAttempts: 2, retry: "{}", availableAt: 5_000) : nil
                    let success = StepSuccess(job: job, node: "n", status: index == 7 ? "skipped" : "succeeded", output: index == 7 ? .null : ["n": .number(Double(index))],
                                              startedInput: index == 7 ? ["why": "if"] : nil, outbox: index == 7 ? nil : (key: "\(job.runID):0", action: "zendesk.add_comment"),
                                              next: next)
                    group.addTask { (job.id, try await recorder.record(success, nowMilliseconds: 4_000 + Int64(index))) }
                }
                return try await group.reduce(into: [String: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(statements.load(ordering: .relaxed) <= 2, "whatever the first statement took, the rest queued behind it and went together (one each would be \(runs))")
            #expect(outcomes.count == runs)
            for job in leased { #expect(outcomes[job.id] == !lost.contains(job.id), "\(job.id)") }

            for job in leased {
                let index = Int(job.runID.dropFirst(4))!
                let stored = try #require(try await store.session { try await $0.job(id: job.id) })
                let steps = try await store.session { try await $0.steps(runID: job.runID) }
                let run = try #require(try await store.session { try await $0.run(id: job.runID) })
                if lost.contains(job.id) {
                    #expect(stored.status == "leased" && stored.leaseOwner == "other")
                    #expect(steps.first?.status == "running" || steps.first?.status == "pending")
                    #expect(try await store.session { try await $0.job(id: "next-\(index)") } == nil)
                    #expect(run.status == "running")
                } else {
                    #expect(stored.status == "succeeded")
                    #expect(steps.first?.status == (index == 7 ? "skipped" : "succeeded"))
                    #expect(steps.first?.output == (index == 7 ? .null : ["n": .number(Double(index))]))
                    #expect(try await store.session { try await $0.attempts(jobID: job.id) }.first?.outcome == "succeeded")
                    if index == 7 { #expect(steps.first?.input == ["why": "if"] && steps.first?.startedAt != nil) }
                    if index % 2 == 0 {
                        let queued = try #require(try await store.session { try await $0.job(id: "next-\(index)") })
                        #expect(queued.status == "queued" && queued.stepIndex == 1 && queued.maxAttempts == 2 && queued.availableAt == 5_000)
                        #expect(run.status == "running")
                    } else {
                        #expect(run.status == "succeeded" && run.finishedAt != nil)
                    }
                }
                if index != 7 {
                    #expect(try await store.session { try await $0.outboxState(key: "\(job.runID):0") } == .done(["n": .number(Double(index))]),
                            "the outbox result is kept even when the lease was lost")
                }
            }
        }
    }

    /// A batch whose statement fails is recorded again one success at a time: the good ones succeed and only the bad
    /// one fails.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func oneBadSuccessFailsAloneAndTheOthersAreRecorded() async throws {
        try await TestDatabase.postgres.withStore { store in
            for index in 0..<3 { _ = try await JobQueueTests.makeRun(store, runID: "run-\(index)", availableAt: 1_000 + Int64(index)) }
            let leased = try await JobQueueTests.lease(store, node: "n", limit: 3, now: 2_000)
            let statements = Atomic(0)
            let batches = Mutex<StepSuccessBatches?>(nil)
            let recorder = StepSuccessBatches { body in
                if statements.add(1, ordering: .relaxed).newValue == 1 {
                    while (batches.withLock { $0 })?.submitted ?? 0 < 4 { try await Task.sleep(for: .milliseconds(2)) }
                    // A first statement for another, unrelated job, so that all three queue behind it.
                    return []
                }
                return try await store.session(body)
            }
            batches.withLock { $0 = recorder }
            let blocker = Task { try await recorder.record(StepSuccess(job: JobRecord(id: "elsewhere", runID: "x", stepIndex: 0, maxAttempts: 1, retry: "{}", availableAt: 0),
                                                                        node: "n", status: "succeeded", output: .null, startedInput: nil, outbox: nil, next: nil), nowMilliseconds: 1) }
            while recorder.waiting == 0, statements.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(1)) }
            let results = await withTaskGroup(of: (String, Result<Bool, any Error>).self) { group in
                for (offset, job) in leased.enumerated() {
                    // PostgreSQL text cannot hold a NUL character: any statement with this success in it fails.
                    let success = StepSuccess(job: job, node: offset == 1 ? "n\u{0}" : "n", status: "succeeded", output: ["ok": .number(Double(offset))],
                                              startedInput: nil, outbox: nil, next: nil)
                    group.addTask {
                        do { return (job.id, .success(try await recorder.record(success, nowMilliseconds: 3_000))) } catch { return (job.id, .failure(error)) }
                    }
                }
                return await group.reduce(into: [String: Result<Bool, any Error>]()) { $0[$1.0] = $1.1 }
            }
            #expect(try await blocker.value == false)
            for (offset, job) in leased.enumerated() {
                switch results[job.id] {
                case .success(let done): #expect(offset != 1 && done, "\(job.id)")
                case .failure: #expect(offset == 1, "\(job.id)")
                case nil: Issue.record("no outcome for \(job.id)")
                }
                let status = try await store.session { try await $0.job(id: job.id) }?.status
                #expect(status == (offset == 1 ? "leased" : "succeeded"))
            }
            #expect(statements.load(ordering: .relaxed) == 1 + 1 + 3, "the blocker, the failed batch, then each success alone")
        }
    }
}

import Foundation
import LooseJSON
import SQLKit
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The durable queue's contract, on SQLite and PostgreSQL: leases, expiry, lease-guarded state changes, retries,
/// dead letters with every attempt's error, replay, and graceful release.
@Suite struct JobQueueTests {
    static func makeRun(_ store: Store, runID: String = UUID().uuidString, steps: Int = 1, availableAt: Int64 = 1_000) async throws -> JobRecord {
        let job = JobRecord(id: "job-\(runID)", runID: runID, stepIndex: 0, maxAttempts: 3, retry: "{}", availableAt: availableAt)
        let eventID = "ev-\(runID)"
        try await store.transaction { session in
            _ = try await session.insertEvent(EventRecord(id: eventID, source: "test", type: "t", externalID: eventID, connection: nil, context: .object([:]),
                                                          occurredAt: 1, receivedAt: 1))
            _ = try await session.createRun(id: runID, flow: "f", flowVersion: "v", eventID: eventID,
                                            steps: (0..<steps).map { ("s\($0)", "core.log") }, firstJob: job, now: 1)
        }
        return job
    }

    static func lease(_ store: Store, node: String, limit: Int = 10, lease: Int64 = 1_000, now: Int64) async throws -> [JobRecord] {
        try await store.transaction { try await $0.leaseJobs(node: node, limit: limit, leaseMilliseconds: lease, nowMilliseconds: now) }
    }

    @Test(arguments: TestDatabase.available)
    func aLeaseIsExclusiveUntilItExpiresThenTheJobReturns(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let job = try await Self.makeRun(store, availableAt: 1_000)
            #expect(try await Self.lease(store, node: "a", now: 999).isEmpty, "not due yet")
            let first = try await Self.lease(store, node: "a", now: 1_000)
            #expect(first.map(\.id) == [job.id])
            #expect(first.first?.leaseOwner == "a")
            #expect(try await Self.lease(store, node: "b", now: 1_500).isEmpty, "a live lease belongs to its node")

            let second = try await Self.lease(store, node: "b", now: 2_001)
            #expect(second.map(\.id) == [job.id], "an expired lease returns the job to the queue")
            #expect(second.first?.totalAttempts == 2)

            // The first node lost its lease: it can neither finish nor retry the job.
            #expect(try await store.session { try await $0.completeJob(first[0], node: "a", nowMilliseconds: 2_100) } == false)
            #expect(try await store.session { try await $0.retryJob(first[0], node: "a", availableAt: 0, error: "x", response: nil, nowMilliseconds: 2_100) } == false)
            #expect(try await store.session { try await $0.extendLease(jobID: job.id, node: "a", untilMilliseconds: 9_999) } == false)
            #expect(try await store.session { try await $0.extendLease(jobID: job.id, node: "b", untilMilliseconds: 9_999) })
            #expect(try await Self.lease(store, node: "c", now: 5_000).isEmpty, "an extended lease keeps the job")
            #expect(try await store.session { try await $0.completeJob(second[0], node: "b", nowMilliseconds: 5_100) })

            let attempts = try await store.session { try await $0.attempts(jobID: job.id) }
            #expect(attempts.map(\.node) == ["a", "b"])
            #expect(attempts.map(\.outcome) == [nil, "succeeded"])
            #expect(try await store.session { try await $0.job(id: job.id) }?.status == "succeeded")
            #expect(try await Self.lease(store, node: "c", now: 99_000).isEmpty, "a finished job never comes back")
        }
    }

    @Test(arguments: TestDatabase.available)
    func retriesWaitTheirTurnAndDeadLettersKeepEveryError(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let job = try await Self.makeRun(store)
            let first = try await Self.lease(store, node: "n", now: 1_000)[0]
            #expect(try await store.session { try await $0.retryJob(first, node: "n", availableAt: 3_000, error: "HTTP 500 (1)", response: "{\"e\":1}", nowMilliseconds: 1_100) })
            #expect(try await Self.lease(store, node: "n", now: 2_999).isEmpty, "the backoff is respected")
            #expect(try await store.session { try await $0.nextDueMilliseconds() } == 3_000)
            let second = try await Self.lease(store, node: "n", now: 3_000)[0]
            #expect(second.attempts == 2)
            #expect(try await store.session {
                try await $0.deadLetterJob(second, node: "n", deadLetterID: "dl-1", flow: "f", action: "core.log", payload: ["ticket_id": 5],
                                           error: "HTTP 500 (2)", response: "{\"e\":2}", nowMilliseconds: 3_100)
            })
            let letter = try #require(try await store.session { try await $0.deadLetter(id: "dl-1") })
            #expect(letter.errors == ["HTTP 500 (1)", "HTTP 500 (2)"])
            #expect(letter.lastResponse == "{\"e\":2}")
            #expect(letter.payload == ["ticket_id": 5])
            #expect(letter.runID == job.runID)
            #expect(try await store.session { try await $0.openDeadLetterCount() } == 1)
            #expect(try await Self.lease(store, node: "n", now: 99_000).isEmpty, "a dead job stays dead")

            #expect(try await store.session { try await $0.replayDeadLetter(id: "dl-1", nowMilliseconds: 100_000) })
            #expect(try await store.session { try await $0.replayDeadLetter(id: "dl-1", nowMilliseconds: 100_001) } == false, "replayed once")
            #expect(try await store.session { try await $0.openDeadLetterCount() } == 0)
            let replayed = try await Self.lease(store, node: "m", now: 100_000)
            #expect(replayed.map(\.id) == [job.id])
            #expect(replayed.first?.attempts == 1, "a replay starts a fresh set of attempts")
            #expect(replayed.first?.totalAttempts == 3, "but history keeps counting")
            #expect(try await store.session { try await $0.run(id: job.runID) }?.status == "running")
            #expect(try await store.session { try await $0.deadLetters(includeReplayed: true) }.first?.replayCount == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func releasedLeasesAreDueAtOnceWithoutCountingAnAttempt(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let job = try await Self.makeRun(store)
            _ = try await Self.lease(store, node: "leaving", lease: 60_000, now: 1_000)
            #expect(try await store.session { try await $0.queueDepth() } == (queued: 0, leased: 1))
            #expect(try await store.session { try await $0.releaseLeases(node: "leaving", nowMilliseconds: 2_000) } == 1)
            #expect(try await store.session { try await $0.queueDepth() } == (queued: 1, leased: 0))
            let again = try await Self.lease(store, node: "other", now: 2_000)
            #expect(again.first?.attempts == 1)
            #expect(try await store.session { try await $0.attempts(jobID: job.id) }.first?.outcome == "released")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBatchTakesExpiredLeasesFirstThenDueJobsInTheOrderTheyFellDue(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            // Queued jobs falling due at 1_000…1_009 (created in scrambled order), one not due yet, and one whose lease
            // expires at 1_500.
            for offset in [7, 2, 9, 0, 5, 3, 8, 1, 6, 4] { _ = try await Self.makeRun(store, runID: "due-\(offset)", availableAt: 1_000 + Int64(offset)) }
            _ = try await Self.makeRun(store, runID: "later", availableAt: 50_000)
            _ = try await Self.makeRun(store, runID: "stalled", availableAt: 500)
            #expect(try await Self.lease(store, node: "dead", limit: 1, lease: 1_000, now: 500).map(\.id) == ["job-stalled"])

            let first = try await Self.lease(store, node: "n", limit: 4, now: 2_000)
            #expect(first.map(\.id) == ["job-stalled", "job-due-0", "job-due-1", "job-due-2"], "the expired lease first, then in due order")
            #expect(first.allSatisfy { $0.leaseOwner == "n" && $0.status == "leased" })
            #expect(first.first?.totalAttempts == 2, "the stalled job's second attempt")
            let rest = try await Self.lease(store, node: "n", limit: 100, now: 2_000)
            #expect(rest.map(\.id) == (3...9).map { "job-due-\($0)" }, "at most the limit, and nothing not yet due")
            #expect(try await Self.lease(store, node: "n", limit: 0, now: 99_000).isEmpty)
            // Every lease recorded its attempt.
            #expect(try await store.session { try await $0.attempts(jobID: "job-stalled") }.map(\.node) == ["dead", "n"])
            #expect(try await store.session { try await $0.attempts(jobID: "job-due-9") }.map(\.node) == ["n"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func concurrentLeasersNeverShareAJob(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            for index in 0..<200 { _ = try await Self.makeRun(store, runID: "run-\(index)") }
            let leased = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let batch = try await Self.lease(store, node: "w\(worker)", limit: 7, lease: 600_000, now: 5_000)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            #expect(leased.count == 200)
            #expect(Set(leased).count == 200, "no job was leased twice")
        }
    }

    @Test(arguments: TestDatabase.available)
    func eventsAreStoredOncePerSourceAndExternalID(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            @Sendable func event(_ id: String, source: String = "zendesk.webhook", external: String = "zen-1") -> EventRecord {
                EventRecord(id: id, source: source, type: "ticket.created", externalID: external, connection: "default", context: ["ticket": ["id": 5]],
                            occurredAt: 1, receivedAt: 2)
            }
            #expect(try await store.session { try await $0.insertEvent(event("a")) })
            #expect(try await store.session { try await $0.insertEvent(event("b")) } == false, "a redelivery is the same event")
            #expect(try await store.session { try await $0.insertEvent(event("c", source: "zendesk.mirror")) }, "another source is another fact")
            #expect(try await store.session { try await $0.eventCount() } == 2)
            let stored = try await store.session { try await $0.event(id: "a") }
            #expect(stored?.context == ["ticket": ["id": 5]])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFlowRunsOncePerEventAndRetentionKeepsWhatIsStillNeeded(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let job = try await Self.makeRun(store, runID: "r1", steps: 2)
            let duplicate = JobRecord(id: "other", runID: "r2", stepIndex: 0, maxAttempts: 1, retry: "{}", availableAt: 0)
            #expect(try await store.session {
                try await $0.createRun(id: "r2", flow: "f", flowVersion: "v", eventID: "ev-r1", steps: [("s", "core.log")], firstJob: duplicate, now: 1)
            } == false)
            #expect(try await store.session { try await $0.steps(runID: "r1") }.map(\.status) == ["pending", "pending"])

            try await store.session { session in
                try await session.markStepStarted(runID: "r1", index: 0, input: ["message": "hi"], now: 10)
                try await session.finishStep(runID: "r1", index: 0, status: "succeeded", output: ["logged": true], error: nil, attempts: 1, now: 11)
            }
            let steps = try await store.session { try await $0.steps(runID: "r1") }
            #expect(steps[0].input == ["message": "hi"])
            #expect(steps[0].output == ["logged": true])
            _ = job
            _ = try await Self.makeRun(store, runID: "dead")
            let leased = try await Self.lease(store, node: "n", now: 1_000)
            let deadJob = try #require(leased.first { $0.runID == "dead" })
            _ = try await store.session {
                try await $0.deadLetterJob(deadJob, node: "n", deadLetterID: "dl", flow: "f", action: "core.log", payload: .null, error: "e", response: nil, nowMilliseconds: 1)
            }
            try await store.session { session in
                try await session.finishRun(id: "r1", status: "succeeded", error: nil, now: 100)
                try await session.finishRun(id: "dead", status: "dead_lettered", error: "e", now: 100)
            }
            #expect(try await store.session { try await $0.pruneRuns(finishedBefore: 100) } == 0, "not old enough")
            #expect(try await store.session { try await $0.pruneRuns(finishedBefore: 101) } == 1, "the dead-lettered run is kept until replayed")
            #expect(try await store.session { try await $0.run(id: "r1") } == nil)
            #expect(try await store.session { try await $0.steps(runID: "r1") }.isEmpty)
            #expect(try await store.session { try await $0.run(id: "dead") } != nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func outboxAndScheduleSlotsAnswerOnce(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            #expect(try await store.session { try await $0.outboxState(key: "k") } == .none)
            try await store.session { try await $0.recordOutboxIntent(key: "k", action: "zendesk.add_comment", now: 1) }
            #expect(try await store.session { try await $0.outboxState(key: "k") } == .intent)
            try await store.session { try await $0.recordOutboxResult(key: "k", action: "zendesk.add_comment", result: ["id": 9], now: 2) }
            #expect(try await store.session { try await $0.outboxState(key: "k") } == .done(["id": 9]))

            let claims = try await withThrowingTaskGroup(of: Bool.self) { group in
                for node in 0..<8 { group.addTask { try await store.session { try await $0.claimScheduleSlot(flow: "daily", slot: 1_700_000_000, node: "n\(node)", now: 1) } } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(claims.filter { $0 }.count == 1, "exactly one node fires a slot")
            #expect(try await store.session { try await $0.lastScheduleSlot(flow: "daily") } == 1_700_000_000)
        }
    }

    /// Finished jobs stay in `jobs`, so the two questions a lease asks must be answered from indexes of live jobs only
    /// (migration 12), walked in order with no sort, or a lease would slow down as history grows.
    @Test(arguments: TestDatabase.available)
    func leasingWalksPartialIndexesOfLiveJobsInOrder(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            for index in 0..<40 { _ = try await Self.makeRun(store, runID: "history-\(index)", availableAt: 1_000 + Int64(index)) }
            let leased = try await Self.lease(store, node: "n", limit: 40, now: 5_000)
            for job in leased { #expect(try await store.transaction { try await $0.completeJob(job, node: "n", nowMilliseconds: 5_001) }) }
            _ = try await Self.makeRun(store, runID: "live", availableAt: 6_000)
            #expect(try await store.session { try await $0.queueDepth() } == (queued: 1, leased: 0))

            let queuedDue = "SELECT id FROM jobs WHERE status = 'queued' AND available_at <= 9000 ORDER BY available_at, id LIMIT 10"
            let expiredLeases = "SELECT id FROM jobs WHERE status = 'leased' AND lease_expires_at < 9000 ORDER BY lease_expires_at, id LIMIT 10"
            let plans = try await store.transaction { session -> [String] in
                var plans: [String] = []
                for query in [queuedDue, expiredLeases] {
                    if session.dialect == .sqlite {
                        let rows = try await session.rows(SQLQueryString("EXPLAIN QUERY PLAN " + query))
                        plans.append(try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; "))
                    } else {
                        // A handful of rows would make a sequential scan the cheaper plan; ask which index it would use.
                        try await session.run("SET LOCAL enable_seqscan = off")
                        let rows = try await session.rows(SQLQueryString("EXPLAIN " + query))
                        plans.append(try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "; "))
                    }
                }
                return plans
            }
            #expect(plans[0].contains("jobs_queued_due"), "due jobs come from the partial index of queued jobs: \(plans[0])")
            #expect(plans[1].contains("jobs_leased_expiry"), "expired leases come from the partial index of leased jobs: \(plans[1])")
            for plan in plans {
                #expect(!plan.contains("TEMP B-TREE") && !plan.contains("Sort"), "the index gives the order; nothing is sorted: \(plan)")
            }
        }
    }
}

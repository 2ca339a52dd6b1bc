import Foundation
import LooseJSON
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// An event and the runs it starts are written as one unit — one statement on PostgreSQL, a transaction on SQLite —
/// with the same rows on both; a redelivered event writes nothing.
@Suite struct EventIngestTests {
    static func plan(_ externalID: String, runs: [(id: String, flow: String, steps: [(id: String, action: String)])]) -> EventIngest {
        let event = EventRecord(id: "ev-\(externalID)", source: "zendesk", type: "ticket.created", externalID: externalID, connection: "main",
                                context: ["ticket": ["id": 42, "subject": "Where is my \"book\"?"]], occurredAt: 90, receivedAt: 100)
        return EventIngest(event: event, runs: runs.map { run in
            EventIngest.PlannedRun(id: run.id, flow: run.flow, flowVersion: "v1", steps: run.steps,
                                   firstJob: JobRecord(id: "job-\(run.id)", runID: run.id, stepIndex: 0, maxAttempts: 5, retry: #"{"backoff":1}"#,
                                                       availableAt: 100_000))
        })
    }

    @Test(arguments: TestDatabase.available)
    func aNewEventIsStoredWithEachRunItsStepsAndItsFirstJob(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let plan = Self.plan("t-1", runs: [("run-1", "note", [("note", "zendesk.add_comment"), ("tag", "zendesk.update_ticket")]),
                                              ("run-2", "log", [("log", "core.log")])])
            #expect(try await store.ingest(plan, now: 100) == EventIngestResult(inserted: true, runIDs: ["run-1", "run-2"]))

            let event = try #require(try await store.session { try await $0.event(id: "ev-t-1") })
            #expect(event.externalID == "t-1" && event.connection == "main" && event.occurredAt == 90 && event.receivedAt == 100)
            #expect(event.context == plan.event.context)
            let run = try #require(try await store.session { try await $0.run(id: "run-1") })
            #expect(run.flow == "note" && run.flowVersion == "v1" && run.eventID == "ev-t-1" && run.status == "running" && run.stepCount == 2)
            #expect(run.createdAt == 100)
            let steps = try await store.session { try await $0.steps(runID: "run-1") }
            #expect(steps.map(\.stepID) == ["note", "tag"])
            #expect(steps.map(\.action) == ["zendesk.add_comment", "zendesk.update_ticket"])
            #expect(steps.allSatisfy { $0.status == "pending" && $0.attempts == 0 })
            let jobs = try await store.session { try await $0.jobs(runID: "run-1") }
            #expect(jobs.count == 1)
            let job = try #require(jobs.first)
            #expect(job.id == "job-run-1" && job.stepIndex == 0 && job.status == "queued" && job.maxAttempts == 5 && job.availableAt == 100_000)
            #expect(job.retry == #"{"backoff":1}"#)
            #expect(try await store.session { try await $0.steps(runID: "run-2") }.map(\.action) == ["core.log"])
            #expect(try await store.session { try await $0.jobs(runID: "run-2") }.map(\.id) == ["job-run-2"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRedeliveredEventWritesNothing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            #expect(try await store.ingest(Self.plan("t-2", runs: [("run-a", "note", [("note", "zendesk.add_comment")])]), now: 100).inserted)
            // The same event again, planned with new run ids (as a redelivery would be): nothing new is stored.
            let again = try await store.ingest(Self.plan("t-2", runs: [("run-b", "note", [("note", "zendesk.add_comment")])]), now: 200)
            #expect(again == EventIngestResult(inserted: false, runIDs: []))
            #expect(try await store.session { try await $0.run(id: "run-b") } == nil)
            #expect(try await store.session { try await $0.jobs(runID: "run-b") }.isEmpty)
            #expect(try await store.session { try await $0.steps(runID: "run-b") }.isEmpty)
            #expect(try await store.session { try await $0.jobs(runID: "run-a") }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEventNoFlowMatchesIsStoredAlone(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let result = try await store.ingest(Self.plan("t-3", runs: []), now: 100)
            #expect(result == EventIngestResult(inserted: true, runIDs: []))
            #expect(try await store.session { try await $0.event(id: "ev-t-3") } != nil)
        }
    }
}

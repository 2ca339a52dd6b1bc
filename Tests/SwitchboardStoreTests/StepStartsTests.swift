import Foundation
import LooseJSON
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// A leased batch's step starts and outbox intents are recorded with the same effects on both databases (one
/// statement on PostgreSQL), whichever of the two the batch has.
@Suite struct StepStartsTests {
    @Test(arguments: TestDatabase.available)
    func startsAloneIntentsAloneAndBothTogetherAreRecorded(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            for runID in ["run-a", "run-b", "run-c"] { _ = try await JobQueueTests.makeRun(store, runID: runID, steps: 2) }

            // Starts only (actions without side effects): no outbox rows.
            var startsOnly = StepStarts()
            startsOnly.steps = [StepStarts.Start(runID: "run-a", stepIndex: 0, input: ["message": "a \"quoted\" é"]),
                                StepStarts.Start(runID: "run-b", stepIndex: 1, input: ["n": 2])]
            try await store.transaction { [startsOnly] in try await $0.record(startsOnly, now: 50) }

            // Intents only, then both in one go.
            var intentsOnly = StepStarts()
            intentsOnly.intents = [(key: "run-x:0", action: "zendesk.add_comment")]
            try await store.transaction { [intentsOnly] in try await $0.record(intentsOnly, now: 60) }
            var both = StepStarts()
            both.steps = [StepStarts.Start(runID: "run-c", stepIndex: 0, input: ["ticket_id": 9], inputText: #"{"ticket_id":9}"#)]
            both.intents = [(key: "run-c:0", action: "zendesk.add_comment"), (key: "run-x:0", action: "zendesk.add_comment")]
            try await store.transaction { [both] in try await $0.record(both, now: 70) }
            try await store.transaction { try await $0.record(StepStarts(), now: 80) }

            let a = try await store.session { try await $0.steps(runID: "run-a") }
            #expect(a.map(\.status) == ["running", "pending"])
            #expect(a[0].input == ["message": "a \"quoted\" é"] && a[0].startedAt == 50)
            let b = try await store.session { try await $0.steps(runID: "run-b") }
            #expect(b.map(\.status) == ["pending", "running"])
            #expect(b[1].input == ["n": 2])
            let c = try await store.session { try await $0.steps(runID: "run-c") }
            #expect(c[0].status == "running" && c[0].input == ["ticket_id": 9] && c[0].startedAt == 70)
            #expect(try await store.session { try await $0.outboxState(key: "run-c:0") } == .intent)
            #expect(try await store.session { try await $0.outboxState(key: "run-x:0") } == .intent, "a second intent for the same key is ignored")
            #expect(try await store.session { try await $0.outboxState(key: "run-a:0") } == .none)
        }
    }
}

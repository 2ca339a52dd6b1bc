import Foundation
import LooseJSON
@testable import SwitchboardStore
import SwitchboardTestSupport
import Synchronization
import Testing

/// On PostgreSQL, webhooks accepted while one is being written share the next statement, and each caller still gets
/// its own result: a redelivery in the same batch is refused like a later one, and a bad webhook fails alone.
@Suite struct EventIngestBatchTests {
    /// A count for each of two nodes.
    final class PerNode: Sendable {
        private let counts = Mutex([0, 0])
        var values: [Int] { counts.withLock { $0 } }
        /// Count one more for `node`; returns its new count.
        func add(_ node: Int) -> Int { counts.withLock { $0[node] += 1; return $0[node] } }
    }

    /// The nodes' batchers, once made, for their blockers to watch.
    final class Held: Sendable {
        private let batchers = Mutex<[EventIngestBatches]>([])
        func hold(_ nodes: [EventIngestBatches]) { batchers.withLock { $0 = nodes } }
        /// What each node's batcher has been handed so far.
        var submitted: [Int] { batchers.withLock { $0.map(\.submitted) } }
    }

    /// How many statements a batcher ran.
    final class Statements: Sendable {
        private let count = Atomic(0)
        var value: Int { count.load(ordering: .relaxed) }
        /// Count one more; true for the first.
        func add() -> Bool { count.add(1, ordering: .relaxed).newValue == 1 }
    }

    /// Delivery `index` of a ticket event; `external` names the Zendesk event (two deliveries of one event share it).
    static func delivery(_ index: Int, external: String, runs: Int, connection: String? = "main", node: String = "") -> EventIngest {
        let event = EventRecord(id: "ev-\(node)\(index)", source: "zendesk", type: "ticket.created", externalID: external, connection: connection,
                                context: ["ticket": ["id": .number(Double(index))]], occurredAt: 10, receivedAt: 20 + Int64(index))
        return EventIngest(event: event, runs: (0..<runs).map { run in
            let id = "run-\(node)\(index)-\(run)"
            return EventIngest.PlannedRun(id: id, flow: "flow-\(run)", flowVersion: "v\(run)", steps: (0...run).map { ("s\($0)", "core.log") },
                                          firstJob: JobRecord(id: "job-\(id)", runID: id, stepIndex: 0, maxAttempts: 3 + run, retry: #"{"n":\#(run)}"#,
                                                              availableAt: 1_000 + Int64(index)))
        })
    }

    /// A batcher over `store` whose first statement waits until `expected` ingests have been handed over, so that the
    /// rest queue behind it; `statements` counts the statements it ran.
    static func heldBatcher(_ store: Store, expected: Int, statements: Statements, firstAnswer: [EventIngestResult]? = nil) -> EventIngestBatches {
        let batches = Mutex<EventIngestBatches?>(nil)
        let batcher = EventIngestBatches { body in
            if statements.add() {
                while (batches.withLock { $0 })?.submitted ?? 0 < expected { try await Task.sleep(for: .milliseconds(2)) }
                if let firstAnswer { return firstAnswer }
            }
            return try await store.session(body)
        }
        batches.withLock { $0 = batcher }
        return batcher
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func webhooksAcceptedTogetherShareOneStatementAndKeepTheirOwnResults() async throws {
        try await TestDatabase.postgres.withStore { store in
            // An event stored earlier, redelivered now.
            #expect(try await store.ingest(Self.delivery(100, external: "zen-0", runs: 1), now: 5).inserted)
            let count = 24
            // Deliveries 0 and 1 are the same Zendesk event; 2 repeats the stored one; every third starts no run, the
            // others one or two runs of one or two steps; delivery 5 has no connection.
            let deliveries = (0..<count).map { index in
                Self.delivery(index, external: index <= 1 ? "zen-pair" : index == 2 ? "zen-0" : "zen-x\(index)", runs: index % 3,
                              connection: index == 5 ? nil : "main")
            }
            let statements = Statements()
            // A first statement, for an unrelated webhook, answers without writing once all the deliveries have
            // queued behind it, so they all go in the second: the pair shares one statement.
            let batcher = Self.heldBatcher(store, expected: count + 1, statements: statements, firstAnswer: [EventIngestResult(inserted: true, runIDs: [])])
            let blocker = Task { try await batcher.ingest(Self.delivery(99, external: "zen-blocker", runs: 0), now: 1) }
            while batcher.waiting == 0, statements.value == 0 { try await Task.sleep(for: .milliseconds(1)) }
            let results = try await withThrowingTaskGroup(of: (Int, EventIngestResult).self) { group in
                for (index, delivery) in deliveries.enumerated() {
                    group.addTask { (index, try await batcher.ingest(delivery, now: 1_000 + Int64(index))) }
                }
                return try await group.reduce(into: [Int: EventIngestResult]()) { $0[$1.0] = $1.1 }
            }
            #expect(try await blocker.value.inserted)
            #expect(statements.value == 2, "the blocker's statement, then every delivery together (one each would be \(count + 1))")

            let firstOfPair = results[0]?.inserted == true ? 0 : 1
            #expect(results[0]?.inserted != results[1]?.inserted, "one delivery of the event in the batch is stored, the other refused")
            #expect(results[2] == EventIngestResult(inserted: false, runIDs: []), "an event stored earlier is refused")
            for index in 0..<count {
                let delivery = deliveries[index]
                let stored = try await store.session { try await $0.event(id: delivery.event.id) }
                let expectedNew = index >= 3 || index == firstOfPair
                if expectedNew {
                    #expect(results[index] == EventIngestResult(inserted: true, runIDs: delivery.runs.map(\.id)), "\(index)")
                    #expect(stored == delivery.event, "\(index)")
                } else {
                    #expect(results[index]?.inserted == false && stored == nil, "\(index)")
                }
                for run in delivery.runs {
                    let record = try await store.session { try await $0.run(id: run.id) }
                    let steps = try await store.session { try await $0.steps(runID: run.id) }
                    let jobs = try await store.session { try await $0.jobs(runID: run.id) }
                    if expectedNew {
                        #expect(record?.flow == run.flow && record?.flowVersion == run.flowVersion && record?.eventID == delivery.event.id, "\(run.id)")
                        #expect(record?.status == "running" && record?.stepCount == run.steps.count && record?.createdAt == 1_000 + Int64(index), "\(run.id)")
                        #expect(steps.map(\.stepID) == run.steps.map(\.id) && steps.allSatisfy { $0.status == "pending" }, "\(run.id)")
                        #expect(jobs.map(\.id) == [run.firstJob.id], "\(run.id)")
                        #expect(jobs.first?.maxAttempts == run.firstJob.maxAttempts && jobs.first?.retry == run.firstJob.retry, "\(run.id)")
                        #expect(jobs.first?.availableAt == run.firstJob.availableAt && jobs.first?.status == "queued", "\(run.id)")
                    } else {
                        #expect(record == nil && steps.isEmpty && jobs.isEmpty, "a refused delivery's runs are not written: \(run.id)")
                    }
                }
            }
            #expect(try await store.session { try await $0.event(id: "ev-5") }?.connection == nil)
        }
    }

    /// A batch whose statement fails is written again one webhook at a time: the good ones are stored and only the
    /// bad one fails.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func oneBadWebhookFailsAloneAndTheOthersAreStored() async throws {
        try await TestDatabase.postgres.withStore { store in
            let statements = Statements()
            // The first statement, for an unrelated webhook, answers without writing, once all three have queued.
            let batcher = Self.heldBatcher(store, expected: 4, statements: statements, firstAnswer: [EventIngestResult(inserted: true, runIDs: [])])
            let blocker = Task { try await batcher.ingest(Self.delivery(99, external: "zen-blocker", runs: 0), now: 1) }
            while batcher.waiting == 0, statements.value == 0 { try await Task.sleep(for: .milliseconds(1)) }
            let results = await withTaskGroup(of: (Int, Result<EventIngestResult, any Error>).self) { group in
                for index in 0..<3 {
                    // PostgreSQL text cannot hold a NUL character: any statement with this webhook in it fails.
                    let delivery = Self.delivery(index, external: index == 1 ? "zen-\u{0}" : "zen-\(index)", runs: 1)
                    group.addTask {
                        do { return (index, .success(try await batcher.ingest(delivery, now: 50))) } catch { return (index, .failure(error)) }
                    }
                }
                return await group.reduce(into: [Int: Result<EventIngestResult, any Error>]()) { $0[$1.0] = $1.1 }
            }
            #expect(try await blocker.value.inserted)
            for index in 0..<3 {
                switch results[index] {
                case .success(let result): #expect(index != 1 && result == EventIngestResult(inserted: true, runIDs: ["run-\(index)-0"]), "\(index)")
                case .failure: #expect(index == 1, "\(index)")
                case nil: Issue.record("no result for \(index)")
                }
                let stored = try await store.session { try await $0.event(id: "ev-\(index)") }
                #expect((stored != nil) == (index != 1), "\(index)")
            }
            #expect(statements.value == 1 + 1 + 3, "the blocker, the failed batch, then each webhook alone")
        }
    }

    /// Two nodes accept deliveries of the same 40 events at the same moment, in opposite orders (Zendesk delivers at
    /// least once, and a load balancer may send the copies to different nodes): each event is stored once, with the
    /// runs of the delivery that won, and neither node's batch fails on the other's rows (a failed batch would show as
    /// one more statement per webhook).
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "needs SWITCHBOARD_TEST_POSTGRES_URL"))
    func twoNodesAcceptingTheSameEventsInOppositeOrdersStoreEachOnce() async throws {
        try await TestDatabase.postgres.withStore { first in
            try await Store.using(first.location) { second in
                let count = 40
                let statements = PerNode()
                let held = Held()
                func batcher(_ store: Store, _ node: Int) -> EventIngestBatches {
                    EventIngestBatches { body in
                        if statements.add(node) == 1 {
                            // Both nodes' blockers wait until every delivery has queued on both, then both batches go.
                            while held.submitted.min() ?? 0 < count + 1 { try await Task.sleep(for: .milliseconds(1)) }
                            return [EventIngestResult(inserted: true, runIDs: [])]
                        }
                        return try await store.session(body)
                    }
                }
                let nodes = [batcher(first, 0), batcher(second, 1)]
                held.hold(nodes)
                let blockers = nodes.map { node in Task { try await node.ingest(Self.delivery(999, external: "zen-blocker", runs: 0, node: "blocker"), now: 1) } }
                while statements.values.min() == 0 { try await Task.sleep(for: .milliseconds(1)) }
                let results = try await withThrowingTaskGroup(of: (Int, Int, EventIngestResult).self) { group in
                    for (node, batches) in nodes.enumerated() {
                        let order = node == 0 ? Array(0..<count) : Array((0..<count).reversed())
                        for index in order {
                            let delivery = Self.delivery(index, external: "zen-\(index)", runs: 1, node: node == 0 ? "a" : "b")
                            group.addTask { (node, index, try await batches.ingest(delivery, now: 100)) }
                        }
                    }
                    return try await group.reduce(into: [[Int: EventIngestResult]](repeating: [:], count: 2)) { $0[$1.0][$1.1] = $1.2 }
                }
                for blocker in blockers { _ = try await blocker.value }
                #expect(statements.values == [2, 2], "each node: its blocker, then all its deliveries in one statement that did not fail")
                for index in 0..<count {
                    let won = try #require(results[0][index], "\(index)").inserted ? 0 : 1
                    let lost = 1 - won
                    let winner = won == 0 ? "a" : "b"
                    let loser = lost == 0 ? "a" : "b"
                    #expect(results[lost][index] == EventIngestResult(inserted: false, runIDs: []), "\(index)")
                    #expect(results[won][index] == EventIngestResult(inserted: true, runIDs: ["run-\(winner)\(index)-0"]), "\(index)")
                    #expect(try await first.session { try await $0.event(id: "ev-\(winner)\(index)") }?.externalID == "zen-\(index)")
                    #expect(try await first.session { try await $0.event(id: "ev-\(loser)\(index)") } == nil)
                    #expect(try await first.session { try await $0.jobs(runID: "run-\(winner)\(index)-0") }.count == 1)
                    #expect(try await first.session { try await $0.run(id: "run-\(loser)\(index)-0") } == nil)
                }
                let stored = try await first.session { try await $0.eventCount(source: "zendesk") }
                #expect(stored == count)
            }
        }
    }
}

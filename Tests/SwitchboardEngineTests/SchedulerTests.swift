import Foundation
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Schedules fire each slot once, however many nodes run a scheduler.
@Suite struct SchedulerTests {
    static let flow = """
        name: morning-digest
        trigger:
          schedule: { daily: "08:00", timezone: Europe/London }
        actions:
          - action: core.log
            with: { message: "digest for {{schedule.slot}}" }
        """

    @Test(arguments: TestDatabase.available)
    func fourNodesFireEachSlotExactlyOnce(_ database: TestDatabase) async throws {
        let (loaded, diagnostics) = FlowLoader.load(text: Self.flow, file: "digest.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let flow = try #require(loaded)
        try await database.withStore { store in
            let runtime = FlowRuntime(store: store, flows: FlowRegistry([flow]))
            let nodes = (0..<4).map { Scheduler(runtime: runtime, node: "node-\($0)") }
            // 2026-07-01 07:10:00 UTC is 08:10 in London (BST): the 08:00 slot is due.
            let now = Date(timeIntervalSince1970: 1_782_889_800)
            let fired = try await withThrowingTaskGroup(of: Bool.self) { group in
                for node in nodes { group.addTask { try await node.fireDueSlot(flow, now: now) } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(fired == 1)
            // Later ticks within the same slot fire nothing.
            #expect(try await nodes[2].fireDueSlot(flow, now: now.addingTimeInterval(120)) == false)
            let runs = try await store.session { try await $0.runs(flow: "morning-digest") }
            #expect(runs.count == 1)
            let event = try #require(try await store.session { try await $0.event(id: runs[0].eventID) })
            #expect(event.context["schedule"]?["slot"]?.stringValue == "2026-07-01T07:00:00Z")
            // A node that comes back long after a slot skips it rather than firing late.
            #expect(try await nodes[0].fireDueSlot(flow, now: now.addingTimeInterval(86_400 + 3_600)) == false)
            // The next day's slot fires once.
            #expect(try await nodes[1].fireDueSlot(flow, now: now.addingTimeInterval(86_400)) == true)
            #expect(try await nodes[3].fireDueSlot(flow, now: now.addingTimeInterval(86_400 + 1)) == false)
        }
    }
}

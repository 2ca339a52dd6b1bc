import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Follow-ups on their own: the ladder a flow writes, the store's state changes on both databases, and the chaser
/// firing each rung exactly once — also when two chasers race, or a node was down through several rungs.
@Suite struct FollowUpTests {
    @Test func aLadderIsReadFromDurationsOrHoursAndBadRungsAreNamed() throws {
        let ladder = try FollowUpLadder(parsing: try JSONValue.parse(#"[{"after": "48h", "stage": "escalation", "roles": ["editor"]}, {"after": 1.5}, {"after": "90m", "label": "nudge"}]"#))
        #expect(ladder.stages.map(\.after) == [5400, 5400, 172_800])
        #expect(ladder.stages.map(\.kind) == [.reminder, .reminder, .escalation])
        #expect(ladder.stages.last?.roles == ["editor"])
        #expect(ladder.counts(through: 2) == (2, 1))
        #expect(try FollowUpLadder(parsing: ladder.json) == ladder, "the stored form reads back")
        #expect(throws: FollowUpLadderError.self) { try FollowUpLadder(parsing: try JSONValue.parse(#"[{"after": "soon"}]"#)) }
        #expect(throws: FollowUpLadderError.self) { try FollowUpLadder(parsing: try JSONValue.parse(#"[{"after": "1h", "stage": "escalation"}]"#)) }
        #expect(throws: FollowUpLadderError.self) { try FollowUpLadder(parsing: try JSONValue.parse(#"[{"after": "1h", "stage": "shout"}]"#)) }
        #expect(throws: FollowUpLadderError("ladder[1] is an escalation but names no roles to escalate to")) {
            try FollowUpLadder(parsing: try JSONValue.parse(#"[{"after": "1h"}, {"after": "1h", "stage": "escalation"}]"#))
        }
    }

    @Test func deadlineRemindersFallOnTMinus3TMinus1AndEveryOverdueDayEscalatingAfterTwo() {
        let rule = DeadlineReminderRule()
        func reminder(_ due: String, status: String = "open", kind: String = "delivery") -> DeadlineReminderRule.Reminder? {
            rule.reminder(for: PublishingMilestone(name: "m", kind: kind, dueOn: due, status: status, createdAt: 0), today: "2027-05-10")
        }
        #expect(reminder("2027-05-13")?.stage == .before)
        #expect(reminder("2027-05-13")?.days == 3)
        #expect(reminder("2027-05-11")?.days == 1)
        #expect(reminder("2027-05-12") == nil)
        #expect(reminder("2027-05-10") == nil, "the due day itself is neither before nor overdue")
        #expect(reminder("2027-05-09")?.overdueCount == 1)
        #expect(reminder("2027-05-09")?.escalate == false)
        #expect(reminder("2027-05-08")?.escalate == false)
        #expect(reminder("2027-05-07")?.escalate == true)
        #expect(reminder("2027-05-07", status: "done") == nil)
        #expect(reminder("2027-01-01") == nil, "older than 60 days is history")
        var kinds = DeadlineReminderRule(kinds: ["approval"])
        kinds.escalateAfter = 0
        #expect(kinds.reminder(for: PublishingMilestone(name: "m", kind: "delivery", dueOn: "2027-05-09", createdAt: 0), today: "2027-05-10") == nil)
        #expect(kinds.reminder(for: PublishingMilestone(name: "m", kind: "approval", dueOn: "2027-05-09", createdAt: 0), today: "2027-05-10")?.escalate == true)
        #expect(rule.window(today: "2027-05-10") == ("2027-03-11", "2027-05-13"))
    }

    static let flow = """
        name: chase
        trigger:
          switchboard: { events: [followup.due] }
        actions:
          - action: core.log
            with:
              message: "{{followup.key}} {{followup.stage}} {{followup.stage_index}} {{followup.roles}}"
        """

    @Test(arguments: TestDatabase.available)
    func eachRungFiresOnceInOrderEvenWhenTwoChasersRaceAndAnAnswerStopsTheRest(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (flow, diagnostics) = FlowLoader.load(text: Self.flow, file: "chase.yaml")
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            let runtime = FlowRuntime(store: store, flows: FlowRegistry([try #require(flow)]))
            let start: Int64 = 1_800_000_000
            let ladder = FollowUpLadder([.init(after: 60, kind: .reminder), .init(after: 120, kind: .reminder), .init(after: 180, kind: .escalation, roles: ["editor"])])
            let opened = try await store.session { try await $0.openFollowUp(FollowUp(key: "rights_review:r1", kind: "rights_approval", ladder: ladder, startedAt: start)) }
            #expect(opened.created)
            #expect(try await store.session { try await $0.openFollowUp(FollowUp(key: "rights_review:r1", kind: "x", ladder: ladder, startedAt: start + 5)) }.created == false)
            let other = try await store.session { try await $0.openFollowUp(FollowUp(key: "blocked:b1", kind: "blocked_title", ladder: ladder, startedAt: start)) }
            #expect(other.created)

            let chasers = [FollowUpChaser(runtime: runtime), FollowUpChaser(runtime: runtime)]
            #expect(try await chasers[0].tick(now: Date(timeIntervalSince1970: TimeInterval(start + 59))) == 0)
            // Down through two rungs: both fire, in order, once, however many chasers look.
            async let first = chasers[0].tick(now: Date(timeIntervalSince1970: TimeInterval(start + 125)))
            async let second = chasers[1].tick(now: Date(timeIntervalSince1970: TimeInterval(start + 125)))
            #expect(try await first + second == 4)
            let events = try await store.session { try await $0.events(source: "switchboard", limit: 50) }.filter { $0.type == "followup.due" }
            #expect(Set(events.map(\.externalID)) == ["followup:\(opened.followUp.id):stage:1", "followup:\(opened.followUp.id):stage:2",
                                                       "followup:\(other.followUp.id):stage:1", "followup:\(other.followUp.id):stage:2"])

            // An answer stops the first; the second escalates and is exhausted.
            let answered = try await store.session { try await $0.answerFollowUp(key: "rights_review:r1", answer: "approve", by: "wac_1", at: start + 130) }
            #expect(answered?.status == .answered)
            #expect(try await store.session { try await $0.answerFollowUp(key: "rights_review:r1", answer: "decline", by: "wac_1", at: start + 131) } == nil)
            #expect(try await chasers[1].tick(now: Date(timeIntervalSince1970: TimeInterval(start + 500))) == 1)
            let escalation = try #require(try await store.session { try await $0.events(source: "switchboard", limit: 50) }
                .first { $0.externalID == "followup:\(other.followUp.id):stage:3" })
            #expect(escalation.context["followup"]?["stage"] == "escalation")
            #expect(escalation.context["followup"]?["roles"] == .array(["editor"]))
            #expect(escalation.context["followup"]?["last"] == .bool(true))
            #expect(escalation.context["followup"]?["reminders"] == .number(2))
            #expect(try await store.session { try await $0.followUp(key: "blocked:b1") }?.status == .exhausted)
            #expect(try await store.session { try await $0.followUp(key: "rights_review:r1") }?.answer == "approve")
            #expect(try await chasers[0].tick(now: Date(timeIntervalSince1970: TimeInterval(start + 10_000))) == 0)
            // Every rung started a run of the flow.
            #expect(try await store.session { try await $0.runs(flow: "chase", limit: 50) }.count == 5)

            // A closed key is opened afresh when the same request is asked again.
            #expect(try await store.session { try await $0.openFollowUp(FollowUp(key: "blocked:b1", kind: "blocked_title", ladder: ladder, startedAt: start + 9000)) }.created)
            #expect(try await store.session { try await $0.closeFollowUp(key: "blocked:b1", reason: "cleared", at: start + 9001) }?.closedReason == "cleared")
        }
    }
}

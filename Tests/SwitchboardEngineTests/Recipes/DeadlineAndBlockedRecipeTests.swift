import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipes deadline-reminders (Consonance → WhatsApp 3) and blocked-titles (Consonance → WhatsApp 8), end to end
/// over real HTTP between the Consonance and WhatsApp sandboxes.
@Suite struct DeadlineAndBlockedRecipeTests {
    static let designer = "447700900401"
    static let coordinator = "447700900402"
    static let editor = "447700900403"
    static let owner = "447700900404"

    static func day(_ date: Date, plus days: Int) -> String {
        PublishingRules.isoDay(date.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    /// The milestone names in the reminders `waID` received with `template`.
    static func milestones(_ harness: RecipeHarness, _ waID: String, template: String) throws -> [String] {
        try harness.messages(to: waID).filter { $0.templateName == template }.map { $0.templateParameters.first ?? "" }
    }

    @Test func remindersComeAtTMinus3TMinus1AndDailyWhenOverdueThenTheCoordinatorIsEscalatedToUntilDone() async throws {
        try await RecipeHarness.with(recipes: ["deadline-reminders": [:]], whatsapp: true) { harness in
            let isbn = "9780306406157"
            try await harness.addContact("Dee Designer", waID: Self.designer, roles: [.designer], isbn13: isbn)
            try await harness.addContact("Cole Coordinator", waID: Self.coordinator, roles: [.coordinator], isbn13: isbn)
            try await harness.addContact("Eli Editor", waID: Self.editor, roles: [.editor], isbn13: isbn)
            let today = try #require(PublishingRules.date("2027-05-10"))
            var ids: [String: String] = [:]
            for (name, offset, done) in [("Cover in 3", 3, false), ("Proofs in 1", 1, false), ("Index in 2", 2, false), ("Files 1 late", -1, false),
                                         ("Print 3 late", -3, false), ("Done 3 late", -3, true)] {
                var milestone = PublishingMilestone(name: name, kind: "delivery", dueOn: Self.day(today, plus: offset), isbn13: isbn, title: "The Last Island",
                                                    createdAt: Int64(Date().timeIntervalSince1970))
                if done { milestone.status = "done" }
                ids[name] = try await harness.records.saveMilestone(milestone, link: false).id
            }
            let morning = today.addingTimeInterval(8 * 3600)
            try await harness.fireSchedule("deadline-reminders", at: morning)
            try await harness.settle()
            #expect(Set(try Self.milestones(harness, Self.designer, template: "deadline_reminder")) == ["Cover in 3", "Proofs in 1", "Files 1 late", "Print 3 late"])
            #expect(Set(try Self.milestones(harness, Self.coordinator, template: "deadline_reminder")) == ["Cover in 3", "Proofs in 1", "Files 1 late"])
            let escalations = try harness.messages(to: Self.coordinator).filter { $0.templateName == "switchboard_notice" }
            #expect(escalations.count == 1)
            #expect(escalations.first?.templateParameters.first?.contains("Print 3 late") == true)
            #expect(escalations.first?.templateParameters.first?.contains("3 days overdue") == true)
            #expect(try harness.messages(to: Self.editor).isEmpty)
            let overdue = try harness.messages(to: Self.designer).first { $0.templateParameters.first == "Files 1 late" }
            #expect(overdue?.templateParameters == ["Files 1 late", "The Last Island", "\(Self.day(today, plus: -1)) (1 days overdue)"])

            // The same day again (another slot): nothing new.
            try await harness.fireSchedule("deadline-reminders", at: morning.addingTimeInterval(3600))
            try await harness.settle()
            #expect(try harness.messages(to: Self.designer).count == 4)

            // Next day: the late files are delivered (done), so the print run is reminded and escalated again, and the
            // index (due the day after) gets its T-1 reminder.
            _ = try await harness.records.setMilestoneDone(id: try #require(ids["Files 1 late"]))
            try await harness.fireSchedule("deadline-reminders", at: morning.addingTimeInterval(86_400))
            try await harness.settle()
            #expect(try Self.milestones(harness, Self.designer, template: "deadline_reminder").filter { $0 == "Files 1 late" }.count == 1)
            #expect(try Self.milestones(harness, Self.designer, template: "deadline_reminder").filter { $0 == "Print 3 late" }.count == 2)
            #expect(try harness.messages(to: Self.coordinator).filter { $0.templateName == "switchboard_notice" }.count == 2)
            #expect(try Self.milestones(harness, Self.designer, template: "deadline_reminder").filter { $0 == "Index in 2" }.count == 1)
            #expect(try harness.messages(to: Self.designer).count == 6)
        }
    }

    /// A contract whose manuscript is late, with its title's owner, coordinator and editor in the directory.
    /// The follow-up of the late contract's blocked-title alert (the catalogue may have other late contracts).
    static func followUp(_ harness: RecipeHarness, contract: Int) async throws -> FollowUp? {
        try await harness.store.session { try await $0.followUp(key: "blocked:contract:\(contract):delivery") }
    }

    static func lateContract(_ harness: RecipeHarness) async throws -> (contractID: Int, title: String) {
        try await harness.poll()
        let today = harness.consonance.today
        let contract = try #require(harness.consonance.contracts().first)
        let work = try #require(harness.consonance.work(id: contract.workID))
        for (name, waID, role) in [("Owen Owner", owner, ContactRole.productionLead), ("Cole Coordinator", coordinator, .coordinator), ("Eli Editor", editor, .editor)] {
            try await harness.addContact(name, waID: waID, roles: [role], workID: Int64(work.id))
        }
        try harness.consonance.setContract(id: contract.id) { dates in
            dates.msDeliveryDate = today.adding(days: -12)
            dates.revisedMsDeliveryDate = nil
            dates.actualMsDeliveryDate = nil
        }
        return (contract.id, work.title)
    }

    @Test func anUnacknowledgedBlockedTitleClimbsTheLadderAtTheConfiguredTimes() async throws {
        // The ladder counts from when the follow-up opened, just before the alert is sent; on a loaded machine (a full
        // parallel test run on two cores) that send has been seen to take over a second, so the first rung is 3 s out.
        let ladder = "[{after: 3s, stage: escalation, roles: [coordinator]}, {after: 5s, stage: escalation, roles: [editor]}]"
        try await RecipeHarness.with(recipes: ["blocked-titles": ["ladder": ladder]], whatsapp: true) { harness in
            let (_, title) = try await Self.lateContract(harness)
            try await harness.poll()
            try await harness.settle()
            let alert = try #require(try harness.messages(to: Self.owner).first)
            #expect(alert.templateName == "title_blocked")
            #expect(alert.templateParameters.first == title)
            #expect(alert.templateParameters.last?.contains("12 days late") == true || alert.templateParameters.last?.contains("overdue") == true,
                    "\(alert.templateParameters)")
            #expect(alert.buttons.map(\.id) == ["acknowledge"])

            #expect(try await harness.eventually(timeout: .seconds(60)) { try harness.messages(to: Self.editor).count == 1 })
            try await harness.settle()
            #expect(try harness.messages(to: Self.coordinator).count == 1)
            #expect(try harness.messages(to: Self.coordinator).first?.templateParameters.last?.contains("escalation 1") == true)
            #expect(try harness.messages(to: Self.editor).first?.templateParameters.last?.contains("escalation 2") == true)
            #expect(try harness.messages(to: Self.owner).count == 1)
            // The rungs came in the ladder's order, after the alert.
            let escalated = try #require(try harness.messages(to: Self.coordinator).first?.acceptedAt)
            #expect(alert.acceptedAt <= escalated)
            #expect(escalated <= (try #require(try harness.messages(to: Self.editor).first?.acceptedAt)))
        }
    }

    /// The chaser as a node runs it, asked about a time after every rung would have fallen due.
    @discardableResult
    static func chaseLater(_ harness: RecipeHarness) async throws -> Int {
        try await FollowUpChaser(runtime: FlowRuntime(store: harness.store, flows: harness.flows)).tick(now: Date().addingTimeInterval(2 * 3600))
    }

    @Test func anAcknowledgedAlertStopsClimbing() async throws {
        try await RecipeHarness.with(recipes: ["blocked-titles": ["ladder": "[{after: 1h, stage: escalation, roles: [coordinator]}]"]], whatsapp: true) { harness in
            let (contractID, _) = try await Self.lateContract(harness)
            try await harness.poll()
            try await harness.settle()
            try harness.tap("acknowledge", latestTo: Self.owner)
            #expect(try await harness.eventually { try await Self.followUp(harness, contract: contractID)?.status == .answered })
            try await Self.chaseLater(harness)
            try await harness.settle()
            #expect(try harness.messages(to: Self.coordinator).isEmpty)
            #expect(try await Self.followUp(harness, contract: contractID)?.status == .answered, "a later rung does not reopen it")
            #expect(try await Self.followUp(harness, contract: contractID)?.answer == "acknowledge")
        }
    }

    @Test func aClearedExceptionClosesTheLadderBeforeItClimbs() async throws {
        try await RecipeHarness.with(recipes: ["blocked-titles": ["ladder": "[{after: 1h, stage: escalation, roles: [coordinator]}]"]], whatsapp: true) { harness in
            let (contractID, _) = try await Self.lateContract(harness)
            try await harness.poll()
            try await harness.settle()
            #expect(try harness.messages(to: Self.owner).count == 1)
            try harness.consonance.markDelivered(contractID: contractID)
            try await harness.poll()
            try await harness.settle()
            let followUp = try #require(try await Self.followUp(harness, contract: contractID))
            #expect(followUp.status == .closed)
            #expect(followUp.closedReason == "the exception cleared")
            try await Self.chaseLater(harness)
            try await harness.settle()
            #expect(try harness.messages(to: Self.coordinator).isEmpty)
        }
    }
}

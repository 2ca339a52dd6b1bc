import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipes stage-notifications (Consonance → WhatsApp 1) and launch-readiness (Consonance → WhatsApp 6), end to end
/// over real HTTP: the Consonance sandbox changes, Switchboard polls it, and the WhatsApp sandbox records what reached
/// each person's phone.
@Suite struct StageAndLaunchRecipeTests {
    @Test func aStageChangeTellsTheTitlesAuthorEditorAndProductionLeadOnce() async throws {
        try await RecipeHarness.with(recipes: ["stage-notifications": [:]], whatsapp: true) { harness in
            try await harness.poll()  // the first import raises no change events
            let work = try #require(harness.consonance.works().first { $0.projectStage == "Editorial" || $0.projectStage == "Acquisition" })
            let workID = Int64(work.id)
            try await harness.addContact("Ada Author", waID: "447700900201", roles: [.author], workID: workID)
            try await harness.addContact("Eli Editor", waID: "447700900202", roles: [.editor], workID: workID)
            try await harness.addContact("Pat Production", waID: "447700900203", roles: [.productionLead], workID: workID)
            try await harness.addContact("Dee Designer", waID: "447700900204", roles: [.designer], workID: workID)
            try await harness.addContact("Oona Opted-out", waID: "447700900205", roles: [.editor], workID: workID, optedIn: false)

            try harness.consonance.setProjectStage(workID: work.id, "Editorial review complete")
            try await harness.poll()
            try await harness.settle()
            for waID in ["447700900201", "447700900202", "447700900203"] {
                let messages = try harness.messages(to: waID)
                #expect(messages.count == 1, "\(waID): \(messages.map(\.templateName))")
                #expect(messages.first?.templateName == "stage_update")
                #expect(messages.first?.templateParameters == [work.title, "Editorial review complete"])
            }
            #expect(try harness.messages(to: "447700900204").isEmpty, "a designer is not among the roles told")
            #expect(try harness.messages(to: "447700900205").isEmpty, "a contact who has not opted in is never messaged")

            // A stage outside the list tells nobody; polling again without a change tells nobody again.
            try harness.consonance.setProjectStage(workID: work.id, "Typesetting")
            try await harness.poll()
            try await harness.poll()
            try await harness.settle()
            #expect(try harness.messages(to: "447700900201").count == 1)

            try harness.consonance.setProjectStage(workID: work.id, "Final proof approved")
            try await harness.poll()
            try await harness.settle()
            #expect(try harness.messages(to: "447700900202").map { $0.templateParameters.last } == ["Editorial review complete", "Final proof approved"])
        }
    }

    @Test func marketingPublicityAndSalesHearOnceWhenTheLaunchChecklistIsComplete() async throws {
        try await RecipeHarness.with(recipes: ["launch-readiness": [:]], whatsapp: true) { harness in
            try await harness.poll()
            let product = try #require(harness.consonance.products().first { $0.isbn13 != nil && $0.publicationDate != nil })
            let isbn = try #require(product.isbn13)
            let work = try #require(harness.consonance.work(id: product.workID))
            try await harness.addContact("Mia Marketing", waID: "447700900211", roles: [.marketing], isbn13: isbn)
            try await harness.addContact("Pia Publicity", waID: "447700900212", roles: [.publicity], isbn13: isbn)
            try await harness.addContact("Sam Sales", waID: "447700900213", roles: [.sales], isbn13: isbn)
            try await harness.addContact("Ed Editor", waID: "447700900214", roles: [.editor], isbn13: isbn)
            var ids: [String: String] = [:]
            for kind in ["cover_files", "jacket_copy", "metadata"] {
                let created = try await harness.adminPost("/api/milestones", ["name": kind.replacingOccurrences(of: "_", with: " ").capitalized, "kind": kind,
                                                                              "due_on": "2027-03-01", "isbn13": isbn, "title": work.title])
                ids[kind] = try #require(created["id"] as? String)
            }
            try await harness.adminPost("/api/milestones/\(ids["cover_files"]!)/done")
            try await harness.adminPost("/api/milestones/\(ids["jacket_copy"]!)/done")
            try await harness.settle()
            #expect(try harness.messages(to: "447700900211").isEmpty, "two of three items done is not ready")

            try await harness.adminPost("/api/milestones/\(ids["metadata"]!)/done")
            try await harness.settle()
            let expectedDate = try #require(harness.consonance.products().filter { $0.workID == product.workID }.compactMap(\.publicationDate).min()).description
            for waID in ["447700900211", "447700900212", "447700900213"] {
                let messages = try harness.messages(to: waID)
                #expect(messages.map(\.templateName) == ["launch_ready"], "\(waID)")
                #expect(messages.first?.templateParameters == [work.title, expectedDate])
            }
            #expect(try harness.messages(to: "447700900214").isEmpty)

            // Reopening an item and finishing it again does not announce the title twice.
            _ = try await harness.records.setMilestoneDone(id: ids["metadata"]!, done: false)
            try await harness.adminPost("/api/milestones/\(ids["metadata"]!)/done")
            try await harness.settle()
            #expect(try harness.messages(to: "447700900211").count == 1)
            let ready = try await harness.store.session { try await $0.events(source: "switchboard", limit: 100) }.filter { $0.type == "title.launch_ready" }
            #expect(ready.count == 1)
        }
    }
}

import Foundation
import SwitchboardStore
import Testing

/// `switchboard demo` is the README's first command: it must work with no setup and show each capability.
@Suite struct DemoTests {
    @Test func theDemoMirrorsRunsAFlowExactlyOnceAndShowsTheConsonanceRecipes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try await CLIProcess(home: directory.path).run(["demo", "--tickets", "300", "--directory", directory.path], timeout: .seconds(480))
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout.contains("3. First sync: the full history."))
        #expect(result.stdout.contains("6. Second sync: only the changes travel."))
        #expect(result.stdout.contains("Zendesk delivered 2 signed requests (1 a duplicate); Switchboard stored 1 event and ran the flow once"), "\(result.stdout)")
        #expect(result.stdout.contains("note → zendesk.add_comment: succeeded"))
        #expect(result.stdout.contains("tag → zendesk.update_ticket: succeeded"))
        #expect(result.stdout.contains("and tags print, switchboard_triaged."))
        #expect(result.stdout.contains(#"{"tickets":301,"#), "the mirror holds the seeded tickets and the new one: \(result.stdout)")
        // The Consonance recipes: title context, an exception opened once and solved, a delay.
        #expect(result.stdout.contains("8. Publishing: Consonance ↔ Zendesk recipes."))
        #expect(result.stdout.contains("| Title context from Consonance (Switchboard)"))
        #expect(result.stdout.contains("Polling again finds it still overdue: 1 ticket, not two."))
        #expect(result.stdout.contains("the next poll clears the exception and the ticket is solved."))
        #expect(result.stdout.contains("is tagged title_delayed with a note"), "\(result.stdout)")
        let runs = try await Store.using(.sqlite(path: directory.file("switchboard.db"))) { store in
            try await store.session { try await $0.runs() }
        }
        #expect(runs.count == 5 && runs.allSatisfy { $0.status == "succeeded" }, "triage-refunds once, then title-context, workflow-exceptions twice and title-delays: \(runs.map(\.flow))")
        #expect(Set(runs.map(\.flow)) == ["triage-refunds", "title-context", "workflow-exceptions", "workflow-exceptions-cleared", "title-delays"])
    }
}

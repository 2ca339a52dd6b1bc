import ConnectorKit
import Foundation
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Changes an incremental sync sees become `zendesk.mirror` events, once each, and start the flows that listen.
@Suite struct MirrorChangeEventTests {
    static let flow = """
        name: on-mirror-comment
        trigger:
          zendesk.mirror:
            events: [comment.added]
        when:
          - field: comment.public
            equals: false
        actions:
          - action: core.log
            with: { message: "note on {{ticket.id}}: {{comment.body}}" }
        """

    @Test(arguments: TestDatabase.available)
    func incrementalChangesBecomeEventsOnceAndBackfillsStayQuiet(_ database: TestDatabase) async throws {
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        let (loaded, diagnostics) = FlowLoader.load(text: Self.flow, file: "mirror.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let registry = FlowRegistry([try #require(loaded)])
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 40)) { sandbox, baseURL in
            try await database.withStore { store in
                let events = MirrorChangeEvents(runtime: FlowRuntime(store: store, flows: registry))
                func sync() async throws {
                    _ = try await ZendeskMirrorSync(store: store, configuration: MirrorSyncTests.configuration(baseURL), transport: transport,
                                                    connection: "default", changeEvents: events).run()
                }
                func mirrorEvents() async throws -> [EventRecord] {
                    try await store.session { try await $0.events(source: "zendesk.mirror", limit: 500) }
                }
                try await sync()
                #expect(try await mirrorEvents().isEmpty, "importing history is not news")

                let open = sandbox.ticketSummaries().filter { $0.status != "closed" && $0.status != "solved" }.map(\.id)
                let (noted, moved) = (open[0], open[1])
                let created = try sandbox.createTicket(subject: "Signed copies?", body: "Do you sell signed copies?")
                try sandbox.addComment(ticketID: noted, body: "Checking with the warehouse", public: false)
                try sandbox.updateTicket(id: moved, status: "pending")
                try await sync()
                let first = try await mirrorEvents()
                let kinds = first.map { "\($0.type) \($0.context["ticket"]?["id"]?.int64Value ?? 0)" }.sorted()
                let expected = ["comment.added \(noted)", "comment.added \(created)", "ticket.created \(created)", "ticket.updated \(noted)", "ticket.updated \(moved)"].sorted()
                #expect(kinds == expected, "\(kinds)")
                let note = try #require(first.first { $0.type == "comment.added" && $0.context["ticket"]?["id"]?.int64Value == noted })
                #expect(note.context["comment"]?["body"]?.stringValue == "Checking with the warehouse")
                #expect(note.context["comment"]?["public"] == .bool(false))
                #expect(note.context["ticket"]?["subject"]?.stringValue != nil, "the comment event carries its ticket")
                #expect(first.first { $0.type == "ticket.updated" && $0.context["ticket"]?["id"]?.int64Value == moved }?.context["ticket"]?["status"]?.stringValue == "pending")

                let runs = try await store.session { try await $0.runs(flow: "on-mirror-comment") }
                #expect(runs.count == 1, "only the internal note matches the flow's condition")

                try await sync()
                #expect(try await mirrorEvents().count == first.count, "a quiet rerun emits nothing")
                // A full re-read updates nothing new, so it emits nothing either.
                _ = try await ZendeskMirrorSync(store: store, configuration: MirrorSyncTests.configuration(baseURL), transport: transport,
                                                connection: "default", options: .init(full: true), changeEvents: events).run()
                #expect(try await mirrorEvents().count == first.count)
            }
        }
    }
}

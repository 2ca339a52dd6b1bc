import Foundation
import LooseJSON
import SwitchboardCore
@testable import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The first-step shortcut: a job leased on the node that accepted its event is prepared from what the webhook's
/// task rendered, and that must be exactly what preparing it from the store gives — same input, same stored text,
/// same skip — on both databases. The cache itself stays bounded.
@Suite struct FirstStepCacheTests {
    static let flows = """
        name: note-on-new
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        actions:
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "{{event.external_id}} at {{event.time}}: {{ticket.subject}}"
              public: false
        ---
        name: skip-unless-urgent
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        actions:
          - id: tag
            action: core.log
            if:
              - field: ticket.priority
                equals: urgent
            with:
              message: "urgent {{ticket.id}}"
        """

    static func registry() throws -> FlowRegistry {
        var loaded: [Flow] = []
        for (index, text) in flows.components(separatedBy: "---\n").enumerated() {
            let (flow, diagnostics) = FlowLoader.load(text: text, file: "flow-\(index).yaml")
            guard let flow else { throw FlowLoadFailure("flow \(index) does not load: \(diagnostics)") }
            loaded.append(flow)
        }
        return FlowRegistry(loaded)
    }

    static let event = Event(id: "ev-1", source: "zendesk.webhook", type: "ticket.created", externalID: "zen-1", connection: "main",
                             occurredAt: Date(timeIntervalSince1970: 1_780_000_000.75),
                             context: .object(["ticket": .object(["id": .number(42), "subject": .string("Where is \"my\" book?\nÉdition"),
                                                                  "priority": .string("normal"), "tags": .array([.string("a"), .string("b")])])]))

    /// Ingest the event, lease its jobs, and describe what each prepared job would do and what the store recorded.
    static func prepare(_ store: Store, cache: FirstStepCache?) async throws -> [String: String] {
        let flows = try registry()
        _ = try await FlowRuntime(store: store, flows: flows, firstSteps: cache).ingest(event)
        let prepared = try await store.transaction { session in
            let jobs = try await session.leaseJobs(node: "n", limit: 10, leaseMilliseconds: 60_000, nowMilliseconds: epochMilliseconds())
            return try await session.prepare(jobs, flows: flows, actions: .standard, cache: cache, now: 1_000)
        }
        var described: [String: String] = [:]
        for job in prepared {
            let steps = try await store.session { try await $0.steps(runID: job.job.runID) }
            let run = try await store.session { try await $0.run(id: job.job.runID) }
            let stored = "\(steps.first?.status ?? "?") \(steps.first?.input?.jsonText ?? "nil")"
            switch job.plan {
            case .perform(let flow, let performance):
                described[flow.name] = "perform \(performance.action.name) \(performance.input.jsonText) via \(performance.eventConnection ?? "-") | \(stored)"
            case .skip(let flow): described[flow.name] = "skip | \(stored)"
            case .alreadyDone(let flow, _): described[flow.name] = "done | \(stored)"
            case .fail(let flow, _, _, let error): described[run?.flow ?? flow] = "fail \(error) | \(stored)"
            }
        }
        return described
    }

    @Test(arguments: TestDatabase.available)
    func aStepRenderedAtAcceptanceIsPreparedExactlyAsFromTheStore(_ database: TestDatabase) async throws {
        let cache = FirstStepCache()
        let fromCache = try await database.withStore { try await Self.prepare($0, cache: cache) }
        #expect(cache.count == 0, "every entry was taken by the lease")
        let fromStore = try await database.withStore { try await Self.prepare($0, cache: nil) }
        #expect(fromCache.count == 2, "\(fromCache)")
        #expect(fromCache == fromStore)
        #expect(fromCache["note-on-new"]?.hasPrefix(#"perform zendesk.add_comment {"body":"zen-1 at 2026-05-28T20:26:40Z: Where is \"my\" book?\nÉdition"#) == true)
        #expect(fromCache["note-on-new"]?.hasSuffix(#"| running {"body":"zen-1 at 2026-05-28T20:26:40Z: Where is \"my\" book?\nÉdition","public":false,"ticket_id":42}"#) == true)
        #expect(fromCache["skip-unless-urgent"] == "skip | pending nil")
    }

    @Test func entriesOfEventsThatWereNotNewAreDropped() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let cache = FirstStepCache()
            let runtime = FlowRuntime(store: store, flows: try Self.registry(), firstSteps: cache)
            _ = try await runtime.ingest(Self.event)
            #expect(cache.count == 2)
            #expect(try await runtime.ingest(Self.event) == .duplicate)
            #expect(cache.count == 2, "a redelivery leaves no entry of its own behind")
        }
    }

    @Test func theCacheKeepsOnlyTheNewestEntriesAndForgetsTakenOnes() {
        let cache = FirstStepCache(capacity: 4)
        let entry = FirstStepCache.Entry(flow: "f", eventConnection: nil, input: .null, inputText: "null")
        for index in 0..<6 { cache.put(jobID: "job-\(index)", entry) }
        #expect(cache.count == 4)
        #expect(cache.take(jobID: "job-0") == nil)
        #expect(cache.take(jobID: "job-1") == nil)
        #expect(cache.take(jobID: "job-5")?.flow == "f")
        #expect(cache.take(jobID: "job-5") == nil, "an entry is taken once")
        for index in 6..<10_000 {
            cache.put(jobID: "job-\(index)", entry)
            #expect(cache.take(jobID: "job-\(index)") != nil)
        }
        #expect(cache.trackedIDs <= 12, "ids already taken do not pile up: \(cache.trackedIDs)")
    }
}

private struct FlowLoadFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import ConnectorKit
import Foundation
import LooseJSON
import Logging
import Sandbox
import SwitchboardCore
@testable import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// "No contact who opted out is ever messaged", tested as a property: random sequences of opt-ins, inbound messages,
/// STOP replies (and the connection's own keyword), re-opt-ins through the admin API, direct sends of templates, text
/// and buttons, flow runs that notify a title's authors and answer inbound messages, and messages that fail and are
/// resent by delivery tracking — judged from what the WhatsApp sandbox actually accepted and from the store (see
/// ``OptOutWorld``).
///
/// Deterministic: the seed (`OPT_OUT_SEED`, default below) fixes every sequence's events; a failure prints the seed,
/// the sequence and its events. `OPT_OUT_SEQUENCES` (default 100 on SQLite, 40 on PostgreSQL, where every commit is
/// flushed and a sequence takes about three times as long; `OPT_OUT_SEQUENCES=200` for a long run) and
/// `OPT_OUT_EVENTS` (default 30) scale it;
/// `OPT_OUT_PARALLEL` (default 2, so the rest of the suite running beside it keeps some of the machine) sequences run
/// side by side (their casts and titles are disjoint, and every event waits until the whole node is quiet);
/// `OPT_OUT_ONLY=N` replays sequence N alone.
@Suite struct OptOutPropertyTests {
    static let defaultSeed: UInt64 = 0x5EED_0F_0FF5

    static func setting(_ name: String) -> String? { ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 } }

    @Test(arguments: TestDatabase.available)
    func noContactWhoOptedOutIsEverMessaged(_ database: TestDatabase) async throws {
        let seed = Self.setting("OPT_OUT_SEED").flatMap { UInt64($0) } ?? Self.defaultSeed
        let count = Self.setting("OPT_OUT_SEQUENCES").flatMap(Int.init) ?? (database == .postgres ? 40 : 100)
        let length = Self.setting("OPT_OUT_EVENTS").flatMap(Int.init) ?? 30
        let sequences = Self.setting("OPT_OUT_ONLY").flatMap(Int.init).map { [$0] } ?? Array(0..<count)
        let parallel = max(1, Self.setting("OPT_OUT_PARALLEL").flatMap(Int.init) ?? 2)
        let started = ContinuousClock.now
        try await WhatsAppHarness.with(database, flows: OptOutWorld.flows) { harness in
            let world = try await OptOutWorld.prepare(harness)
            var totals = OptOutWorld.Report()
            var failed = 0
            for start in stride(from: 0, to: sequences.count, by: parallel) {
                let batch = Array(sequences[start..<min(start + parallel, sequences.count)])
                let reports = try await withThrowingTaskGroup(of: (Int, OptOutWorld.Report).self) { group in
                    for index in batch {
                        group.addTask {
                            var random = SeededRandom(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
                            return (index, try await world.play(sequence: index, length: length, random: &random))
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.0 < $1.0 }
                }
                for (index, report) in reports {
                    totals.accepted += report.accepted
                    totals.byFlows += report.byFlows
                    totals.askedWhileOptedOut += report.askedWhileOptedOut
                    guard !report.violations.isEmpty else { continue }
                    failed += 1
                    Issue.record("""
                        opt-out property violated on \(database) — seed \(seed), sequence \(index) (replay: OPT_OUT_SEED=\(seed) OPT_OUT_ONLY=\(index) OPT_OUT_EVENTS=\(length))
                        events: \(report.events.map(\.description).joined(separator: ", "))
                        \(report.violations.joined(separator: "\n"))
                        """)
                }
                if failed > 0 { return }
            }
            print("opt-out property on \(database): \(sequences.count) sequences × \(length) events (seed \(seed)) in \(ContinuousClock.now - started); "
                  + "\(totals.accepted) messages accepted, \(totals.byFlows) by flow runs, \(totals.askedWhileOptedOut) sends asked for opted-out contacts")
            // The property is not vacuous: messages went out, also from flow runs, and sends were asked for people who had opted out.
            #expect(totals.accepted >= sequences.count * 3, "only \(totals.accepted) messages in \(sequences.count) sequences")
            #expect(totals.byFlows >= sequences.count, "only \(totals.byFlows) messages from flow runs")
            #expect(totals.askedWhileOptedOut >= sequences.count / 2, "only \(totals.askedWhileOptedOut) sends asked for opted-out contacts")
        }
    }

    /// A send decides on the contact it loaded, then may wait seconds for its pacing slot (or for the people before it
    /// in a long notify step). A STOP that arrives meanwhile must still win.
    @Test(arguments: TestDatabase.available)
    func aStopThatArrivesWhileASendWaitsForItsSlotWins(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database) { harness in
            // A connection of its own, so the process-wide pacer's spacing for it is not changed by other tests.
            let configuration = harness.sandbox.configuration
            try await WhatsAppConnections(store: harness.store, secrets: harness.secrets).connect(
                name: "slow-line", baseURL: harness.sandbox.baseURL, phoneNumberID: configuration.phoneNumberID, accessToken: configuration.accessToken,
                appSecret: configuration.appSecret, verifyToken: configuration.verifyToken, settings: WhatsAppConnectionSettings(pairSpacingSeconds: 30))
            let waID = "447700900177"
            let contactID = try await harness.store.session { session in
                let contact = try await session.upsertContact(ContactDetails(name: "Ada", phone: try PhoneNumber(waID: waID)), now: 1)
                _ = try await session.optInContact(id: contact.contact.id, at: 1)
                try await session.upsertTemplate(RegisteredTemplate(name: "stage_update", language: "en_US", bodyParameters: ["title", "stage"], status: .approved, updatedAt: 1))
                return contact.contact.id
            }
            let pool = WhatsAppClientPool(store: harness.store, secrets: harness.secrets, transport: harness.transport)
            let input: JSONValue = ["to": .string(contactID), "template": "stage_update", "body_params": ["Dune", "proofs"], "connection": "slow-line"]
            let first = try await WhatsAppSendTemplateAction().perform(input, context: Self.context(harness, pool, runID: "first"))
            #expect(first["status"]?.stringValue == "sent")
            // The second send's slot is 30 s after the first: the STOP below is recorded while it waits (a loaded machine
            // has taken ten seconds to record it), which `finished` checks instead of trusting the clock.
            let finished = AtomicFlag()
            let waiting = Task {
                defer { finished.set() }
                return try await WhatsAppSendTemplateAction().perform(input, context: Self.context(harness, pool, runID: "second"))
            }
            try await Task.sleep(for: .milliseconds(200))
            let stop = harness.sandbox.receive(from: waID, .text("STOP"))
            #expect(try await harness.eventually { try await harness.store.session { try await $0.whatsAppMessage(wamid: stop.id) } != nil })
            #expect(!finished.value, "the second send was not waiting for its slot when the STOP was recorded; the test proves nothing")
            let second = try await waiting.value
            #expect(second["status"]?.stringValue == "skipped")
            #expect(second["reason"]?.stringValue?.contains("opted out") == true, "\(second.jsonText)")
            #expect(harness.sandbox.sentMessages(to: waID).count == 1)
            #expect(try await harness.store.session { try await $0.whatsAppMessage(idempotencyKey: "sb:second:0") } == nil)
        }
    }

    static func context(_ harness: WhatsAppHarness, _ pool: WhatsAppClientPool, runID: String) -> ActionContext {
        var logger = Logger(label: "opt-out-tests")
        logger.logLevel = .critical
        return ActionContext(runID: runID, flow: "opt-out", stepIndex: 0, stepID: "send", eventConnection: nil, store: harness.store,
                             zendesk: ZendeskClientPool(store: harness.store, secrets: nil, transport: ScriptedTransport([])), whatsapp: pool,
                             failPoints: .none, logger: logger, previousAttemptMayHaveSent: false)
    }
}

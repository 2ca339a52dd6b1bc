import ConnectorKit
import Foundation
import LooseJSON
import Logging
import Sandbox
import SwitchboardCore
@testable import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport

/// The opt-out property's test bed: a Switchboard node and the WhatsApp sandbox (``WhatsAppHarness``) with three flows
/// that send on their own — notify a title's authors when a task is created, answer every inbound message, resend
/// failed messages — plus direct sends, played as random sequences of ``OptOutEvent``s.
///
/// Each sequence has its own cast of three authors of its own title. Events run one at a time and the world is let
/// settle after each (webhooks taken in, runs finished), so "opted out" has a precise meaning: what the store says
/// between events. The sandbox's webhooks are relayed to the node by ``SandboxWebhookRelay`` (signed bodies over HTTP,
/// leaving out `sent`/`delivered` statuses, which cannot change consent), so settling is known rather than waited for. Three oracles judge a sequence: no message reached a contact during an event that began and ended
/// with them opted out; no message the sandbox accepted falls in a span between an observed opt-out and the next
/// re-opt-in; and no message was accepted in a later second than the store's own `opted_out_at` of a contact still
/// opted out. Every message the sandbox accepted must also be one Switchboard recorded.
struct OptOutWorld {
    static let customKeyword = "NO MORE MESSAGES"

    static let flows = [
        """
        name: notify-authors
        trigger:
          switchboard: { events: [task.created] }
        when:
          - { field: task.title, matches: "^Notify" }
        actions:
          - id: notify
            action: whatsapp.notify_title_contacts
            with:
              isbn: "{{task.isbn13}}"
              roles: [author]
              template: stage_update
              body_params: ["{{task.title}}", "proofs"]
          - id: owner
            action: whatsapp.send_text
            with:
              to: "{{task.owner}}"
              body: "You own {{task.title}}."
              fallback_template: stage_update
              fallback_body_params: ["{{task.title}}", "owner"]
        """,
        """
        name: auto-reply
        trigger:
          whatsapp: { events: [message.received] }
        when:
          - { field: contact.id, exists: true }
        actions:
          - action: whatsapp.send_text
            with: { to: "{{contact.id}}", body: "Thanks, noted." }
        """,
        """
        name: delivery-tracking
        trigger:
          whatsapp: { events: [message.failed] }
        actions:
          - action: whatsapp.handle_failed_message
            with: { message_id: "{{message.id}}" }
        """,
    ]

    /// One author of the sequence's title.
    struct Person {
        var id: String
        var waID: String
    }

    /// What one sequence did, and what went wrong.
    struct Report {
        var events: [OptOutEvent] = []
        var violations: [String] = []
        /// Messages the sandbox accepted, and those sent by flow runs.
        var accepted = 0
        var byFlows = 0
        /// Sends asked for while the contact was opted out (each must have been refused).
        var askedWhileOptedOut = 0
    }

    let harness: WhatsAppHarness
    let pool: WhatsAppClientPool
    let relay = SandboxWebhookRelay()

    /// Pacing off, a custom opt-out keyword, the template approved, statuses quick.
    static func prepare(_ harness: WhatsAppHarness) async throws -> OptOutWorld {
        try await WhatsAppConnections(store: harness.store, secrets: harness.secrets).update {
            $0.pairSpacingSeconds = 0
            $0.messagesPerSecond = 10_000
            $0.optOutKeywords = [customKeyword]
        }
        harness.sandbox.setThroughput(perSecond: 100_000)
        harness.sandbox.setWebhook(url: nil)  // relayed by hand
        harness.sandbox.setStatusTiming(StatusTiming(sent: .milliseconds(1), delivered: .milliseconds(2), read: nil))
        try await harness.store.session { session in
            try await session.upsertTemplate(RegisteredTemplate(name: "stage_update", language: "en_US", body: "Update on {{1}}: it has moved to {{2}}.",
                                                                bodyParameters: ["title", "stage"], status: .approved, updatedAt: 1))
        }
        return OptOutWorld(harness: harness, pool: WhatsAppClientPool(store: harness.store, secrets: harness.secrets, transport: harness.transport))
    }

    /// A valid ISBN-13 of its own for sequence `index`.
    static func isbn(_ index: Int) -> ISBN {
        let body = "978" + String(format: "%09d", 100_000_000 + index)
        let sum = body.enumerated().reduce(0) { $0 + Int(String($1.element))! * ($1.offset.isMultiple(of: 2) ? 1 : 3) }
        return ISBN(body + String((10 - sum % 10) % 10))!
    }

    func play(sequence index: Int, length: Int, random: inout SeededRandom) async throws -> Report {
        var report = Report()
        let isbn = Self.isbn(index)
        let optedIn = (0..<3).map { _ in random.chance(60) }
        let people = try await harness.store.session { session -> [Person] in
            let now = Int64(Date().timeIntervalSince1970)
            var people: [Person] = []
            for person in 0..<3 {
                let waID = String(format: "447700%06d", 100_000 + index * 3 + person)
                let contact = try await session.upsertContact(ContactDetails(name: "P\(index)-\(person)", phone: try PhoneNumber(waID: waID), roles: [.author]),
                                                              now: now).contact
                _ = try await session.linkContact(id: contact.id, toTitle: .isbn(isbn), role: .author, now: now)
                if optedIn[person] { _ = try await session.optInContact(id: contact.id, at: now) }
                people.append(Person(id: contact.id, waID: waID))
            }
            return people
        }
        var outSpans: [[(from: Date, to: Date?)]] = Array(repeating: [], count: people.count)
        for step in 0..<length {
            let event = OptOutEvent.random(contacts: people.count, customKeyword: Self.customKeyword, using: &random)
            report.events.append(event)
            let before = try await optedOut(people)
            let counts = people.map { harness.sandbox.sentMessages(to: $0.waID).count }
            let startedAt = Date()
            let output = try await perform(event, people: people, isbn: isbn, runID: "prop-\(index)-\(step)")
            try await quiesce()
            let after = try await optedOut(people)
            let added = people.indices.map { harness.sandbox.sentMessages(to: people[$0].waID).count - counts[$0] }
            report.accepted += added.reduce(0, +)
            if case .notifyByFlow = event { report.byFlows += added.reduce(0, +) }
            if case .inbound = event { report.byFlows += added.reduce(0, +) }
            for person in people.indices {
                if before[person], after[person], added[person] > 0 {
                    report.violations.append("step \(step) \(event): \(added[person]) message(s) reached c\(person), opted out before and after")
                }
                if !before[person], after[person] { outSpans[person].append((Date(), nil)) }
                if before[person], !after[person] {
                    guard case .optInByAdmin(person) = event else {
                        report.violations.append("step \(step) \(event): c\(person) was opted in again without an opt-in")
                        continue
                    }
                    outSpans[person][outSpans[person].count - 1].to = startedAt
                }
            }
            if case .stop(let person, _) = event, !after[person] { report.violations.append("step \(step) \(event): the reply did not opt c\(person) out") }
            if let output, let person = event.directRecipient, before[person] {
                report.askedWhileOptedOut += 1
                if output["status"]?.stringValue != "skipped" || output["reason"]?.stringValue?.contains("opted out") != true {
                    report.violations.append("step \(step) \(event): c\(person) is opted out but the send returned \(output.jsonText)")
                }
            }
        }
        harness.sandbox.clearDeliveryFaults()
        try await quiesce()
        report.violations += try await judge(people, spans: outSpans)
        return report
    }

    /// The oracles over everything the sandbox accepted for this cast.
    private func judge(_ people: [Person], spans: [[(from: Date, to: Date?)]]) async throws -> [String] {
        var violations: [String] = []
        for (person, who) in people.enumerated() {
            let messages = harness.sandbox.sentMessages(to: who.waID)
            for message in messages {
                if let span = spans[person].first(where: { message.acceptedAt >= $0.from && message.acceptedAt < ($0.to ?? .distantFuture) }) {
                    violations.append("c\(person) got \(message.type) \(message.id) at \(Self.time(message.acceptedAt)), opted out from \(Self.time(span.from)) to \(span.to.map(Self.time) ?? "the end")")
                }
            }
            let (consent, unknown) = try await harness.store.session { session in
                var unknown: [String] = []
                for message in messages where try await session.whatsAppMessage(wamid: message.id) == nil { unknown.append(message.id) }
                return (try await session.currentConsent(contactID: who.id), unknown)
            }
            if !unknown.isEmpty { violations.append("c\(person) got messages Switchboard has no record of: \(unknown)") }
            if let consent, consent.isOptedOut, let since = consent.optedOutAt {
                for message in messages where Int64(message.acceptedAt.timeIntervalSince1970) > since {
                    violations.append("c\(person) is opted out since \(since) (store) but got \(message.id) at \(Self.time(message.acceptedAt))")
                }
            }
        }
        return violations
    }

    /// Unix seconds with milliseconds, for violation messages.
    static func time(_ date: Date) -> String { String(format: "%.3f", date.timeIntervalSince1970) }

    /// Carry out `event`; a direct send's output is returned.
    private func perform(_ event: OptOutEvent, people: [Person], isbn: ISBN, runID: String) async throws -> JSONValue? {
        switch event {
        case .optInByAdmin(let person):
            let response = try await TestHTTP.request("POST", harness.nodeURL + "/api/contacts/\(people[person].id)/opt-in", headers: ["Authorization": "Bearer wa-admin"])
            guard response.status == 200 else { throw HarnessError("opt-in answered \(response.status): \(response.body)") }
        case .inbound(let person):
            try await receive(from: people[person], "About the proofs: \(runID)")
        case .stop(let person, let keyword):
            try await receive(from: people[person], keyword)
        case .sendTemplate(let person):
            return try await send(WhatsAppSendTemplateAction(), ["to": .string(people[person].id), "template": "stage_update", "body_params": ["Dune", "typesetting"]], runID)
        case .sendText(let person):
            return try await send(WhatsAppSendTextAction(), ["to": .string(people[person].id), "body": "Proofs are ready.", "fallback_template": "stage_update",
                                                             "fallback_body_params": ["Dune", "proofs"]], runID)
        case .sendButtons(let person):
            return try await send(WhatsAppSendButtonsAction(), ["to": .string(people[person].id), "body": "Approve the cover?",
                                                                "buttons": [["id": "yes", "title": "Yes"], ["id": "no", "title": "No"]],
                                                                "fallback_template": "stage_update", "fallback_body_params": ["Dune", "cover"]], runID)
        case .notifyByFlow(let owner):
            let body = #"{"title": "Notify \#(runID)", "owner": "+\#(people[owner].waID)", "isbn13": "\#(isbn.isbn13)"}"#
            let response = try await TestHTTP.request("POST", harness.nodeURL + "/api/tasks", headers: ["Authorization": "Bearer wa-admin", "Content-Type": "application/json"],
                                                      body: Array(body.utf8))
            guard response.status == 201 else { throw HarnessError("task answered \(response.status): \(response.body)") }
        case .failNextDelivery(let person):
            harness.sandbox.injectDeliveryFault(WhatsAppDeliveryFault(code: 131000, recipient: people[person].waID))
        }
        return nil
    }

    /// The contact writes `text` from their phone; returns once Switchboard has recorded it (and opted them out on a keyword).
    private func receive(from person: Person, _ text: String) async throws {
        let message = harness.sandbox.receive(from: person.waID, .text(text))
        let recorded = try await harness.eventually(timeout: .seconds(30)) {
            _ = await harness.sandbox.waitUntilIdle(timeout: .seconds(5))
            try await relay.relay(harness)
            return try await harness.store.session { try await $0.whatsAppMessage(wamid: message.id) } != nil
        }
        guard recorded else { throw HarnessError("inbound \(message.id) was never recorded") }
    }

    private func send(_ action: any FlowAction, _ input: JSONValue, _ runID: String) async throws -> JSONValue {
        var logger = Logger(label: "opt-out-property")
        logger.logLevel = .critical
        let context = ActionContext(runID: runID, flow: "opt-out-property", stepIndex: 0, stepID: "send", eventConnection: nil, store: harness.store,
                                    zendesk: ZendeskClientPool(store: harness.store, secrets: nil, transport: ScriptedTransport([])), whatsapp: pool,
                                    failPoints: .none, logger: logger, previousAttemptMayHaveSent: false)
        return try await action.perform(input, context: context)
    }

    /// Whether each person is opted out now, as the store says.
    private func optedOut(_ people: [Person]) async throws -> [Bool] {
        try await harness.store.session { session in
            var flags: [Bool] = []
            for person in people { flags.append(try await session.currentConsent(contactID: person.id)?.isOptedOut ?? false) }
            return flags
        }
    }

    /// Wait until the sandbox has nothing in flight (statuses), every webhook is taken in and no run is still going.
    func quiesce() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard await harness.sandbox.waitUntilIdle(timeout: .seconds(10)) else { continue }
            let posted = try await relay.relay(harness)
            let running = try await harness.store.session { try await $0.scalar("SELECT COUNT(*) AS value FROM runs WHERE status = 'running'") }
            if posted == 0, running == 0, await relay.isIdle, await harness.sandbox.waitUntilIdle(timeout: .zero) { return }
            if posted == 0 { try await Task.sleep(for: .milliseconds(3)) }
        }
        throw HarnessError("the sandbox, its webhooks or the runs did not settle within a minute")
    }
}

extension OptOutEvent {
    /// The contact a direct send goes to.
    var directRecipient: Int? {
        switch self {
        case .sendTemplate(let person), .sendText(let person), .sendButtons(let person): person
        default: nil
        }
    }
}

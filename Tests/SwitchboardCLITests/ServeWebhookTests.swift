import Foundation
import Sandbox
import SwitchboardTestSupport
import Testing
import ZendeskKit

/// `switchboard serve` end to end over real HTTP: the sandbox sends signed webhooks, flows act on the sandbox,
/// and everything is checked through the sandbox's own data and Switchboard's admin API.
@Suite(.serialized) struct ServeWebhookTests {
    static let triageFlow = """
        name: triage-refunds
        description: Note and tag new refund tickets
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        when:
          - field: ticket.subject
            matches: "(?i)refund"
        actions:
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "Switchboard: {{ticket.subject}} is being triaged."
              public: false
          - id: tag
            action: zendesk.update_ticket
            with:
              ticket_id: "{{ticket.id}}"
              add_tags: [switchboard_triaged]
        """

    static func notes(_ sandbox: ZendeskSandbox, _ ticket: Int64) -> [String] {
        (sandbox.comments(ticketID: ticket) ?? []).filter { !$0.isPublic }.map(\.body)
    }

    static func tags(_ sandbox: ZendeskSandbox, _ ticket: Int64) -> [String] {
        sandbox.ticketSummaries().first { $0.id == ticket }?.tags ?? []
    }

    @Test func aNewTicketInTheSandboxGetsANoteAndATagThroughASignedWebhook() async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 10)) { sandbox, baseURL in
            // Every delivery is sent twice, as Zendesk sometimes does: the flow must still act once.
            var delivery = WebhookDeliveryOptions.fastForTests
            delivery.duplicateProbability = 1
            sandbox.setWebhookDelivery(delivery)
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL)
            defer { fixture.remove() }
            try await fixture.connect()
            try fixture.writeFlow("triage", Self.triageFlow)
            let port = TestHTTP.freePort()
            let registered = try await fixture.run(["webhooks", "zendesk", "register", "--public-url", "http://127.0.0.1:\(port)"])
            #expect(registered.stdout.contains("Created Zendesk webhook"))
            let again = try await fixture.run(["webhooks", "zendesk", "register", "--public-url", "http://127.0.0.1:\(port)"])
            #expect(again.stdout.contains("Reusing Zendesk webhook"), "registering twice reuses the webhook")

            let serve = try await fixture.startServe(port: port)
            defer { serve.kill(signal: SIGTERM) }
            let refund = try sandbox.createTicket(subject: "Refund for a damaged hardback", body: "The spine was split.", tags: ["vip", "print"])
            let other = try sandbox.createTicket(subject: "Where is my order?", body: "Ordered last week.", tags: ["print"])

            try await ServeFixture.waitUntil("the note and the tag") {
                Self.tags(sandbox, refund).contains("switchboard_triaged") && !Self.notes(sandbox, refund).isEmpty
            }
            #expect(await sandbox.waitForDeliveries(timeout: .seconds(20)))
            let deliveries = sandbox.webhookDeliveries()
            #expect(deliveries.contains { $0.isDuplicate }, "the sandbox redelivered")
            #expect(deliveries.allSatisfy { $0.statusCode == 200 }, "\(deliveries.map { ($0.type, $0.statusCode, $0.error) })")
            try await Task.sleep(for: .milliseconds(500))

            #expect(Self.notes(sandbox, refund) == ["Switchboard: Refund for a damaged hardback is being triaged."])
            #expect(Set(Self.tags(sandbox, refund)) == ["vip", "print", "switchboard_triaged"], "tags are added without replacing the others")
            #expect(Self.notes(sandbox, other).isEmpty, "the condition did not match")
            #expect(Self.tags(sandbox, other) == ["print"])

            let runs = try await fixture.runs(port)
            #expect(runs.count == 1)
            #expect(runs.first?["status"] as? String == "succeeded")
            let runID = try #require(runs.first?["id"] as? String)
            let detail = try await fixture.admin(port, "runs/\(runID)")
            let steps = detail["steps"] as? [[String: Any]] ?? []
            #expect(steps.map { $0["status"] as? String } == ["succeeded", "succeeded"])
            let input = steps.first?["input"] as? [String: Any]
            #expect((input?["ticket_id"] as? NSNumber)?.int64Value == refund, "the run shows each step's rendered input")
            #expect(input?["body"] as? String == "Switchboard: Refund for a damaged hardback is being triaged.")
            #expect(steps.first?["output"] != nil)
            let created = try await fixture.events(port).filter { $0["type"] as? String == "ticket.created" }
            #expect(created.count == 2, "one event per ticket, however many deliveries")
        }
    }

    @Test func aRedeliveredWebhookRunsOnceAndForgedOrStaleOnesAreRefused() async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 10)) { sandbox, baseURL in
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL)
            defer { fixture.remove() }
            try await fixture.connect()
            try await fixture.run(["webhooks", "zendesk", "secret", "--secret", "whsec-test"])
            try fixture.writeFlow("triage", Self.triageFlow)
            let port = TestHTTP.freePort()
            let serve = try await fixture.startServe(port: port)
            defer { serve.kill(signal: SIGTERM) }
            let url = "http://127.0.0.1:\(port)/webhooks/zendesk/default"
            let ticket = try #require(sandbox.ticketSummaries().first?.id)

            let delivery = ServeFixture.signedTicketCreated(ticketID: ticket, eventID: "01HZX-refund-1", subject: "Refund please", secret: "whsec-test")
            var answers: [String] = []
            for _ in 0..<3 {
                let response = try await TestHTTP.request("POST", url, headers: delivery.headers, body: delivery.body)
                #expect(response.status == 200)
                answers.append((response.json as? [String: Any])?["status"] as? String ?? response.body)
            }
            #expect(answers == ["accepted", "duplicate", "duplicate"])
            try await ServeFixture.waitUntil("the run to finish") { try await fixture.runs(port).first?["status"] as? String == "succeeded" }
            #expect(try await fixture.runs(port).count == 1)
            #expect(Self.notes(sandbox, ticket) == ["Switchboard: Refund please is being triaged."])

            let before = try await fixture.events(port).count
            let forged = ServeFixture.signedTicketCreated(ticketID: ticket, eventID: "forged-1", subject: "Refund", secret: "not-the-secret")
            let stale = ServeFixture.signedTicketCreated(ticketID: ticket, eventID: "stale-1", subject: "Refund", secret: "whsec-test",
                                                         signedAt: Date().addingTimeInterval(-360))
            var unsigned = ServeFixture.signedTicketCreated(ticketID: ticket, eventID: "unsigned-1", subject: "Refund", secret: "whsec-test")
            unsigned.headers.removeValue(forKey: "X-Zendesk-Webhook-Signature")
            var tampered = ServeFixture.signedTicketCreated(ticketID: ticket, eventID: "tampered-1", subject: "Refund", secret: "whsec-test")
            tampered.body = Array(String(decoding: tampered.body, as: UTF8.self).replacingOccurrences(of: "tampered-1", with: "tampered-2").utf8)
            for (name, attempt) in [("forged", forged), ("stale", stale), ("unsigned", unsigned), ("tampered", tampered)] {
                let response = try await TestHTTP.request("POST", url, headers: attempt.headers, body: attempt.body)
                #expect(response.status == 401, "\(name): \(response.status) \(response.body)")
            }
            let staleAnswer = try await TestHTTP.request("POST", url, headers: stale.headers, body: stale.body)
            #expect(staleAnswer.body.contains("more than 5 minutes"))
            let notJSON: [UInt8] = Array("not json".utf8)
            let timestamp = LenientDateText.now(Date())
            let badBody = try await TestHTTP.request("POST", url, headers: [
                "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
                "X-Zendesk-Webhook-Signature": ZendeskWebhookVerifier.signature(secret: "whsec-test", timestamp: timestamp, body: notJSON),
            ], body: notJSON)
            #expect(badBody.status == 400)
            let unknownConnection = try await TestHTTP.request("POST", "http://127.0.0.1:\(port)/webhooks/zendesk/nope", headers: delivery.headers, body: delivery.body)
            #expect(unknownConnection.status == 404)
            #expect(try await fixture.events(port).count == before, "refused deliveries leave the event log unchanged")
            #expect(try await fixture.runs(port).count == 1)

            let metrics = try await TestHTTP.get("http://127.0.0.1:\(port)/metrics")
            #expect(metrics.body.contains(#"switchboard_webhooks_rejected_total{source="zendesk",reason="signature"} 5"#), "\(metrics.body)")
            #expect(metrics.body.contains(#"switchboard_events_total{source="zendesk.webhook",type="ticket.created",outcome="duplicate"} 2"#))
        }
    }

    @Test func healthMetricsOpenAPIAndTheAdminTokenGuard() async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 1)) { sandbox, baseURL in
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL)
            defer { fixture.remove() }
            try fixture.writeFlow("triage", Self.triageFlow)
            let port = TestHTTP.freePort()
            let serve = try await fixture.startServe(port: port)
            let base = "http://127.0.0.1:\(port)"

            let health = try await TestHTTP.get(base + "/healthz")
            #expect(health.status == 200)
            #expect((health.json as? [String: Any])?["status"] as? String == "ok")
            #expect((health.json as? [String: Any])?["database"] as? String == "sqlite")

            let openAPI = try await TestHTTP.get(base + "/openapi.yaml")
            #expect(openAPI.status == 200)
            #expect(openAPI.body.hasPrefix("openapi: 3"))
            for path in ["/healthz", "/metrics", "/webhooks/zendesk/{connection}", "/api/flows", "/api/runs", "/api/runs/{id}", "/api/deadletters",
                         "/api/deadletters/{id}/replay", "/api/events"] {
                #expect(openAPI.body.contains("\n  \(path):"), "the OpenAPI document describes \(path)")
            }

            #expect(try await TestHTTP.get(base + "/api/runs").status == 401)
            #expect(try await TestHTTP.get(base + "/api/runs", bearer: "wrong").status == 401)
            let flows = try await fixture.admin(port, "flows")["flows"] as? [[String: Any]] ?? []
            #expect(flows.map { $0["name"] as? String } == ["triage-refunds"])
            #expect(try await TestHTTP.get(base + "/api/runs/nope", bearer: ServeFixture.adminToken).status == 404)
            #expect(try await TestHTTP.request("POST", base + "/api/deadletters/nope/replay", headers: ["Authorization": "Bearer \(ServeFixture.adminToken)"]).status == 404)

            let metrics = try await TestHTTP.get(base + "/metrics")
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(metrics.body.contains(#"switchboard_queue_depth{state="queued"} 0"#), "\(metrics.body)")

            serve.kill(signal: SIGTERM)
            let stopped = try await serve.wait(timeout: .seconds(30))
            #expect(stopped.status == 0, "SIGTERM stops gracefully: \(stopped.stderr)")
        }
    }

    @Test func serveKeepsTheMirrorCurrentAndMirrorChangesRunFlows() async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 30)) { sandbox, baseURL in
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL)
            defer { fixture.remove() }
            try await fixture.connect()
            try fixture.writeFlow("escalate-notes", """
                name: escalate-notes
                trigger:
                  zendesk.mirror:
                    events: [comment.added]
                when:
                  - { field: comment.public, equals: false }
                  - { field: comment.body, matches: "(?i)escalate" }
                actions:
                  - action: zendesk.update_ticket
                    with:
                      ticket_id: "{{ticket.id}}"
                      add_tags: [escalated_by_note]
                """)
            let port = TestHTTP.freePort()
            let serve = try await fixture.startServe(port: port, arguments: ["--sync-interval", "1s"])
            defer { serve.kill(signal: SIGTERM) }
            // The first pass imports history, which starts nothing.
            try await ServeFixture.waitUntil("the first import") {
                try await fixture.withStore { store in try await store.session { try await $0.mirrorStats(connection: "default") }.tickets } == 30
            }
            let target = try #require(sandbox.ticketSummaries().first { $0.status != "closed" && $0.status != "solved" }?.id)
            try sandbox.addComment(ticketID: target, body: "Please escalate: author is waiting", public: false)
            try sandbox.addComment(ticketID: target, body: "Please escalate (public reply)", public: true)
            try await ServeFixture.waitUntil("the tag from the mirror flow", timeout: .seconds(180)) { Self.tags(sandbox, target).contains("escalated_by_note") }
            try await Task.sleep(for: .seconds(2))
            let runs = try await fixture.runs(port)
            #expect(runs.count == 1, "one run: only the internal note matches, and history started nothing")
            #expect(runs.first?["status"] as? String == "succeeded")
            let events = try await fixture.events(port).filter { $0["source"] as? String == "zendesk.mirror" }
            #expect(events.filter { $0["type"] as? String == "comment.added" }.count == 2)
        }
    }
}

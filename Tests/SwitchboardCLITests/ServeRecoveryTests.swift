import Foundation
import Sandbox
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// What happens when things go wrong under `switchboard serve`: a node killed mid-run, and a remote that keeps
/// failing until an operator replays the dead letter.
@Suite(.serialized) struct ServeRecoveryTests {
    static let escalateFlow = """
        name: escalate
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        when:
          - not: { field: ticket.subject, matches: "^Escalation for" }
        actions:
          - id: escalation
            action: zendesk.create_ticket
            with:
              subject: "Escalation for #{{ticket.id}}"
              body: "{{ticket.subject}} needs a second look."
              public: false
              tags: [escalation]
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "Escalated as #{{steps.escalation.ticket_id}}."
          - id: tag
            action: zendesk.update_ticket
            with:
              ticket_id: "{{ticket.id}}"
              add_tags: [escalated]
        """

    @Test func killingServeMidRunThenRestartingCompletesItWithoutDuplicates() async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 10)) { sandbox, baseURL in
            sandbox.setWebhookDelivery(.fastForTests)
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL)
            defer { fixture.remove() }
            try await fixture.connect()
            try fixture.writeFlow("escalate", Self.escalateFlow)
            let port = TestHTTP.freePort()
            try await fixture.run(["webhooks", "zendesk", "register", "--public-url", "http://127.0.0.1:\(port)"])
            let ticketsBefore = sandbox.ticketSummaries().count

            // Node 1 dies right after Zendesk accepted the new ticket, before Switchboard recorded it.
            let first = try await fixture.startServe(port: port, arguments: ["--lease", "2s"],
                                                     environment: ["SWITCHBOARD_FAILPOINTS": "after-send:zendesk.create_ticket"])
            let original = try sandbox.createTicket(subject: "Misprinted pages 40-56", body: "Pages repeat.")
            let died = try await first.wait(timeout: .seconds(30))
            #expect(died.status != 0)
            #expect(died.stderr.contains("failpoint after-send:zendesk.create_ticket"))
            #expect(sandbox.ticketSummaries().count == ticketsBefore + 2, "the escalation ticket was created once")

            // Node 2 takes the job over once the lease expires, and dies right after the note was accepted.
            let second = try await fixture.startServe(port: port, arguments: ["--lease", "2s"],
                                                      environment: ["SWITCHBOARD_FAILPOINTS": "after-send:zendesk.add_comment"])
            let died2 = try await second.wait(timeout: .seconds(30))
            #expect(died2.stderr.contains("failpoint after-send:zendesk.add_comment"))

            // Node 3 finishes the run.
            let third = try await fixture.startServe(port: port, arguments: ["--lease", "2s"])
            defer { third.kill(signal: SIGTERM) }
            try await ServeFixture.waitUntil("the run to finish") { try await fixture.runs(port).first?["status"] as? String == "succeeded" }

            let escalations = sandbox.ticketSummaries().filter { $0.subject == "Escalation for #\(original)" }
            #expect(escalations.count == 1, "no second ticket after the crash")
            #expect(sandbox.ticketSummaries().count == ticketsBefore + 2)
            let escalation = try #require(escalations.first)
            #expect(escalation.tags == ["escalation"])
            let notes = (sandbox.comments(ticketID: original) ?? []).filter { !$0.isPublic }.map(\.body)
            #expect(notes == ["Escalated as #\(escalation.id)."], "no second note after the crash")
            #expect(sandbox.ticketSummaries().first { $0.id == original }?.tags.filter { $0 == "escalated" }.count == 1)

            let runs = try await fixture.runs(port)
            #expect(runs.count == 1)
            let detail = try await fixture.admin(port, "runs/\(runs[0]["id"] as? String ?? "")")
            let steps = detail["steps"] as? [[String: Any]] ?? []
            let attemptNodes = steps.map { ($0["attempts"] as? [[String: Any]] ?? []).map { $0["node"] as? String ?? "" } }
            #expect(attemptNodes[0].count == 2, "create_ticket ran on node 1, then again (idempotently) on node 2: \(attemptNodes)")
            #expect(attemptNodes[1].count == 2, "add_comment ran on node 2, then was reconciled on node 3: \(attemptNodes)")
            #expect(Set(attemptNodes.flatMap { $0 }).count == 3)
        }
    }

    static let noteFlow = """
        name: note-on-new
        trigger:
          zendesk.webhook:
            events: [ticket.created]
        actions:
          - id: note
            action: zendesk.add_comment
            with:
              ticket_id: "{{ticket.id}}"
              body: "Seen by Switchboard."
            retry: { max_attempts: 3, backoff: 300ms }
        """

    @Test func aFailingRemoteEndsInDeadLettersAndAReplayCompletesTheRun() async throws {
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 10)) { sandbox, baseURL in
            sandbox.setWebhookDelivery(.fastForTests)
            let fixture = try ServeFixture(sandbox: sandbox, sandboxURL: baseURL)
            defer { fixture.remove() }
            try await fixture.connect()
            try fixture.writeFlow("note", Self.noteFlow)
            let port = TestHTTP.freePort()
            try await fixture.run(["webhooks", "zendesk", "register", "--public-url", "http://127.0.0.1:\(port)"])
            let serve = try await fixture.startServe(port: port)
            defer { serve.kill(signal: SIGTERM) }

            sandbox.setFaults(try FaultMix(parsing: "500=1"), scope: .writes)
            let ticket = try sandbox.createTicket(subject: "Audiobook chapter missing", body: "Chapter 7 is silent.")
            var letters: [[String: Any]] = []
            try await ServeFixture.waitUntil("a dead letter", timeout: .seconds(90)) {
                let list = try await fixture.run(["deadletters", "list", "--json"])
                letters = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
                return !letters.isEmpty
            }
            #expect(letters.count == 1)
            let errors = letters[0]["errors"] as? [String] ?? []
            #expect(errors.count == 3, "one error per attempt: \(errors)")
            #expect(errors.allSatisfy { $0.contains("500") }, "\(errors)")
            #expect((letters[0]["payload"] as? [String: Any])?["body"] as? String == "Seen by Switchboard.", "the dead letter keeps the rendered input")
            #expect((sandbox.comments(ticketID: ticket) ?? []).filter { !$0.isPublic }.isEmpty)
            let runs = try await fixture.runs(port)
            #expect(runs.first?["status"] as? String == "failed")

            // The three attempts were spaced by the step's backoff (300 ms, less up to 30 % jitter).
            let runID = try #require(runs.first?["id"] as? String)
            let attempts = try await fixture.withStore { store in
                try await store.session { session in try await session.attempts(jobID: try await session.jobs(runID: runID)[0].id) }
            }
            #expect(attempts.count == 3)
            for (previous, next) in zip(attempts, attempts.dropFirst()) {
                #expect(next.startedAt - (previous.finishedAt ?? previous.startedAt) >= 200, "\(attempts)")
            }
            #expect(attempts.allSatisfy { $0.response?.contains("500") == true }, "each attempt keeps the remote response: \(attempts)")

            let metrics = try await TestHTTP.get("http://127.0.0.1:\(port)/metrics")
            #expect(metrics.body.contains(#"switchboard_dead_letters_total{action="zendesk.add_comment"} 1"#), "\(metrics.body)")
            #expect(metrics.body.contains(#"switchboard_job_retries_total{action="zendesk.add_comment"} 2"#))
            #expect(metrics.body.contains(#"switchboard_runs_total{flow="note-on-new",outcome="failed"} 1"#))
            #expect(metrics.body.contains("switchboard_dead_letters_open 1"))
            #expect(metrics.body.contains(#"switchboard_remote_latency_seconds_count{connector="zendesk"}"#), "remote latency by connector")
            #expect(metrics.body.contains(#"switchboard_remote_requests_total{connector="zendesk",status="500"}"#))

            sandbox.setFaults(.none)
            let id = try #require(letters[0]["id"] as? String)
            let replay = try await fixture.run(["deadletters", "replay", id])
            #expect(replay.stdout.contains("Replaying \(id)"))
            try await ServeFixture.waitUntil("the replayed run to finish") { try await fixture.runs(port).first?["status"] as? String == "succeeded" }
            #expect((sandbox.comments(ticketID: ticket) ?? []).filter { !$0.isPublic }.map(\.body) == ["Seen by Switchboard."])
            let again = try await fixture.cli().run(["deadletters", "replay", id] + fixture.storeArguments)
            #expect(!again.succeeded)
            #expect(again.stderr.contains("already replayed"))
            let remaining = try await fixture.run(["deadletters", "list"])
            #expect(remaining.stdout.contains("No dead letters."))

            // The same through the admin API.
            sandbox.setFaults(try FaultMix(parsing: "500=1"), scope: .writes)
            let second = try sandbox.createTicket(subject: "Cover colour is wrong", body: "It is green, not blue.")
            var open: [[String: Any]] = []
            try await ServeFixture.waitUntil("a second dead letter", timeout: .seconds(90)) {
                open = try await fixture.admin(port, "deadletters")["dead_letters"] as? [[String: Any]] ?? []
                return !open.isEmpty
            }
            sandbox.setFaults(.none)
            let secondID = try #require(open.first?["id"] as? String)
            #expect((open.first?["last_response"] as? String)?.contains("500") == true)
            let replayed = try await TestHTTP.request("POST", "http://127.0.0.1:\(port)/api/deadletters/\(secondID)/replay",
                                                      headers: ["Authorization": "Bearer \(ServeFixture.adminToken)"])
            #expect(replayed.status == 200, "\(replayed.body)")
            try await ServeFixture.waitUntil("the run replayed through the API") {
                try await fixture.runs(port).allSatisfy { $0["status"] as? String == "succeeded" }
            }
            #expect((sandbox.comments(ticketID: second) ?? []).filter { !$0.isPublic }.map(\.body) == ["Seen by Switchboard."])
            let twice = try await TestHTTP.request("POST", "http://127.0.0.1:\(port)/api/deadletters/\(secondID)/replay",
                                                   headers: ["Authorization": "Bearer \(ServeFixture.adminToken)"])
            #expect(twice.status == 409)
        }
    }
}

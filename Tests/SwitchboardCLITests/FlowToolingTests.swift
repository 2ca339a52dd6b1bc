import Foundation
import Testing

/// `switchboard flows lint|test|run`: what an operator sees before a flow ever touches production.
@Suite struct FlowToolingTests {
    static let flow = """
        name: triage-refunds
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
              body: "Refund request from {{ticket.requester_id}}: {{ticket.subject}}"
              public: false
          - action: zendesk.update_ticket
            with:
              ticket_id: "{{ticket.id}}"
              add_tags: [refund]
              priority: high
        """

    static let tests = """
        - name: a refund ticket gets a note and a tag
          event:
            zendesk_webhook: { type: "zen:event-type:ticket.created", id: "e1", detail: { id: "42", subject: "Refund please", requester_id: "7", status: "NEW" } }
          expect:
            actions:
              - action: zendesk.add_comment
                with: { ticket_id: 42, body: "Refund request from 7: Refund please", public: false }
              - action: zendesk.update_ticket
                with: { add_tags: [refund] }
        - name: other tickets are left alone
          event:
            zendesk_webhook: { type: "zen:event-type:ticket.created", id: "e2", detail: { id: "43", subject: "Where is my order", requester_id: "7", status: "NEW" } }
          expect:
            runs: false
        """

    static func folder(_ files: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for (name, text) in files { try text.write(toFile: directory.file(name), atomically: true, encoding: .utf8) }
        return directory
    }

    @Test func lintPassesGoodFlowsAndPinpointsATypoInAnActionName() async throws {
        let good = try Self.folder(["triage.yaml": Self.flow])
        defer { good.remove() }
        let cli = CLIProcess(home: good.path)
        let ok = try await cli.run(["flows", "lint", good.path])
        #expect(ok.succeeded, "\(ok.stderr)")
        #expect(ok.stdout.contains("1 flow OK: triage-refunds"))

        let bad = try Self.folder(["triage.yaml": Self.flow.replacingOccurrences(of: "zendesk.add_comment", with: "zendesk.add_coment"),
                                   "typed.yaml": Self.flow.replacingOccurrences(of: "priority: high", with: "priority: hgh").replacingOccurrences(of: "name: triage-refunds", with: "name: typed")])
        defer { bad.remove() }
        let failed = try await cli.run(["flows", "lint", bad.path])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("\(bad.file("triage.yaml")):10:13: unknown action \"zendesk.add_coment\" (did you mean \"zendesk.add_comment\"?)"), "\(failed.stderr)")
        #expect(failed.stderr.contains("\(bad.file("typed.yaml")):19:17: \"hgh\" is not a valid priority"), "\(failed.stderr)")
        #expect(failed.stderr.contains("2 errors"))
    }

    @Test func flowTestsRenderTheActionsAndTouchNothing() async throws {
        let directory = try Self.folder(["triage.yaml": Self.flow, "triage.tests.yaml": Self.tests])
        defer { directory.remove() }
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let cli = CLIProcess(home: home.path)
        let result = try await cli.run(["flows", "test", directory.path])
        #expect(result.succeeded, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("✓ triage-refunds: a refund ticket gets a note and a tag"))
        #expect(result.stdout.contains(#"note → zendesk.add_comment {"body":"Refund request from 7: Refund please","public":false,"ticket_id":42}"#), "\(result.stdout)")
        #expect(result.stdout.contains("✓ triage-refunds: other tickets are left alone"))
        #expect(result.stdout.contains("2 passed, 0 failed"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).isEmpty, "no database, key or anything else was created")

        try Self.tests.replacingOccurrences(of: "add_tags: [refund]", with: "add_tags: [refunds]").write(toFile: directory.file("triage.tests.yaml"), atomically: true, encoding: .utf8)
        let failing = try await cli.run(["flows", "test", directory.path])
        #expect(failing.status != 0)
        #expect(failing.stdout.contains(#"add_tags is ["refund"], expected ["refunds"]"#), "\(failing.stdout)")
        #expect(failing.stdout.contains("1 passed, 1 failed"))
    }

    @Test func runDryRunShowsOneFlowOnOneEvent() async throws {
        let directory = try Self.folder([
            "triage.yaml": Self.flow,
            "event.json": #"{"type":"zen:event-type:ticket.created","id":"e9","subject":"zen:ticket:77","detail":{"id":"77","subject":"REFUND for a box set","requester_id":"3","status":"OPEN"},"event":{}}"#,
        ])
        defer { directory.remove() }
        let cli = CLIProcess(home: directory.path)
        let result = try await cli.run(["flows", "run", directory.file("triage.yaml"), "--event", directory.file("event.json"), "--dry-run"])
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout.contains("triage-refunds runs 2 steps (dry run, nothing sent):"))
        #expect(result.stdout.contains(#""body" : "Refund request from 3: REFUND for a box set""#), "\(result.stdout)")
        #expect(result.stdout.contains(#""ticket_id" : 77"#))

        let withoutFlag = try await cli.run(["flows", "run", directory.file("triage.yaml"), "--event", directory.file("event.json")])
        #expect(withoutFlag.status != 0)
        #expect(withoutFlag.stderr.contains("pass --dry-run"))
    }

    /// Every YAML example in docs/flows.md lints, and its tests file passes, so the documentation stays true.
    @Test func theExamplesInTheFlowDocumentationLintAndPassTheirTests() async throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/flows.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var flows = 0
        for block in blocks {
            if block.hasPrefix("# flows/"), let name = block.split(separator: "\n").first?.split(separator: "/").last {
                try block.write(toFile: directory.file(String(name)), atomically: true, encoding: .utf8)
                continue
            }
            let name = try #require(block.split(separator: "\n").first { $0.hasPrefix("name: ") }?.dropFirst(6).split(separator: " ").first)
            try block.write(toFile: directory.file("\(name).yaml"), atomically: true, encoding: .utf8)
            flows += 1
        }
        #expect(flows >= 4)
        let cli = CLIProcess(home: directory.path)
        let lint = try await cli.run(["flows", "lint", directory.path])
        #expect(lint.succeeded, "\(lint.stderr)")
        let tests = try await cli.run(["flows", "test", directory.path])
        #expect(tests.succeeded, "\(tests.stdout)")
        #expect(tests.stdout.contains("2 passed, 0 failed"))
    }
}

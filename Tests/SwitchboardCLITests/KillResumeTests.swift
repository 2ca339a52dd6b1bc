import Foundation
import Sandbox
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// SIGKILL at arbitrary moments: records and cursor commit together, so rerunning always converges on an exact
/// mirror with no duplicates, and a final rerun with no changes fetches nothing.
@Suite struct KillResumeTests {
    @Test func syncKilledAtRandomMomentsResumesToAnExactMirror() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 1_500)) { sandbox, baseURL in
            let cli = CLIProcess(home: home.path)
            let db = home.file("sb.db")
            let connect = try await cli.run(["connect", "zendesk", "--url", baseURL, "--email", "admin@example.com", "--token", "sandbox-token", "--db", db])
            #expect(connect.succeeded, "\(connect.stderr)")
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            for round in 0..<8 {
                let running = try cli.start(["sync", "zendesk", "--db", db, "--page-size", "100", "--export-budget", "100000"])
                try await Task.sleep(for: .milliseconds(Int64.random(in: 80...700, using: &generator)))
                running.kill()
                let result = try await running.wait(timeout: .seconds(30))
                if result.status != 0 { kills += 1 }
                if round == 3 { try sandbox.addComment(ticketID: 5, body: "a change while the sync was down") }
            }
            #expect(kills >= 4, "the sync finished too fast to be interrupted; make the dataset bigger")
            let final = try await cli.run(["sync", "zendesk", "--db", db, "--page-size", "100", "--export-budget", "100000", "--json"])
            #expect(final.succeeded, "\(final.stderr)")
            let differences = try await Store.using(.sqlite(path: db)) { try await MirrorComparison.differences(store: $0, connection: "default", sandbox: sandbox) }
            #expect(differences.isEmpty, "\(differences)")
            let rerun = try await cli.run(["sync", "zendesk", "--db", db, "--export-budget", "100000", "--json"])
            let streams = (try JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any])?["streams"] as? [[String: Any]] ?? []
            #expect(streams.map { $0["records"] as? Int } == [0, 0, 0, 0])
        }
    }
}

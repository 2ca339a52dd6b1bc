import Foundation
import Sandbox
import SwitchboardTestSupport
import Testing

/// `switchboard sandbox consonance`, run as a real process: it prints where it listens and answers GraphQL there.
@Suite struct ConsonanceSandboxCommandTests {
    @Test func servesGraphQLUntilKilled() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let key = "Abcdefghijklmnopqrstuvwxyz012345"
        let sandbox = try CLIProcess(home: home.path).start([
            "sandbox", "consonance", "--port", "0", "--seed", "5", "--works", "30", "--key", key, "--page-size", "10",
            "--today", "2025-06-02",
        ])
        defer { sandbox.kill() }
        let banner = try await sandbox.waitForOutput(containing: "Bearer")
        #expect(banner.contains("Consonance sandbox listening on http://127.0.0.1:"))
        #expect(banner.contains("30 works") && banner.contains("today 2025-06-02"))
        #expect(banner.contains("Authorization: Bearer \(key)"))
        let url = try #require(banner.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "(),")) })

        let body = Array(#"{"query":"{ works(workSearch: {after: 0}) { id title projectStage } }"}"#.utf8)
        let response = try await TestHTTP.request("POST", url + "/graphql",
                                                  headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"],
                                                  body: body)
        #expect(response.status == 200)
        let works = ((response.json as? [String: Any])?["data"] as? [String: Any])?["works"] as? [[String: Any]]
        #expect(works?.count == 10)
        #expect(works?.first?["id"] as? Int == 1)

        let expected = ConsonanceSandbox(configuration: ConsonanceSandboxConfiguration(seed: 5, workCount: 30, apiKey: key,
                                                                                     today: SandboxDate("2025-06-02")!))
        #expect(works?.first?["title"] as? String == expected.works().first?.title)

        let unauthorised = try await TestHTTP.request("POST", url + "/graphql", body: body)
        #expect(unauthorised.status == 401)
    }

    @Test func invalidOptionsAreExplained() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let cli = CLIProcess(home: home.path)
        let badKey = try await cli.run(["sandbox", "consonance", "--key", "short"])
        #expect(badKey.status != 0)
        #expect(badKey.stderr.contains("--key must be 32 letters and digits"))
        let badDate = try await cli.run(["sandbox", "consonance", "--today", "02/06/2025"])
        #expect(badDate.stderr.contains("--today must be a date written YYYY-MM-DD"))
        let badFaults = try await cli.run(["sandbox", "consonance", "--faults", "over-report=3"])
        #expect(badFaults.stderr.contains("between 0 and 1"))
    }
}

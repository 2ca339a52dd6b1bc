import ConnectorKit
import Foundation
import Sandbox
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import ZendeskKit

/// The commands scripts rely on, run as real processes against a sandbox over HTTP.
@Suite struct ZendeskCLITests {
    @Test func wrongTokenExplainsTheUsualCauseAndStoresNothing() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 5)) { _, baseURL in
            let cli = CLIProcess(home: home.path)
            let result = try await cli.run(["connect", "zendesk", "--url", baseURL, "--email", "admin@example.com", "--token", "not-the-token", "--db", home.file("sb.db")])
            #expect(result.status != 0)
            #expect(result.stderr.contains("the email must be that user's email"))
            #expect(result.stderr.contains("Nothing was stored"))
            #expect(!result.stderr.contains("not-the-token"))
            let stats = try await cli.run(["mirror", "stats", "--db", home.file("sb.db"), "--json"])
            #expect(stats.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"tickets":0,"comments":0,"users":0,"organizations":0,"tags":0}"#)
            let connections = try await Store.using(.sqlite(path: home.file("sb.db"))) { store in try await store.session { try await $0.connections() } }
            #expect(connections.isEmpty)
        }
    }

    @Test func connectSyncStatsAndDisconnect() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 60)) { sandbox, baseURL in
            let cli = CLIProcess(home: home.path)
            let db = home.file("sb.db")
            let connect = try await cli.run(["connect", "zendesk", "--url", baseURL, "--email", "admin@example.com", "--token", "sandbox-token", "--db", db])
            #expect(connect.succeeded, "\(connect.stderr)")
            #expect(connect.stdout.contains("stored encrypted"))
            let keyMode = try FileManager.default.attributesOfItem(atPath: home.file("master.key"))[.posixPermissions] as? NSNumber
            #expect(keyMode?.intValue == 0o600)

            let sync = try await cli.run(["sync", "zendesk", "--db", db, "--export-budget", "100000", "--json"])
            #expect(sync.succeeded, "\(sync.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any]
            #expect((summary?["mirror"] as? [String: Any])?["tickets"] as? Int == 60)
            #expect(sync.stderr.contains("sync tickets"))

            let stats = try await cli.run(["mirror", "stats", "--db", db, "--json"])
            let expected = #"{"tickets":60,"comments":\#(sandbox.commentCount()),"users":\#(sandbox.userSummaries().count),"organizations":\#(sandbox.organizationSummaries().count),"tags":\#(sandbox.distinctTags().count)}"#
            #expect(stats.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == expected)

            let noChange = try await cli.run(["sync", "zendesk", "--db", db, "--export-budget", "100000", "--json"])
            let quiet = try JSONSerialization.jsonObject(with: Data(noChange.stdout.utf8)) as? [String: Any]
            let streams = quiet?["streams"] as? [[String: Any]] ?? []
            #expect(streams.count == 4)
            #expect(streams.allSatisfy { $0["records"] as? Int == 0 })

            let disconnect = try await cli.run(["disconnect", "zendesk", "--db", db, "--purge"])
            #expect(disconnect.succeeded)
            #expect(disconnect.stdout.contains("To revoke it"))
            let after = try await cli.run(["mirror", "stats", "--db", db, "--json"])
            #expect(after.stdout.contains(#"{"tickets":0,"#))
            let resync = try await cli.run(["sync", "zendesk", "--db", db])
            #expect(resync.status != 0)
            #expect(resync.stderr.contains("no Zendesk connection named \"default\""))
        }
    }

    @Test func syncAgainstAnUnreachableZendeskFailsClearly() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let cli = CLIProcess(home: home.path)
        let result = try await cli.run(["sync", "zendesk", "--url", "http://127.0.0.1:1", "--email", "a@b.example", "--token", "t", "--db", home.file("x.db"),
                                        "--retry-attempts", "2", "--retry-base-ms", "10"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("error:"))
        #expect(result.stderr.contains("failed after 2 attempts"))
        #expect(result.stderr.contains("run the same command again to resume"))
    }

    @Test func sandboxCommandServesUntilKilled() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        let sandbox = try CLIProcess(home: home.path).start(["sandbox", "zendesk", "--port", "0", "--tickets", "25", "--seed", "3", "--rate-limit", "none"])
        defer { sandbox.kill() }
        let banner = try await sandbox.waitForOutput(containing: "listening on")
        let url = try #require(banner.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init))
        let transport = AsyncHTTPTransport()
        let client = ZendeskClient(configuration: ZendeskConfiguration(baseURL: url, credentials: .apiToken(email: "admin@example.com", token: "sandbox-token")), transport: transport)
        // Shut down however the count ends: a dropped running client aborts the whole test process.
        let count: Int
        do {
            count = try await client.count(of: "tickets")
        } catch {
            try? await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
        #expect(count == 25)
        let bad = try await CLIProcess(home: home.path).run(["sandbox", "zendesk", "--faults", "5xx=2"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("between 0 and 1"))
    }

    @Test func customersCanBeAddedMappedAndListedWithTheirTickets() async throws {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 80)) { sandbox, baseURL in
            let cli = CLIProcess(home: home.path)
            let db = home.file("sb.db")
            let organization = try #require(sandbox.organizationSummaries().first)
            let csv = home.file("customers.csv")
            try "name,domains\n\"Acme, Books\",acme.example;acme-books.example\nBramble Audio,bramble.example\n".write(toFile: csv, atomically: true, encoding: .utf8)
            #expect(try await cli.run(["customers", "import", csv, "--db", db]).stdout.contains("2 new customers"))
            _ = try await cli.run(["sync", "zendesk", "--url", baseURL, "--email", "admin@example.com", "--token", "sandbox-token", "--db", db, "--export-budget", "100000"])
            let map = try await cli.run(["customers", "map", String(organization.id), "Acme, Books", "--db", db])
            #expect(map.succeeded, "\(map.stderr)")
            let expected = sandbox.ticketSummaries().filter { $0.organizationID == organization.id }.count
            #expect(map.stdout.contains("\(expected) ticket"))
            let tickets = try await cli.run(["customers", "tickets", "Acme, Books", "--db", db, "--limit", "1000"])
            #expect(tickets.stdout.hasPrefix("Acme, Books: \(expected) ticket"))
            let list = try await cli.run(["customers", "list", "--db", db])
            #expect(list.stdout.contains("acme-books.example,acme.example"))
            let broken = home.file("broken.csv")
            try "name,domains\n\"unclosed,x\n".write(toFile: broken, atomically: true, encoding: .utf8)
            let failure = try await cli.run(["customers", "import", broken, "--db", db])
            #expect(failure.status != 0)
            #expect(failure.stderr.contains("broken.csv:2: a quoted field is never closed"))
        }
    }
}

import ArgumentParser
import Foundation
import Sandbox

/// `switchboard sandbox …`: local imitations of the remote APIs, for trying Switchboard and for tests.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "Run a local imitation of a remote API.", subcommands: [SandboxZendesk.self, SandboxConsonance.self, SandboxWhatsApp.self])
}

struct SandboxZendesk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zendesk",
        abstract: "Serve a local Zendesk (Support API v2) with seeded data until killed.",
        discussion: """
            Log in with email admin@example.com and token sandbox-token (Basic "email/token:token"), or --oauth-token.
            Data is generated from the seed; tickets can be created, updated and commented on through the API.
            Requests received: GET /_sandbox/requests. See docs/sandbox.md.
            """
    )

    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Tickets to generate (about 5 comments each).") var tickets: Int = 1_000
    @Option(help: "Seed of the generated data; the same seed gives the same data.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Fault probabilities, e.g. 5xx=0.1,429=0.05,reset=0.02,truncate=0.01,slow=0.01,slow-delay=2s.", valueName: "spec"))
    var faults: String?
    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Budgets, e.g. account=700/60s,export=10/60s (the default), or none.", valueName: "spec"))
    var rateLimit: String?
    @Option(help: ArgumentHelp("Seconds before a change shows in incremental exports (Zendesk: 60).", valueName: "seconds")) var exportLag: Double = 60
    @Option(help: "Email of the admin user.") var email = "admin@example.com"
    @Option(help: "API token accepted for the admin.") var token = "sandbox-token"
    @Option(name: .customLong("oauth-token"), help: "An OAuth bearer token to accept as well.") var oauthTokens: [String] = []

    func validate() throws {
        guard tickets >= 0 else { throw ValidationError("--tickets must be 0 or more") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        _ = try faultMix()
        _ = try rateLimits()
    }

    private func faultMix() throws -> FaultMix {
        guard let faults else { return .none }
        do { return try FaultMix(parsing: faults) } catch { throw ValidationError(error.description) }
    }

    private func rateLimits() throws -> RateLimitSpec {
        guard let rateLimit else { return .zendeskDefault }
        do { return try RateLimitSpec(parsing: rateLimit) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let configuration = ZendeskSandboxConfiguration(
            seed: seed, ticketCount: tickets, adminEmail: email, credentials: [email: token], oauthTokens: Set(oauthTokens),
            rateLimits: try rateLimits(), faults: try faultMix(),
            exportLag: .milliseconds(Int64(exportLag * 1000)))
        let sandbox = ZendeskSandbox(configuration: configuration)
        let host = self.host
        let summary = "\(tickets) tickets, seed \(seed), rate limits \(configuration.rateLimits), faults \(configuration.faults)"
        try await sandbox.run(host: host, port: port) { bound in
            Output.line("Zendesk sandbox listening on http://\(host):\(bound) (\(summary))")
            Output.line("Credentials: --email \(configuration.adminEmail) --token \(token)")
        }
    }
}

struct SandboxConsonance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consonance",
        abstract: "Serve a local Consonance (GraphQL API) with a seeded catalogue until killed.",
        discussion: """
            POST /graphql with Authorization: Bearer <key> (default \(ConsonanceSandboxConfiguration.defaultAPIKey)).
            Lists are plain arrays paged with after (id greater than); changedSince compares dates.
            Changes "inside Consonance" and the request log: /_sandbox/… (no key). See docs/sandbox.md.
            """
    )

    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8081
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Seed of the generated catalogue; the same seed (and date) gives the same data.") var seed: UInt64 = 1
    @Option(help: "Works to generate (each with 2–4 products).") var works: Int = 200
    @Option(help: ArgumentHelp("API key to accept (32 letters and digits, like a real key).", valueName: "key"))
    var key: String = ConsonanceSandboxConfiguration.defaultAPIKey
    @Option(name: .customLong("page-size"), help: "Most records a list query returns.") var pageSize: Int = 100
    @Option(help: ArgumentHelp("The sandbox's date, YYYY-MM-DD (default: today, UTC).", valueName: "date")) var today: String?
    @Option(help: ArgumentHelp("Faults, e.g. 500=0.05,429=0.05,reset=0.01,slow=0.01,slow-delay=2s,over-report=0.2.", valueName: "spec"))
    var faults: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (0...500_000).contains(works) else { throw ValidationError("--works must be between 0 and 500000") }
        guard pageSize >= 1 else { throw ValidationError("--page-size must be 1 or more") }
        guard key.count == 32, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ValidationError("--key must be 32 letters and digits, like a Consonance API key")
        }
        _ = try date()
        _ = try faultSpec()
    }

    private func date() throws -> SandboxDate {
        guard let today else { return .today() }
        guard let date = SandboxDate(today) else { throw ValidationError("--today must be a date written YYYY-MM-DD, e.g. 2025-06-02") }
        return date
    }

    private func faultSpec() throws -> ConsonanceFaults {
        guard let faults else { return ConsonanceFaults() }
        do { return try ConsonanceFaults(parsing: faults) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        let spec = try faultSpec()
        let configuration = ConsonanceSandboxConfiguration(
            seed: seed, workCount: works, apiKey: key, pageSize: pageSize, today: try date(), faults: spec.mix,
            overReportChanges: spec.overReportChanges)
        let sandbox = ConsonanceSandbox(configuration: configuration)
        let host = self.host
        let summary = "\(works) works, \(sandbox.productCount) products, seed \(seed), page size \(pageSize), "
            + "today \(configuration.today), faults \(spec)"
        let key = self.key
        try await sandbox.run(host: host, port: port) { bound in
            Output.line("Consonance sandbox listening on http://\(host):\(bound) (\(summary))")
            Output.line("GraphQL: POST http://\(host):\(bound)/graphql with Authorization: Bearer \(key)")
        }
    }
}

import Testing
@testable import Sandbox

@Suite struct RateLimitTests {
    @Test func account_budget_counts_down_rejects_and_resets() async throws {
        try await SandboxHarness.with(configure: { $0.rateLimits = try! RateLimitSpec(parsing: "account=3/60s") }) { harness in
            var remaining: [Int?] = []
            for _ in 0..<3 {
                let result = try await harness.get("/api/v2/tickets/1.json")
                #expect(result.status == 200)
                #expect(result.intHeader("x-rate-limit") == 3)
                #expect(result.intHeader("ratelimit-limit") == 3)
                #expect(result.intHeader("ratelimit-reset") == 60)
                remaining.append(result.intHeader("x-rate-limit-remaining"))
                #expect(result.intHeader("ratelimit-remaining") == remaining.last!)
            }
            #expect(remaining == [2, 1, 0])

            let rejected = try await harness.get("/api/v2/tickets/1.json")
            #expect(rejected.status == 429)
            #expect(rejected.header("Retry-After") == "60")
            #expect(rejected.header("Content-Type")?.hasPrefix("text/plain") == true)

            harness.clock.advance(seconds: 45)
            let stillRejected = try await harness.get("/api/v2/tickets/1.json")
            #expect(stillRejected.status == 429)
            #expect(stillRejected.header("Retry-After") == "15")

            harness.clock.advance(seconds: 15)
            let fresh = try await harness.get("/api/v2/tickets/1.json")
            #expect(fresh.status == 200)
            #expect(fresh.intHeader("x-rate-limit-remaining") == 2)
            #expect(harness.sandbox.requestLog().filter(\.rateLimited).count == 2)
        }
    }

    @Test func export_budget_is_separate_from_the_account() async throws {
        try await SandboxHarness.with(configure: {
            $0.rateLimits = try! RateLimitSpec(parsing: "account=100/60s,export=2/10s")
        }) { harness in
            let path = "/api/v2/incremental/organizations.json?start_time=0"
            let first = try await harness.get(path)
            #expect(first.intHeader("ratelimit-limit") == 2)
            #expect(first.intHeader("ratelimit-remaining") == 1)
            #expect(first.intHeader("ratelimit-reset") == 10)
            #expect(first.intHeader("x-rate-limit-remaining") == 100)
            _ = try await harness.get("/api/v2/incremental/ticket_events.json?start_time=0")
            let third = try await harness.get(path)
            #expect(third.status == 429)
            #expect(third.header("Retry-After") == "10")
            let account = try await harness.get("/api/v2/tickets.json")
            #expect(account.status == 200)
            #expect(account.intHeader("x-rate-limit-remaining") == 99)
            #expect(account.header("zendesk-ratelimit-tickets-index") == "total=100; remaining=99; resets=60")
        }
    }

    @Test func seconds_round_up() async throws {
        try await SandboxHarness.with(configure: {
            $0.rateLimits = RateLimitSpec(account: .init(limit: 1, period: .milliseconds(1500)), export: nil)
        }) { harness in
            let first = try await harness.get("/api/v2/tickets/count")
            #expect(first.intHeader("ratelimit-reset") == 2)
            let second = try await harness.get("/api/v2/tickets/count")
            #expect(second.status == 429)
            #expect(second.header("Retry-After") == "2")
            harness.clock.advance(seconds: 1.5)
            #expect(try await harness.get("/api/v2/tickets/count").status == 200)
        }
    }

    @Test func limits_can_change_at_runtime() async throws {
        try await SandboxHarness.with { harness in
            let unlimited = try await harness.get("/api/v2/tickets/1")
            #expect(unlimited.intHeader("x-rate-limit") == 1_000_000, "unlimited budgets still announce a (very high) limit, as Zendesk always does")
            harness.sandbox.setRateLimits(try RateLimitSpec(parsing: "account=1/1m"))
            #expect(try await harness.get("/api/v2/tickets/1").status == 200)
            #expect(try await harness.get("/api/v2/tickets/1").status == 429)
        }
    }
}

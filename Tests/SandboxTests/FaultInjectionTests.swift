import AsyncHTTPClient
import Testing
@testable import Sandbox

@Suite struct FaultInjectionTests {
    @Test func server_errors_have_no_side_effects() async throws {
        try await SandboxHarness.with(configure: { $0.faults = try! FaultMix(parsing: "500=1") }) { harness in
            var sawHTML = false
            var sawJSON = false
            for _ in 0..<12 {
                let result = try await harness.send(.POST, "/api/v2/tickets.json",
                                                    json: #"{"ticket":{"subject":"x","comment":{"body":"y"}}}"#)
                #expect(result.status == 500)
                if result.text.contains("<html>") { sawHTML = true }
                if result.json == .object(["status": .int(500), "error": .string("Internal Server Error")]) { sawJSON = true }
            }
            #expect(sawHTML && sawJSON)
            #expect(harness.sandbox.liveTicketCount == 40)
            #expect(harness.sandbox.requestLog().allSatisfy { $0.fault == .internalServerError && $0.status == 500 })
        }
    }

    @Test func service_unavailable_and_429_carry_retry_after() async throws {
        try await SandboxHarness.with(configure: {
            $0.faults = try! FaultMix(parsing: "503=1")
            $0.rateLimits = try! RateLimitSpec(parsing: "account=5/60s")
        }) { harness in
            let unavailable = try await harness.get("/api/v2/tickets/1")
            #expect(unavailable.status == 503)
            #expect(unavailable.header("Retry-After") == "1")
            #expect(unavailable.header("Content-Type")?.hasPrefix("text/plain") == true)

            harness.sandbox.setFaults(try FaultMix(parsing: "429=1"))
            let limited = try await harness.get("/api/v2/tickets/1")
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "1")

            harness.sandbox.setFaults(.none)
            let normal = try await harness.get("/api/v2/tickets/1")
            #expect(normal.status == 200)
            #expect(normal.intHeader("x-rate-limit-remaining") == 4)
        }
    }

    @Test func reset_closes_the_connection_without_a_response() async throws {
        try await SandboxHarness.with(configure: { $0.faults = try! FaultMix(parsing: "reset=1") }) { harness in
            await #expect(throws: (any Error).self) {
                _ = try await harness.get("/api/v2/tickets/1.json")
            }
            let entry = try #require(harness.sandbox.requestLog().last)
            #expect(entry.fault == .connectionReset)
            #expect(entry.status == nil)
        }
    }

    @Test func truncated_bodies_fail_on_the_client() async throws {
        try await SandboxHarness.with(configure: { $0.faults = try! FaultMix(parsing: "truncate=1") }) { harness in
            await #expect(throws: (any Error).self) {
                _ = try await harness.get("/api/v2/tickets.json")
            }
            let entry = try #require(harness.sandbox.requestLog().last)
            #expect(entry.fault == .truncatedBody)
            #expect(entry.status == 200)
        }
    }

    @Test func slow_responses_arrive_late_but_whole() async throws {
        try await SandboxHarness.with(configure: {
            $0.faults = try! FaultMix(parsing: "slow=1,slow-delay=300ms")
        }) { harness in
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await harness.get("/api/v2/tickets/1")
            #expect(result.status == 200)
            #expect(clock.now - started >= .milliseconds(300))
            #expect(harness.sandbox.requestLog().last?.fault == .slowResponse)
        }
    }

    @Test func fault_sequences_are_reproducible() async throws {
        func statuses() async throws -> [Int] {
            try await SandboxHarness.with(configure: {
                $0.faults = try! FaultMix(parsing: "5xx=0.3,429=0.2")
                $0.faultSeed = 1234
            }) { harness in
                var statuses: [Int] = []
                for _ in 0..<30 { statuses.append(try await harness.get("/api/v2/tickets/count").status) }
                return statuses
            }
        }
        let first = try await statuses()
        #expect(first == (try await statuses()))
        #expect(first.contains(200) && first.contains(429) && first.contains { $0 >= 500 })
    }
}

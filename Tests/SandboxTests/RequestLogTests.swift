import Testing
@testable import Sandbox

@Suite struct RequestLogTests {
    @Test func every_request_is_recorded() async throws {
        try await SandboxHarness.with(configure: { $0.rateLimits = try! RateLimitSpec(parsing: "account=100/60s") }) { harness in
            _ = try await harness.get("/api/v2/tickets.json?page%5Bsize%5D=2")
            _ = try await harness.get("/api/v2/incremental/organizations.json?start_time=0")
            _ = try await harness.get("/api/v2/users/me", auth: .none)
            _ = try await harness.get("/elsewhere")
            let log = harness.sandbox.requestLog()
            #expect(log.map(\.path) == ["/api/v2/tickets.json", "/api/v2/incremental/organizations.json",
                                        "/api/v2/users/me", "/elsewhere"])
            #expect(log.map(\.status) == [200, 200, 401, 404])
            #expect(log.map(\.budget) == [.account, .export, nil, nil])
            #expect(log[0].query == "page%5Bsize%5D=2")
            #expect(log[0].method == "GET")
            #expect(log[0].time == TestClock.start)
            #expect(log.map(\.authFailed) == [false, false, true, false])

            let scripted = try await harness.get("/_sandbox/requests", auth: .none)
            #expect(scripted.status == 200)
            let entries = scripted.json.at("requests").array
            #expect(entries.count == 4)
            #expect(entries[2].at("auth_failed") == .bool(true))
            #expect(entries[1].at("budget").string == "export")

            harness.sandbox.clearRequestLog()
            #expect(harness.sandbox.requestLog().isEmpty)
        }
    }

    @Test func the_log_is_bounded() async throws {
        try await SandboxHarness.with(configure: { $0.requestLogCapacity = 3 }) { harness in
            for id in 1...6 { _ = try await harness.get("/api/v2/tickets/\(id)") }
            #expect(harness.sandbox.requestLog().map(\.path) == ["/api/v2/tickets/4", "/api/v2/tickets/5", "/api/v2/tickets/6"])
        }
    }
}

@Suite struct LifecycleTests {
    @Test func start_reports_a_port_that_is_already_taken() async throws {
        try await SandboxHarness.with { harness in
            let port = try #require(harness.sandbox.port)
            let second = ZendeskSandbox(configuration: .init(ticketCount: 1))
            await #expect(throws: (any Error).self) { try await second.start(port: port) }
            #expect(second.port == nil)
            #expect(harness.sandbox.baseURL == "http://127.0.0.1:\(port)")
        }
    }
}

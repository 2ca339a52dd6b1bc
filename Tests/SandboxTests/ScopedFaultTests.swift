import Testing
@testable import Sandbox

@Suite struct ScopedFaultTests {
    @Test func write_faults_leave_reads_working() async throws {
        try await SandboxHarness.with { harness in
            harness.sandbox.setFaults(try FaultMix(parsing: "500=1"), scope: .writes)
            #expect(harness.sandbox.faultScope == .writes)
            for _ in 0..<5 {
                #expect(try await harness.get("/api/v2/tickets/1.json").status == 200)
                let write = try await harness.send(.PUT, "/api/v2/tickets/1", json: #"{"ticket":{"priority":"low"}}"#)
                #expect(write.status == 500)
            }
            #expect(try await harness.get("/api/v2/search/count?query=type%3Aticket").status == 200)
            #expect(harness.sandbox.requestLog().filter { $0.method == "GET" }.allSatisfy { $0.fault == nil })

            harness.sandbox.setFaults(try FaultMix(parsing: "503=1"), scope: .writesUnder(prefix: "/api/v2/tickets"))
            #expect(try await harness.send(.POST, "/api/v2/tickets", json: #"{"ticket":{"comment":{"body":"x"}}}"#).status == 503)
            #expect(try await harness.send(.POST, "/api/v2/users", json: #"{"user":{"name":"Ok"}}"#).status == 201)

            harness.sandbox.setFaults(try FaultMix(parsing: "500=1"), scope: .path(prefix: "tickets/2"))
            #expect(try await harness.get("/api/v2/tickets/2.json").status == 500)
            #expect(try await harness.get("/api/v2/tickets/3.json").status == 200)

            harness.sandbox.setFaults(.none)
            #expect(harness.sandbox.faultScope == .all)
            #expect(try await harness.send(.PUT, "/api/v2/tickets/4", json: #"{"ticket":{"subject":"ok"}}"#).status != 500)
        }
    }

    @Test func probabilities_adding_up_to_one_fail_every_request() async throws {
        try await SandboxHarness.with(configure: {
            $0.faults = try! FaultMix(parsing: "500=0.1,503=0.2,429=0.7")
        }) { harness in
            for _ in 0..<60 {
                let status = try await harness.get("/api/v2/tickets/count").status
                #expect([500, 503, 429].contains(status))
            }
        }
    }
}

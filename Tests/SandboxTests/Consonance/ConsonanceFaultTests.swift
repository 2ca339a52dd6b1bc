import Foundation
import Testing
@testable import Sandbox

@Suite struct ConsonanceFaultTests {
    private let query = "{ works { id } }"

    @Test func server_errors_replace_every_answer_at_probability_one() async throws {
        try await ConsonanceHarness.with(configure: { $0.faults = FaultMix(internalServerError: 1) }) { harness in
            for _ in 0..<4 {
                let result = try await harness.graphQL(query)
                #expect(result.status == 500)
                #expect(result.json["data"] == nil)
            }
            #expect(harness.sandbox.requestLog().allSatisfy { $0.fault == .internalServerError && $0.status == 500 })
            harness.sandbox.setFaults(FaultMix.none)
            #expect(try await harness.graphQL(query).status == 200)
        }
    }

    @Test func too_many_requests_carries_retry_after() async throws {
        try await ConsonanceHarness.with { harness in
            harness.sandbox.setFaults(FaultMix(tooManyRequests: 1))
            let result = try await harness.graphQL(query)
            #expect(result.status == 429)
            #expect(result.intHeader("Retry-After") == 1)
            harness.sandbox.setFaults(FaultMix(serviceUnavailable: 1))
            let unavailable = try await harness.graphQL(query)
            #expect(unavailable.status == 503)
            #expect(unavailable.header("Retry-After") != nil)
        }
    }

    @Test func faults_apply_before_authentication_and_have_no_side_effects() async throws {
        try await ConsonanceHarness.with { harness in
            harness.sandbox.setFaults(FaultMix(internalServerError: 1))
            let product = try #require(harness.sandbox.products().first)
            let result = try await harness.graphQL(#"mutation { updateProduct(input: {id: \#(product.id), subtitle: "Changed"}) { errors } }"#)
            #expect(result.status == 500)
            #expect(harness.sandbox.product(id: product.id) == product)
        }
    }

    @Test func fault_specs_parse_and_admin_can_set_them() async throws {
        let parsed = try ConsonanceFaults(parsing: "500=0.5,429=0.25,over-report=0.2")
        #expect(parsed.mix.internalServerError == 0.5 && parsed.mix.tooManyRequests == 0.25)
        #expect(parsed.overReportChanges == 0.2)
        #expect(throws: SpecParseError.self) { try ConsonanceFaults(parsing: "over-report=2") }
        #expect(throws: SpecParseError.self) { try ConsonanceFaults(parsing: "teapot=0.1") }
        try await ConsonanceHarness.with { harness in
            let set = try await harness.admin(.PUT, "faults", json: #"{"faults":"429=1,over-report=0.3"}"#)
            #expect(set.status == 200)
            #expect(set.json.at("faults").string == "429=1.0,over-report=0.3")
            #expect(harness.sandbox.faults.overReportChanges == 0.3)
            #expect(try await harness.graphQL(query).status == 429)
            let bad = try await harness.admin(.PUT, "faults", json: #"{"faults":"500=7"}"#)
            #expect(bad.status == 400)
            _ = try await harness.admin(.PUT, "faults", json: #"{"faults":"none"}"#)
            #expect(try await harness.graphQL(query).status == 200)
        }
    }
}

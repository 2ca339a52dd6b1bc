import Foundation
import Testing
@testable import Sandbox

/// Throughput, pair rate, recipients not on WhatsApp and injected faults.
@Suite struct WhatsAppSandboxRuleTests {
    @Test func throughputLimitIs130429() async throws {
        // One message a second, and five sent at once: however slow the machine, at least two must be refused.
        try await WhatsAppSandboxHarness.with(configure: { $0.throughputPerSecond = 1; $0.pairRateLimit = .disabled }) { harness in
            let results = try await withThrowingTaskGroup(of: (Int, Int64?).self) { group in
                for index in 0..<5 {
                    group.addTask {
                        let result = try await harness.sendText("n\(index)", to: "44770090012\(index)")
                        return (Int(result.status), result.status == 200 ? 0 : result.json.at("error", "code").int)
                    }
                }
                return try await group.reduce(into: [(Int, Int64?)]()) { $0.append($1) }
            }
            for (status, code) in results where code != 0 { #expect(status == 429) }
            #expect(results.filter { $0.1 == 130429 }.count >= 2)
        }
    }

    @Test func pairRateLimitIs131056() async throws {
        try await WhatsAppSandboxHarness.with(configure: { $0.pairRateLimit = PairRateLimit(interval: .seconds(120), burst: 2) }) { harness in
            #expect(try await harness.sendText("one", to: "447700900123").status == 200)
            #expect(try await harness.sendText("two", to: "447700900123").status == 200)
            let third = try await harness.sendText("three", to: "447700900123")
            #expect(third.status == 429)
            #expect(third.json.at("error", "code").int == 131056)
            #expect(third.json.at("error", "message").string == "(#131056) (Business Account, Consumer Account) pair rate limit hit")
            #expect(try await harness.sendText("other recipient", to: "447700900999").status == 200)
            let disabled = try await harness.admin(.PUT, "/limits", #"{"pair_rate_limit":{"enabled":false}}"#)
            #expect(disabled.status == 204)
            #expect(try await harness.sendText("four", to: "447700900123").status == 200)
        }
    }

    @Test func recipientNotOnWhatsAppFailsWith131026() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let put = try await harness.admin(.PUT, "/contacts/447700900555", #"{"name":"Landline","on_whatsapp":false}"#)
            #expect(put.status == 200)
            let result = try await harness.sendMessage(
                #"{"messaging_product":"whatsapp","to":"447700900555","type":"template","template":{"name":"launch_ready","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"The Salt Road"},{"type":"text","text":"1 May"}]}]}}"#)
            let wamid = try #require(result.json.at("messages").array.first?.at("id").string)
            #expect(await WhatsAppSandboxHarness.eventually { Set(harness.receiver.statuses(of: wamid)) == ["failed"] }, "a slow answer may be retried, so the status can arrive twice")
            #expect(harness.sandbox.sentMessage(wamid)?.statuses.last?.errorCode == 131026)
        }
    }

    @Test func injectedFaultsFailTheNextSends() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let injected = try await harness.admin(.POST, "/faults", #"{"count":2,"code":131000,"http_status":500}"#)
            #expect(injected.status == 201)
            for _ in 0..<2 {
                let failed = try await harness.sendText("x", to: "447700900123")
                #expect(failed.status == 500)
                #expect(failed.json.at("error", "code").int == 131000)
                #expect(failed.json.at("error", "message").string == "(#131000) Something went wrong")
            }
            harness.sandbox.injectFault(WhatsAppFault(code: 2, httpStatus: 503))
            #expect(try await harness.sendText("x", to: "447700900123").json.at("error", "code").int == 2)
            #expect(try await harness.sendText("x", to: "447700900123").status == 200)
            #expect(harness.sandbox.sentMessages().count == 1)
        }
    }

    @Test func aFaultForOneRecipientFailsOnlySendsToThem() async throws {
        try await WhatsAppSandboxHarness.with { harness in
            let injected = try await harness.admin(.POST, "/faults", #"{"count":1,"code":131026,"http_status":400,"wa_id":"+44 7700 900124"}"#)
            #expect(injected.status == 201)
            #expect(injected.json.at("data").array.first?.at("wa_id").string == "447700900124")
            // Sends to someone else pass the fault by and leave it queued.
            #expect(try await harness.sendText("to Ada", to: "447700900123").status == 200)
            #expect(harness.sandbox.pendingFaults().count == 1)
            let failed = try await harness.sendText("to Bob", to: "447700900124")
            #expect(failed.status == 400)
            #expect(failed.json.at("error", "code").int == 131026)
            #expect(harness.sandbox.pendingFaults().isEmpty)
            #expect(try await harness.sendText("to Bob again", to: "447700900124").status == 200)
            #expect(harness.sandbox.sentMessages().map(\.body) == ["to Ada", "to Bob again"])
        }
    }
}

import ConnectorKit
import Foundation
import Testing

@Suite struct RemoteCallerTests {
    let fastRetries = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20), jitter: 0.5, maxRateLimitWaits: 3)

    func caller(_ transport: ScriptedTransport) -> RemoteCaller {
        RemoteCaller(transport: transport, retryPolicy: fastRetries)
    }

    func decodeOK(_ response: InboundResponse) throws -> String {
        guard let text = String(bytes: response.body, encoding: .utf8), text.hasPrefix("{") else {
            throw RetryableResponseError(reason: "not JSON")
        }
        return text
    }

    @Test func retriesServerErrorsResetsAndMalformedBodiesThenSucceeds() async throws {
        let transport = ScriptedTransport([
            .respond(.json(500, #"{"status":500,"error":"Internal Server Error"}"#)),
            .fail(TransportError(kind: .connectionReset, detail: "reset")),
            .respond(.json(200, "truncat")),
            .respond(.json(200, #"{"ok":true}"#)),
        ])
        let budget = RateLimitBudget(name: "test", configuration: .unlimited)
        let body = try await caller(transport).call(OutboundRequest(method: .get, url: "http://x/a"), budget: budget, interpret: decodeOK)
        #expect(body == #"{"ok":true}"#)
        #expect(transport.requests.count == 4)
    }

    @Test func givesUpAfterMaxAttemptsKeepingEveryError() async throws {
        let transport = ScriptedTransport(Array(repeating: .respond(.json(503, "down")), count: 10))
        let budget = RateLimitBudget(name: "test", configuration: .unlimited)
        do {
            _ = try await caller(transport).call(OutboundRequest(method: .get, url: "http://x/a"), budget: budget, interpret: decodeOK)
            Issue.record("expected failure")
        } catch let failure as RemoteCallFailure {
            #expect(failure.attempts == 4)
            #expect(failure.errors.count == 4)
            #expect(failure.lastResponse?.status == 503)
            #expect(failure.description.contains("failed after 4 attempts"))
        }
        #expect(transport.requests.count == 4)
    }

    @Test func waitsForRetryAfterOn429WithoutCountingItAsAFailure() async throws {
        let transport = ScriptedTransport([
            .respond(InboundResponse(status: 429, headers: [("Retry-After", "0.2")], body: Array("Too Many Requests".utf8))),
            .respond(.json(200, "{}")),
        ])
        let budget = RateLimitBudget(name: "test", configuration: .unlimited)
        let started = ContinuousClock.now
        _ = try await caller(transport).call(OutboundRequest(method: .get, url: "http://x/a"), budget: budget, interpret: decodeOK)
        #expect(ContinuousClock.now - started >= .milliseconds(200))
        let stats = await budget.stats
        #expect(stats.rateLimitedResponses == 1)
        #expect(stats.pauses == 1)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        struct NotFound: Error {}
        let transport = ScriptedTransport([.respond(.json(404, #"{"error":"RecordNotFound"}"#)), .respond(.json(200, "{}"))])
        let budget = RateLimitBudget(name: "test", configuration: .unlimited)
        await #expect(throws: NotFound.self) {
            _ = try await caller(transport).call(OutboundRequest(method: .get, url: "http://x/a"), budget: budget) { response -> String in
                if response.status == 404 { throw NotFound() }
                return ""
            }
        }
        #expect(transport.requests.count == 1)
    }
}

import Foundation
import Sandbox

/// Runs a body against a Zendesk sandbox served on a free loopback port, stopping it afterwards.
public enum SandboxHarness {
    /// Settings for tests: changes show in exports at once, and no rate limits unless a test asks.
    public static func testConfiguration(tickets: Int, seed: UInt64 = 7, rateLimits: RateLimitSpec = .unlimited, faults: FaultMix = .none) -> ZendeskSandboxConfiguration {
        ZendeskSandboxConfiguration(seed: seed, ticketCount: tickets, rateLimits: rateLimits, faults: faults, exportLag: .zero)
    }

    public static func withSandbox<T>(_ configuration: ZendeskSandboxConfiguration, _ body: (ZendeskSandbox, String) async throws -> T) async throws -> T {
        let sandbox = ZendeskSandbox(configuration: configuration)
        let port = try await sandbox.start()
        do {
            let result = try await body(sandbox, "http://127.0.0.1:\(port)")
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }
}

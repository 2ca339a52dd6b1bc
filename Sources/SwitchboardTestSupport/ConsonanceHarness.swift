import Foundation
import Sandbox

/// Runs a body against a Consonance sandbox served on a free loopback port, stopping it afterwards.
public enum ConsonanceHarness {
    public static func withSandbox<T>(_ configuration: ConsonanceSandboxConfiguration, _ body: (ConsonanceSandbox, String) async throws -> T) async throws -> T {
        let sandbox = ConsonanceSandbox(configuration: configuration)
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

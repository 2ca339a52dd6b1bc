import Foundation
import Hummingbird

/// A local, faithful imitation of the WhatsApp Cloud API, served over HTTP by Hummingbird.
///
/// Tests, the demo and WhatsAppKit's integration tests point at it instead of `graph.facebook.com`. It accepts
/// `POST /{version}/{phone-number-id}/messages` for every message type Switchboard sends, enforces Meta's rules
/// (bearer token, interactive limits, the template registry, the 24-hour window, throughput and pair rate limits),
/// answers with Meta's response and error envelopes, and reports back through signed, at-least-once webhooks:
/// `sent` → `delivered` → `read` statuses and messages from simulated contacts, who can be scripted to answer
/// buttons. What happens "on the phone side" is driven through this Swift API or `/_sandbox/…`.
public final class WhatsAppSandbox: Sendable {
    public let configuration: WhatsAppSandboxConfiguration
    let services: WhatsAppServices
    private let server = SandboxServer(label: "switchboard.sandbox.whatsapp")

    public init(configuration: WhatsAppSandboxConfiguration = WhatsAppSandboxConfiguration()) {
        self.configuration = configuration
        services = WhatsAppServices(configuration: configuration)
    }

    /// The bound port once serving, else `nil`.
    public var port: Int? { server.port }

    /// `http://127.0.0.1:PORT` once serving; the Graph base URL clients use (`baseURL + "/v23.0/…"`).
    public var baseURL: String { server.baseURL }

    /// Serves until the calling task is cancelled (used by `switchboard sandbox whatsapp`).
    public func run(host: String = "127.0.0.1", port: Int = 0,
                    onStarted: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let responder = WhatsAppResponder(services: services, admin: WhatsAppAdminEndpoints(sandbox: self))
        try await server.run(host: host, port: port, responder: responder, onStarted: onStarted)
    }

    /// Starts serving in a background task and returns the bound port (the current one if already serving).
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        try await server.start(notStarted: WhatsAppSandboxError.notStarted) { started in
            try await self.run(host: host, port: port, onStarted: started)
        }
    }

    /// Stops the server, cancels pending status updates, scripted replies and webhook deliveries, and waits.
    public func stop() async {
        await services.tasks.cancelAll()
        await server.stop()
        await services.webhooks.shutdown()
    }

    /// Waits until every scheduled status, scripted reply and webhook delivery (with its retries) has finished;
    /// `false` if `timeout` passed first.
    @discardableResult
    public func waitUntilIdle(timeout: Duration = .seconds(10)) async -> Bool {
        await services.tasks.waitUntilIdle(timeout: timeout)
    }

    /// Forgets messages, contacts' windows, scripts, faults, media, rate-limit counters and webhooks; templates
    /// return to the configured set, and the handshake runs again before the next delivery.
    public func reset() {
        services.reset()
    }
}

/// Failures of the sandbox itself (not of the API it imitates).
public enum WhatsAppSandboxError: Error, Sendable, CustomStringConvertible {
    case notStarted

    public var description: String {
        switch self {
        case .notStarted: return "The WhatsApp sandbox stopped before it was listening"
        }
    }
}

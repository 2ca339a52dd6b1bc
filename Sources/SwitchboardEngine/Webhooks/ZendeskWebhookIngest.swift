import ConnectorKit
import Crypto
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// Receives a Zendesk webhook: verifies its signature before anything else, turns it into an ``Event`` and hands
/// it to the ``FlowRuntime``. A request that fails verification is answered 401 and leaves no trace in the event log.
public struct ZendeskWebhookIngest: Sendable {
    /// How a delivery was answered.
    public enum Result: Sendable, Equatable {
        case accepted(eventID: String, runs: Int)
        case duplicate
        case rejected(status: Int, reason: String)
    }

    public let runtime: FlowRuntime
    /// The signing secret of a connection's webhooks, or nil if none is configured.
    public let secret: @Sendable (String) async throws -> String?

    public init(runtime: FlowRuntime, secret: @escaping @Sendable (String) async throws -> String?) {
        self.runtime = runtime
        self.secret = secret
    }

    public func receive(connection: String, body: [UInt8], header: (String) -> String?, now: Date = Date()) async -> Result {
        let secret: String?
        do {
            secret = try await self.secret(connection)
        } catch {
            return reject(503, "cannot read the webhook secret: \(error)")
        }
        guard let secret else { return reject(404, "no webhook secret is configured for Zendesk connection \"\(connection)\"") }
        do {
            try ZendeskWebhookVerifier(secret: secret).verify(body: body, signature: header(ZendeskWebhookVerifier.signatureHeader),
                                                             timestamp: header(ZendeskWebhookVerifier.timestampHeader), now: now)
        } catch {
            return reject(401, error.description)
        }
        guard let json = try? JSONValue.parse(body) else {
            return reject(400, "the body is not JSON")
        }
        let event: Event
        if json["type"]?.stringValue?.hasPrefix(ZendeskWebhookEvent.typePrefix) == true {
            guard let decoded = try? ZendeskWebhookEvent(json: json) else {
                return reject(400, "a zen:event-type event without an id")
            }
            event = Event(source: "zendesk.webhook", type: decoded.shortType, externalID: decoded.id, connection: connection,
                          occurredAt: decoded.time ?? now, context: ZendeskEventContext.context(for: decoded))
        } else {
            let invocation = header("X-Zendesk-Webhook-Invocation-Id")
            let externalID = invocation.flatMap { $0.isEmpty ? nil : "invocation:\($0)" }
                ?? "sha256:" + SHA256.hash(data: Data(body)).map { String(format: "%02x", $0) }.joined()
            event = Event(source: "zendesk.webhook", type: "trigger", externalID: externalID, connection: connection, occurredAt: now,
                          context: ZendeskEventContext.context(forTriggerBody: json))
        }
        do {
            switch try await runtime.ingest(event) {
            case .duplicate: return .duplicate
            case .accepted(let id, let runs): return .accepted(eventID: id, runs: runs.count)
            }
        } catch {
            return reject(503, "could not store the event: \(error)")
        }
    }

    private func reject(_ status: Int, _ reason: String) -> Result {
        runtime.metrics.webhookRejected(source: "zendesk", reason: status == 401 ? "signature" : String(status))
        return .rejected(status: status, reason: reason)
    }
}

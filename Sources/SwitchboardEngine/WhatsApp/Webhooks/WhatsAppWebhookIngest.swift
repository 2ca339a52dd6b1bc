import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// Receives a WhatsApp Cloud API webhook for one connection: answers the subscription handshake, verifies
/// `X-Hub-Signature-256` over the exact body before anything else, records inbound messages (once per `wamid`) and
/// delivery statuses, opts contacts out on STOP, and turns what happened into `whatsapp` flow events — all of one
/// delivery in one store transaction, so an acknowledged webhook is never half-stored and a redelivered one adds
/// nothing.
public struct WhatsAppWebhookIngest: Sendable {
    /// How a request was answered.
    public enum Result: Sendable, Equatable {
        /// The handshake succeeded: answer 200 with this text.
        case challenge(String)
        case accepted(WhatsAppWebhookSummary)
        case rejected(status: Int, reason: String)
    }

    public let runtime: FlowRuntime
    public let keys: @Sendable (String) async throws -> WhatsAppWebhookKeys?
    public let logger: Logger

    public init(runtime: FlowRuntime, logger: Logger = Logger(label: "switchboard.whatsapp.webhooks"),
                keys: @escaping @Sendable (String) async throws -> WhatsAppWebhookKeys?) {
        self.runtime = runtime
        self.logger = logger
        self.keys = keys
    }

    /// `GET`: Meta's subscription handshake (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`).
    public func handshake(connection: String, query: [String: String]) async -> Result {
        let keys: WhatsAppWebhookKeys?
        do {
            keys = try await self.keys(connection)
        } catch {
            return reject(503, "cannot read the connection: \(error)")
        }
        guard let keys else { return reject(404, "no WhatsApp connection named \"\(connection)\"") }
        do {
            return .challenge(try keys.verifier.handshake(query: query))
        } catch {
            return reject(403, error.description, metric: "handshake")
        }
    }

    /// `POST`: a signed notification.
    public func receive(connection: String, body: [UInt8], header: (String) -> String?, now: Date = Date()) async -> Result {
        let keys: WhatsAppWebhookKeys?
        do {
            keys = try await self.keys(connection)
        } catch {
            return reject(503, "cannot read the connection: \(error)")
        }
        guard let keys else { return reject(404, "no WhatsApp connection named \"\(connection)\"") }
        do {
            try keys.verifier.verify(body: body, signature: header(WhatsAppWebhookVerifier.signatureHeader))
        } catch {
            return reject(401, error.description, metric: "signature")
        }
        let webhook: WhatsAppWebhook
        do {
            webhook = try WhatsAppWebhook.decode(body)
        } catch {
            return reject(400, "\(error.description); expected the Cloud API's {\"object\": \"whatsapp_business_account\", \"entry\": [...]}")
        }
        var skipped = webhook.skipped.map(\.description)
        for item in webhook.skipped {
            logger.warning("skipped part of a WhatsApp webhook", metadata: ["connection": .string(connection), "item": .string(item.description)])
            runtime.metrics.webhookRejected(source: "whatsapp", reason: "skipped_item")
        }
        for event in webhook.systemErrors {
            logger.warning("WhatsApp reported an error", metadata: ["connection": .string(connection), "error": .string(event.error.description)])
        }
        let batch = WhatsAppWebhookBatch(connection: connection, keys: keys, webhook: webhook, runtime: runtime, now: now)
        skipped += batch.skippedForOtherNumbers
        for reason in batch.skippedForOtherNumbers {
            logger.warning("skipped part of a WhatsApp webhook", metadata: ["connection": .string(connection), "item": .string(reason)])
            runtime.metrics.webhookRejected(source: "whatsapp", reason: "other_number")
        }
        do {
            var summary = try await runtime.store.transaction { session in try await batch.apply(in: session) }
            summary.skipped = skipped
            if summary.runs > 0 { runtime.signal?.notify() }
            return .accepted(summary)
        } catch {
            return reject(503, "could not store the webhook: \(error)")
        }
    }

    private func reject(_ status: Int, _ reason: String, metric: String? = nil) -> Result {
        runtime.metrics.webhookRejected(source: "whatsapp", reason: metric ?? String(status))
        return .rejected(status: status, reason: reason)
    }
}

/// What one webhook delivery did.
public struct WhatsAppWebhookSummary: Sendable, Equatable {
    /// Inbound messages recorded for the first time.
    public var messages = 0
    /// Inbound messages (and statuses) seen before: nothing new was done for them.
    public var duplicates = 0
    /// Status updates recorded.
    public var statuses = 0
    public var optOuts = 0
    /// Flow events stored, and the runs they started.
    public var events = 0
    public var runs = 0
    /// Parts of the body that could not be read (logged and counted, never fatal).
    public var skipped: [String] = []

    public init() {}
}

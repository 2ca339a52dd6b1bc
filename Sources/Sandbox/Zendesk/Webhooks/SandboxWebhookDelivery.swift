import Foundation

/// One HTTP request the sandbox made to a webhook endpoint, for assertions in tests.
public struct SandboxWebhookDelivery: Sendable, Equatable {
    public var webhookID: String
    /// The `X-Zendesk-Webhook-Invocation-Id`: shared by the retries and the duplicate of one delivery.
    public var invocationID: String
    /// The event's `id` for event subscriptions (shared by every webhook that gets the event); `nil` for triggers.
    public var eventID: String?
    /// `zen:event-type:…`, or `conditional_ticket_events` for deliveries made by a trigger.
    public var type: String
    /// The trigger that made a conditional delivery.
    public var triggerID: Int64?
    /// 1 for the first request of an invocation, then one more for each retry or duplicate.
    public var attempt: Int
    /// A deliberate second send of a delivery that had succeeded (at-least-once).
    public var isDuplicate: Bool
    /// The receiver's status, or `nil` when none arrived.
    public var statusCode: Int?
    /// `timeout`, or why the connection failed; `nil` when a response arrived.
    public var error: String?
    /// When the request was sent (sandbox clock).
    public var time: Date
    public var method: String
    public var url: String
    /// The request headers, including the signature and its timestamp.
    public var headers: [String: String]
    /// The request body as sent (empty for `GET`/`DELETE`).
    public var body: String
}

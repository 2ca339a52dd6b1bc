import Foundation

/// Every webhook request the sandbox made and the state of each invocation, for the invocations API and tests.
final class WebhookDeliveryLog: Sendable {
    /// One invocation as `GET /webhooks/{id}/invocations` reports it.
    struct Invocation: Sendable {
        var id: String
        var webhookID: String
        var createdAt: Date
        /// `accepted` while in flight or waiting for a retry, then the final attempt's status.
        var status: String
        var statusCode: Int?
        var latestCompletedAt: Date?
    }

    static let capacity = 100_000

    private struct State: Sendable {
        var deliveries: [SandboxWebhookDelivery] = []
        var invocations: [Invocation] = []
    }

    private let state = Locked(State())

    func begin(_ invocation: WebhookInvocation, at time: Date) {
        state.withLock { state in
            state.invocations.append(Invocation(id: invocation.id, webhookID: invocation.webhookID, createdAt: time,
                                                status: "accepted", statusCode: nil, latestCompletedAt: nil))
            if state.invocations.count > WebhookDeliveryLog.capacity { state.invocations.removeFirst(1000) }
        }
    }

    func record(_ delivery: SandboxWebhookDelivery) {
        state.withLock { state in
            state.deliveries.append(delivery)
            if state.deliveries.count > WebhookDeliveryLog.capacity { state.deliveries.removeFirst(1000) }
            if let position = state.invocations.lastIndex(where: { $0.id == delivery.invocationID }) {
                state.invocations[position].statusCode = delivery.statusCode
                state.invocations[position].latestCompletedAt = delivery.time
            }
        }
    }

    /// Marks an invocation finished with the status of its last attempt.
    func complete(_ invocationID: String, status: String) {
        state.withLock { state in
            if let position = state.invocations.lastIndex(where: { $0.id == invocationID }) {
                state.invocations[position].status = status
            }
        }
    }

    func deliveries() -> [SandboxWebhookDelivery] {
        state.withLock { $0.deliveries }
    }

    /// A webhook's invocations, newest first.
    func invocations(ofWebhook webhookID: String) -> [Invocation] {
        state.withLock { state in state.invocations.filter { $0.webhookID == webhookID }.reversed() }
    }

    /// The requests of one invocation, in the order they were made.
    func attempts(ofInvocation invocationID: String) -> [SandboxWebhookDelivery] {
        state.withLock { state in state.deliveries.filter { $0.invocationID == invocationID } }
    }

    func clear() {
        state.withLock { $0 = State() }
    }
}

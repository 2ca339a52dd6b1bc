import CoreMetrics
import Foundation

/// The flow runtime's metrics, through swift-metrics with an injected factory (the server passes its Prometheus
/// registry; tests and the CLI use a no-op one).
public struct RuntimeMetrics: Sendable {
    private let factory: any MetricsFactory

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    public static let none = RuntimeMetrics(factory: NOOPMetricsHandler.instance)

    public func eventReceived(source: String, type: String, duplicate: Bool) {
        Counter(label: "switchboard_events_total", dimensions: [("source", source), ("type", type), ("outcome", duplicate ? "duplicate" : "accepted")], factory: factory).increment()
    }

    public func runStarted(flow: String) {
        Counter(label: "switchboard_runs_started_total", dimensions: [("flow", flow)], factory: factory).increment()
    }

    public func runFinished(flow: String, outcome: String) {
        Counter(label: "switchboard_runs_total", dimensions: [("flow", flow), ("outcome", outcome)], factory: factory).increment()
    }

    public func jobRetried(action: String) {
        Counter(label: "switchboard_job_retries_total", dimensions: [("action", action)], factory: factory).increment()
    }

    public func deadLettered(action: String) {
        Counter(label: "switchboard_dead_letters_total", dimensions: [("action", action)], factory: factory).increment()
    }

    public func remoteCall(connector: String, status: Int, duration: Duration) {
        Timer(label: "switchboard_remote_latency_seconds", dimensions: [("connector", connector)], preferredDisplayUnit: .seconds, factory: factory)
            .recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        Counter(label: "switchboard_remote_requests_total", dimensions: [("connector", connector), ("status", String(status))], factory: factory).increment()
    }

    public func webhookRejected(source: String, reason: String) {
        Counter(label: "switchboard_webhooks_rejected_total", dimensions: [("source", source), ("reason", reason)], factory: factory).increment()
    }

    public func queueDepth(queued: Int, leased: Int, openDeadLetters: Int) {
        Gauge(label: "switchboard_queue_depth", dimensions: [("state", "queued")], factory: factory).record(queued)
        Gauge(label: "switchboard_queue_depth", dimensions: [("state", "leased")], factory: factory).record(leased)
        Gauge(label: "switchboard_dead_letters_open", factory: factory).record(openDeadLetters)
    }
}

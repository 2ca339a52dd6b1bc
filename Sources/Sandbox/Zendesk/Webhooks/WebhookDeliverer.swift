import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends webhook invocations in the background with AsyncHTTPClient, following Zendesk's delivery rules: signed
/// requests, retries per `WebhookRetryPolicy`, and (at least once) an occasional duplicate of a successful delivery.
///
/// Each invocation runs in its own task, so the API response that caused it is never delayed. The HTTP client is
/// created on first use and shut down by `shutdown()` (called from `ZendeskSandbox.stop()`).
final class WebhookDeliverer: Sendable {
    /// `account_id` of events and `X-Zendesk-Account-Id`.
    static let accountID: Int64 = 10_000_001

    let log = WebhookDeliveryLog()
    private let state: Locked<State>
    private let clock: @Sendable () -> Date
    private let defaultSeed: UInt64

    private struct State: Sendable {
        var options: WebhookDeliveryOptions
        var random: SplitMix64
        var client: HTTPClient?
        var running: [String: Task<Void, Never>] = [:]
    }

    init(options: WebhookDeliveryOptions, seed: UInt64, clock: @escaping @Sendable () -> Date) {
        defaultSeed = seed
        state = Locked(State(options: options, random: SplitMix64(state: options.seed ?? seed)))
        self.clock = clock
    }

    deinit {
        // Tasks keep the deliverer alive, so none is running here; release a client `shutdown()` did not get to.
        state.withLock { $0.client }?.shutdown { _ in }
    }

    var options: WebhookDeliveryOptions { state.withLock { $0.options } }

    func setOptions(_ options: WebhookDeliveryOptions) {
        state.withLock { state in
            state.options = options
            state.random = SplitMix64(state: options.seed ?? defaultSeed)
        }
    }

    /// Whether no invocation is in flight or waiting for a retry.
    var isIdle: Bool { state.withLock { $0.running.isEmpty } }

    /// Starts delivering in the background and returns at once.
    func enqueue(_ invocation: WebhookInvocation) {
        log.begin(invocation, at: clock())
        state.withLock { state in
            // Created under the lock, so `finished` (which takes it) always finds the entry.
            state.running[invocation.id] = Task {
                await self.deliver(invocation)
                self.finished(invocation.id)
            }
        }
    }

    /// Waits until no delivery is pending; `false` if `timeout` passed first.
    func waitUntilIdle(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isIdle {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Cancels pending deliveries and shuts the HTTP client down.
    func shutdown() async {
        let tasks = state.withLock { Array($0.running.values) }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        let client = state.withLock { state -> HTTPClient? in
            defer { state.client = nil }
            return state.client
        }
        try? await client?.shutdown()
    }

    private func finished(_ id: String) {
        state.withLock { _ = $0.running.removeValue(forKey: id) }
    }

    private func deliver(_ invocation: WebhookInvocation) async {
        var policy = WebhookRetryPolicy()
        var attempt = 0
        var outcome = WebhookAttemptOutcome.connectionFailed("cancelled")
        while !Task.isCancelled {
            attempt += 1
            outcome = await send(invocation, attempt: attempt, isDuplicate: false)
            switch policy.decide(outcome, options: options) {
            case .succeeded:
                log.complete(invocation.id, status: outcome.invocationStatus)
                if drawDuplicate() { _ = await send(invocation, attempt: attempt + 1, isDuplicate: true) }
                return
            case .gaveUp:
                log.complete(invocation.id, status: outcome.invocationStatus)
                return
            case .retry(let delay):
                try? await Task.sleep(for: delay)
            }
        }
        log.complete(invocation.id, status: outcome.invocationStatus)
    }

    private func drawDuplicate() -> Bool {
        state.withLock { state in state.random.chance(state.options.duplicateProbability) }
    }

    /// Makes one signed request and records it.
    private func send(_ invocation: WebhookInvocation, attempt: Int, isDuplicate: Bool) async -> WebhookAttemptOutcome {
        let time = clock()
        let timestamp = UTCTimestamp.string(UTCTimestamp.seconds(time))
        let headers = invocation.headers(accountID: WebhookDeliverer.accountID, timestamp: timestamp)
        var request = HTTPClientRequest(url: invocation.endpoint)
        request.method = HTTPMethod(rawValue: invocation.method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if !invocation.sentBody.isEmpty { request.body = .bytes(ByteBuffer(bytes: invocation.sentBody)) }

        let outcome: WebhookAttemptOutcome
        do {
            let timeout = options.timeout.components
            let response = try await client().execute(
                request, timeout: .nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000))
            _ = try? await response.body.collect(upTo: 1 << 20)
            outcome = .response(status: Int(response.status.code),
                                retryAfter: response.headers.first(name: "Retry-After").flatMap { Double($0) })
        } catch let error as HTTPClientError where WebhookDeliverer.timeouts.contains(error) {
            outcome = .timeout
        } catch {
            outcome = .connectionFailed(String(describing: error))
        }

        var statusCode: Int?
        var failure: String?
        switch outcome {
        case .response(let status, _): statusCode = status
        case .timeout: failure = "timeout"
        case .connectionFailed(let reason): failure = reason
        }
        log.record(SandboxWebhookDelivery(
            webhookID: invocation.webhookID, invocationID: invocation.id, eventID: invocation.eventID,
            type: invocation.type, triggerID: invocation.triggerID, attempt: attempt, isDuplicate: isDuplicate,
            statusCode: statusCode, error: failure, time: time, method: invocation.method, url: invocation.endpoint,
            headers: Dictionary(headers, uniquingKeysWith: { _, last in last }),
            body: String(decoding: invocation.sentBody, as: UTF8.self)))
        return outcome
    }

    private static let timeouts: [HTTPClientError] = [.deadlineExceeded, .readTimeout, .connectTimeout]

    private func client() -> HTTPClient {
        state.withLock { state in
            if let client = state.client { return client }
            let client = WebhookHTTPClient.make()
            state.client = client
            return client
        }
    }
}

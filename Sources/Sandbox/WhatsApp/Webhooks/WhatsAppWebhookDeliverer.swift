import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Delivers webhooks to the callback URL the way Meta does: a one-time GET verification handshake first (nothing is
/// delivered if it fails), then signed POSTs retried with back-off on anything but 2xx, and — at least once — an
/// occasional second copy of a delivery the receiver already accepted.
///
/// Each webhook is delivered by its own background task, so order across webhooks is not guaranteed (as with Meta).
final class WhatsAppWebhookDeliverer: Sendable {
    /// Where webhooks go and how they are authenticated; changing it re-runs the handshake.
    struct Target: Sendable, Equatable {
        var url: String?
        var appSecret: String
        var verifyToken: String
    }

    private struct State: Sendable {
        var target: Target
        var options: WhatsAppWebhookOptions
        var random: SplitMix64
        var generation = 0
        var verification: WhatsAppWebhookVerification
        var handshake: Task<Bool, Never>?
        var records: [WhatsAppWebhookRecord] = []
        var nextID = 1
        var client: HTTPClient?
    }

    private let state: Locked<State>
    private let tasks: BackgroundTasks
    private let clock: @Sendable () -> Date
    private let seed: UInt64

    init(target: Target, options: WhatsAppWebhookOptions, seed: UInt64, tasks: BackgroundTasks,
         clock: @escaping @Sendable () -> Date) {
        self.seed = seed
        state = Locked(State(target: target, options: options, random: SplitMix64(seed: seed, stream: 0x4857, index: 0),
                             verification: WhatsAppWebhookVerification(url: target.url, state: .notAttempted)))
        self.tasks = tasks
        self.clock = clock
    }

    deinit {
        state.withLock { $0.client }?.shutdown { _ in }
    }

    var target: Target { state.withLock { $0.target } }
    var options: WhatsAppWebhookOptions { state.withLock { $0.options } }
    var verification: WhatsAppWebhookVerification { state.withLock { $0.verification } }

    func setTarget(_ target: Target) {
        state.withLock { state in
            guard state.target != target else { return }
            state.target = target
            state.generation += 1
            state.handshake = nil
            state.verification = WhatsAppWebhookVerification(url: target.url, state: .notAttempted)
        }
    }

    func setOptions(_ options: WhatsAppWebhookOptions) {
        state.withLock { $0.options = options }
    }

    func records() -> [WhatsAppWebhookRecord] {
        state.withLock { $0.records }
    }

    /// Forgets sent webhooks and the handshake (it runs again before the next delivery).
    func reset() {
        state.withLock { state in
            state.records.removeAll()
            state.generation += 1
            state.handshake = nil
            state.random = SplitMix64(seed: seed, stream: 0x4857, index: 0)
            state.verification = WhatsAppWebhookVerification(url: state.target.url, state: .notAttempted)
        }
    }

    /// Signs `body` and delivers it in the background.
    func enqueue(kind: String, messageID: String, detail: String, body: [UInt8]) {
        let id = state.withLock { state -> Int in
            let id = state.nextID
            state.nextID += 1
            state.records.append(WhatsAppWebhookRecord(
                id: id, kind: kind, messageID: messageID, detail: detail, body: String(decoding: body, as: UTF8.self),
                signature: HubSignature.header(appSecret: state.target.appSecret, body: body), url: state.target.url,
                attempts: 0, responseStatuses: [], duplicatesSent: 0, state: .pending, createdAt: clock()))
            if state.records.count > 50_000 { state.records.removeFirst(1_000) }
            return id
        }
        tasks.spawn { await self.deliver(id: id, body: body) }
    }

    /// Runs the handshake now (again), whatever its earlier outcome.
    @discardableResult
    func verifyNow() async -> Bool {
        state.withLock { state in
            state.generation += 1
            state.handshake = nil
        }
        return await ensureVerified()
    }

    func shutdown() async {
        let client = state.withLock { state -> HTTPClient? in
            defer { state.client = nil }
            return state.client
        }
        try? await client?.shutdown()
    }

    // MARK: Delivery

    private func deliver(id: Int, body: [UInt8]) async {
        let destination = state.withLock { state in
            state.records.last(where: { $0.id == id }).flatMap { record in record.url.map { (url: $0, signature: record.signature) } }
        }
        guard let destination else {
            update(id) { $0.state = .noCallback }
            return
        }
        let (url, signature) = destination
        guard await ensureVerified() else {
            update(id) { $0.state = .notVerified }
            return
        }
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            let status = await post(url: url, signature: signature, body: body)
            update(id) { record in
                record.attempts = attempt
                record.responseStatuses.append(status)
            }
            if let status, (200..<300).contains(status) {
                update(id) { $0.state = .delivered }
                if drawDuplicate() {
                    _ = await post(url: url, signature: signature, body: body)
                    update(id) { $0.duplicatesSent += 1 }
                }
                return
            }
            let options = self.options
            guard attempt < options.maximumAttempts else { break }
            try? await Task.sleep(for: options.delay(beforeRetry: attempt))
        }
        update(id) { $0.state = .failed }
    }

    private func update(_ id: Int, _ change: (inout WhatsAppWebhookRecord) -> Void) {
        state.withLock { state in
            if let index = state.records.lastIndex(where: { $0.id == id }) { change(&state.records[index]) }
        }
    }

    private func drawDuplicate() -> Bool {
        state.withLock { state in state.random.chance(state.options.duplicateProbability) }
    }

    private func post(url: String, signature: String, body: [UInt8]) async -> Int? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "facebookexternalua")
        request.headers.add(name: "X-Hub-Signature-256", value: signature)
        request.body = .bytes(ByteBuffer(bytes: body))
        return await execute(request)
    }

    private func execute(_ request: HTTPClientRequest) async -> Int? {
        await execute(request, collect: false)?.status
    }

    private func execute(_ request: HTTPClientRequest, collect: Bool) async -> (status: Int, body: String)? {
        do {
            let timeout = options.timeout.components
            let response = try await client().execute(
                request, timeout: .nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000))
            let body = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), collect ? String(buffer: body) : "")
        } catch {
            return nil
        }
    }

    // MARK: Handshake

    /// The handshake's result for the current target, running it once if needed.
    private func ensureVerified() async -> Bool {
        let task = state.withLock { state -> Task<Bool, Never> in
            if let handshake = state.handshake { return handshake }
            let target = state.target
            let generation = state.generation
            var challengeSource = SplitMix64(seed: seed, stream: 0x4843, index: UInt64(generation))
            let challenge = String(1_000_000_000 + challengeSource.below(1_000_000_000))
            state.verification = WhatsAppWebhookVerification(url: target.url, state: .pending)
            let handshake = Task { await self.handshake(target, challenge: challenge, generation: generation) }
            state.handshake = handshake
            return handshake
        }
        return await task.value
    }

    private func handshake(_ target: Target, challenge: String, generation: Int) async -> Bool {
        guard let url = target.url else { return false }
        let separator = url.contains("?") ? "&" : "?"
        let query = "hub.mode=subscribe&hub.challenge=\(challenge)&hub.verify_token=\(target.verifyToken.queryEncoded())"
        var request = HTTPClientRequest(url: url + separator + query)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "facebookplatform/1.0 (+http://developers.facebook.com)")
        let result = await execute(request, collect: true)
        let passed = result?.status == 200 && result?.body.trimmingCharacters(in: .whitespacesAndNewlines) == challenge
        let detail: String
        if let result {
            detail = passed ? "200 with the challenge" : "HTTP \(result.status), body \(result.body.prefix(80).debugDescription)"
        } else {
            detail = "no response"
        }
        state.withLock { state in
            guard state.generation == generation else { return }
            state.verification = WhatsAppWebhookVerification(url: url, state: passed ? .passed : .failed, detail: detail)
            // No answer at all (the receiver was down or slow) is not a verdict: the next delivery tries again, as
            // Meta keeps retrying an endpoint that is unreachable. A wrong answer stays failed.
            if result == nil { state.handshake = nil }
        }
        return passed
    }

    private func client() -> HTTPClient {
        state.withLock { state in
            if let client = state.client { return client }
            let client = WebhookHTTPClient.make()
            state.client = client
            return client
        }
    }
}

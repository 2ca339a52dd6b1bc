import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The one seam through which connectors reach the network.
///
/// Production code uses ``AsyncHTTPTransport``; unit tests substitute a fake that returns canned
/// responses, so retry, rate-limit and decoding logic can be exercised without sockets.
public protocol HTTPTransport: Sendable {
    func send(_ request: OutboundRequest) async throws -> InboundResponse
}

/// ``HTTPTransport`` backed by AsyncHTTPClient.
///
/// Owns its `HTTPClient`; call ``shutdown()`` when done. Transport failures are mapped to
/// ``TransportError`` so callers can decide what is worth retrying without knowing NIO's error types.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let defaultTimeout: Duration
    private let maxBodyBytes: Int

    /// Connections kept to one host unless the caller asks for more.
    public static let defaultConnectionsPerHost = 8

    /// The connections per host for callers that send up to `concurrent` requests at once: enough for each to have
    /// its own. With fewer, AsyncHTTPClient queues the rest inside its pool, out of sight of the caller's metrics and
    /// at a higher CPU cost per request (`SwitchboardBench webhooks`, 32 at a time to one host: about a fifth more CPU
    /// per call with 8 connections than with 32).
    public static func connectionsPerHost(concurrent: Int) -> Int { max(defaultConnectionsPerHost, concurrent) }

    public init(defaultTimeout: Duration = .seconds(60), maxBodyBytes: Int = 256 * 1024 * 1024,
                maxConnectionsPerHost: Int = AsyncHTTPTransport.defaultConnectionsPerHost) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnectionsPerHost)
        // RemoteCaller retries failed attempts itself, with backoff it can report; AsyncHTTPClient's own silent
        // reconnect loop would otherwise hold a refused connection until the request deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(50))
        configuration.redirectConfiguration = .follow(max: 3, allowCycles: false)
        // Switchboard bootstraps no distributed tracer, so AsyncHTTPClient's spans would go to the no-op tracer; with
        // the default configuration it still parses each request's URL a second time to fill in their attributes.
        configuration.tracing.tracer = nil
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.defaultTimeout = defaultTimeout
        self.maxBodyBytes = maxBodyBytes
    }

    public func send(_ request: OutboundRequest) async throws -> InboundResponse {
        var outbound = HTTPClientRequest(url: request.url)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outbound.headers.add(name: name, value: value) }
        if let body = request.body { outbound.body = .bytes(body) }
        let timeout = request.timeout ?? defaultTimeout
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.totalNanoseconds))
        do {
            let response = try await client.execute(outbound, deadline: deadline)
            var buffer = try await response.body.collect(upTo: maxBodyBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            let declared = response.headers.first(name: "content-length").flatMap(Int.init)
            if let declared, declared != bytes.count, request.method != .get || response.status != .notModified {
                throw TransportError(kind: .truncated, detail: "expected \(declared) bytes, received \(bytes.count)")
            }
            return InboundResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: bytes
            )
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError.classify(error)
        }
    }

    public func shutdown() async throws {
        try await client.shutdown()
    }
}

extension Duration {
    /// Whole nanoseconds in this duration, saturating on overflow.
    public var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled &+ attoseconds / 1_000_000_000
    }

    /// Seconds as a floating-point number, for display and arithmetic with `Date`.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

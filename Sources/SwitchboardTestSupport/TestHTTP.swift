import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Plain HTTP calls for tests that talk to a running server the way a remote system would.
public enum TestHTTP {
    /// A response: status, headers (lower-cased names) and body text.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String

        /// The body parsed as JSON (nil if it is not JSON).
        public var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    }

    public static func request(_ method: String, _ url: String, headers: [String: String] = [:], body: [UInt8]? = nil,
                               timeout: Duration = .seconds(30)) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Response(status: Int(response.status.code), headers: fields, body: String(buffer: buffer))
    }

    public static func get(_ url: String, bearer: String? = nil) async throws -> Response {
        try await request("GET", url, headers: bearer.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    /// A free TCP port on 127.0.0.1 for a server a test starts right after (the port is bound, released and handed
    /// out once per process).
    ///
    /// Chosen below the kernel's ephemeral range: a port the kernel picks for "any free port" comes from the same
    /// range as the local ports of outgoing connections, and a test run opens thousands of those — so between
    /// picking and binding, one of them could take it ("Address already in use").
    public static func freePort() -> Int {
        let (low, high) = portWindow
        for _ in 0..<1_000 {
            let port = Int.random(in: low...high)
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if canBind(port) { return port }
        }
        return kernelChosenPort()
    }

    /// The first port of the kernel's ephemeral range (`net.ipv4.ip_local_port_range`, 32768 by default).
    public static let ephemeralPortsStart: Int = {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Int($0) } ?? []
        return range.first ?? 32_768
    }()

    /// Ports below the ephemeral range, above the usual services.
    private static let portWindow: (Int, Int) = ephemeralPortsStart > 12_000 ? (10_000, ephemeralPortsStart - 1) : (ephemeralPortsStart, 65_535)

    private static let handedOut = Mutex(Set<Int>())

    private static func canBind(_ port: Int) -> Bool {
        bindLoopback(port: port) != nil
    }

    private static func kernelChosenPort() -> Int {
        bindLoopback(port: 0) ?? 0
    }

    /// Bind a TCP socket to 127.0.0.1:`port` (0: any), release it, and return the port it got — nil if it could not bind.
    private static func bindLoopback(port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        guard withUnsafePointer(to: &address, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }) == 0 else { return nil }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

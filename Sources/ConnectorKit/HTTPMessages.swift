import Foundation

/// A request about to leave for a remote API.
///
/// Connectors build these instead of talking to AsyncHTTPClient directly, so that the transport can be
/// swapped for a fake in unit tests and so that retries can resend the exact same bytes.
public struct OutboundRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
    }

    public var method: Method
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// Upper bound for the whole exchange (connect, send, receive). `nil` uses the transport's default.
    public var timeout: Duration?

    public init(method: Method, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The URL with any query string removed, for logs: query strings can carry cursors, never secrets,
    /// but paths are what an operator needs to read.
    public var redactedDescription: String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return "\(method.rawValue) \(path)"
    }
}

/// A complete response from a remote API: status, headers and the whole body.
///
/// Bodies are collected fully (with a size cap) because every API Switchboard talks to answers with
/// bounded JSON documents; streaming happens page by page above this level.
public struct InboundResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Case-insensitive header lookup (first match). Header names are ASCII, so they are compared byte by byte
    /// with ASCII case folding rather than lowercased copies: a response is asked for several headers, and
    /// lowercasing every name for every question was most of the cost of reading rate-limit headers.
    public func header(_ name: String) -> String? {
        headers.first { Self.asciiCaseInsensitiveEqual($0.0, name) }?.1
    }

    /// Equal when the two strings have the same bytes once ASCII letters are folded to lower case (other bytes must
    /// match exactly).
    static func asciiCaseInsensitiveEqual(_ first: String, _ second: String) -> Bool {
        var first = first
        var second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                guard a.count == b.count else { return false }
                for index in 0..<a.count where a[index] != b[index] {
                    guard Self.lowercasedASCII(a[index]) == Self.lowercasedASCII(b[index]) else { return false }
                }
                return true
            }
        }
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text, truncated for error messages.
    public func bodyPreview(limit: Int = 300) -> String {
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        return body.count > limit ? text + "…" : text
    }
}

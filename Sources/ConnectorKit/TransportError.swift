import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A failure below HTTP: the exchange did not produce a complete response.
///
/// Each kind is retryable; ``kind`` lets callers report what happened ("connection reset",
/// "timed out") without exposing library-specific error types.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case timeout = "timed out"
        case connectionReset = "connection reset"
        case truncated = "truncated response"
        case connectFailed = "could not connect"
        case other = "transport failure"
    }

    public var kind: Kind
    public var detail: String

    public init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }

    /// Map an AsyncHTTPClient / NIO error to a ``TransportError``.
    static func classify(_ error: any Error) -> TransportError {
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout, .deadlineExceeded, .connectTimeout, .writeTimeout:
                return TransportError(kind: .timeout, detail: String(describing: error))
            case .remoteConnectionClosed:
                return TransportError(kind: .connectionReset, detail: "the server closed the connection")
            case .alreadyShutdown:
                return TransportError(kind: .other, detail: "the HTTP client was shut down")
            default:
                break
            }
        }
        if error is HTTPParserError {
            return TransportError(kind: .truncated, detail: "malformed or incomplete HTTP response (\(error))")
        }
        if let error = error as? IOError {
            if error.errnoCode == ECONNRESET || error.errnoCode == EPIPE {
                return TransportError(kind: .connectionReset, detail: String(describing: error))
            }
            if error.errnoCode == ECONNREFUSED {
                return TransportError(kind: .connectFailed, detail: "connection refused")
            }
        }
        if String(describing: type(of: error)).contains("ConnectionError") {
            return TransportError(kind: .connectFailed, detail: String(describing: error))
        }
        if error is ChannelError {
            return TransportError(kind: .connectionReset, detail: String(describing: error))
        }
        return TransportError(kind: .other, detail: String(describing: error))
    }
}

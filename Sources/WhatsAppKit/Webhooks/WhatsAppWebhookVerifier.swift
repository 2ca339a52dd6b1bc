import ConnectorKit
import Foundation

/// Checks that a webhook call really comes from Meta (reference §2.1, §2.2).
///
/// Two checks: the `GET` subscription handshake (`hub.mode=subscribe` with the configured verify token → answer the
/// `hub.challenge`), and the `X-Hub-Signature-256` header of every `POST` — `sha256=` and the lower-case hex
/// HMAC-SHA256 of the **raw body bytes** keyed with the app secret, compared in constant time. Hash the bytes as
/// received: re-serialised JSON (for example `\u00e4` turned into `ä`) no longer matches. Neither secret is ever printed.
public struct WhatsAppWebhookVerifier: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public static let signatureHeader = "X-Hub-Signature-256"
    static let signaturePrefix = "sha256="

    /// Why a handshake was refused (answer `403`).
    public enum HandshakeFailure: Error, Sendable, Equatable, CustomStringConvertible {
        case wrongMode(String?)
        case wrongVerifyToken
        case missingChallenge
        case notConfigured

        public var description: String {
            switch self {
            case .wrongMode(let mode): return "hub.mode is \(mode.map { "\"\($0)\"" } ?? "missing"), expected \"subscribe\""
            case .wrongVerifyToken: return "hub.verify_token does not match the configured verify token"
            case .missingChallenge: return "hub.challenge is missing"
            case .notConfigured: return "no verify token is configured, so no subscription can be confirmed"
            }
        }
    }

    /// Why a signature was refused (answer `401`/`403`).
    public enum SignatureFailure: Error, Sendable, Equatable, CustomStringConvertible {
        case missingSignature
        case malformedSignature
        case badSignature
        case notConfigured

        public var description: String {
            switch self {
            case .missingSignature: return "missing \(WhatsAppWebhookVerifier.signatureHeader) header"
            case .malformedSignature: return "\(WhatsAppWebhookVerifier.signatureHeader) is not \"sha256=\" followed by 64 hex digits"
            case .badSignature: return "signature does not match the app secret"
            case .notConfigured: return "no app secret is configured, so no signature can be checked"
            }
        }
    }

    /// The Meta app's App Secret (App Dashboard › Settings › Basic).
    public let appSecret: String
    /// The verify token entered beside the callback URL in the App Dashboard.
    public let verifyToken: String

    public init(appSecret: String, verifyToken: String) {
        self.appSecret = appSecret
        self.verifyToken = verifyToken
    }

    /// The subscription handshake: returns the challenge to answer with `200` as plain text, or throws (answer `403`).
    public func handshake(mode: String?, verifyToken token: String?, challenge: String?) throws(HandshakeFailure) -> String {
        guard !verifyToken.isEmpty else { throw .notConfigured }
        guard mode == "subscribe" else { throw .wrongMode(mode) }
        guard let token, WebhookSignature.constantTimeEquals(Array(token.utf8), Array(verifyToken.utf8)) else { throw .wrongVerifyToken }
        guard let challenge, !challenge.isEmpty else { throw .missingChallenge }
        return challenge
    }

    /// The handshake from decoded query parameters (`hub.mode`, `hub.verify_token`, `hub.challenge`).
    public func handshake(query: [String: String]) throws(HandshakeFailure) -> String {
        try handshake(mode: query["hub.mode"], verifyToken: query["hub.verify_token"], challenge: query["hub.challenge"])
    }

    /// Verify `X-Hub-Signature-256` against the raw body bytes.
    public func verify(body: [UInt8], signature header: String?) throws(SignatureFailure) {
        guard !appSecret.isEmpty else { throw .notConfigured }
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { throw .missingSignature }
        guard header.count == Self.signaturePrefix.count + 64, header.lowercased().hasPrefix(Self.signaturePrefix) else { throw .malformedSignature }
        let hex = header.dropFirst(Self.signaturePrefix.count).lowercased()
        guard hex.allSatisfy({ $0.isHexDigit }) else { throw .malformedSignature }
        let expected = Self.hexHMAC(appSecret: appSecret, body: body)
        guard WebhookSignature.constantTimeEquals(Array(expected.utf8), Array(hex.utf8)) else { throw .badSignature }
    }

    /// `true` when ``verify(body:signature:)`` accepts.
    public func isValid(body: [UInt8], signature: String?) -> Bool {
        (try? verify(body: body, signature: signature)) != nil
    }

    /// The lower-case hex HMAC-SHA256 of `body` keyed with `appSecret` (UTF-8).
    public static func hexHMAC(appSecret: String, body: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(64)
        for byte in WebhookSignature.hmacSHA256(key: Array(appSecret.utf8), message: body) {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The full header value Meta sends for `body`: `sha256=` + ``hexHMAC(appSecret:body:)`` (for tests and fakes).
    public static func signatureHeaderValue(appSecret: String, body: [UInt8]) -> String {
        signaturePrefix + hexHMAC(appSecret: appSecret, body: body)
    }

    public var description: String {
        "WhatsApp webhook verifier (app secret \(appSecret.isEmpty ? "missing" : "set"), verify token \(verifyToken.isEmpty ? "missing" : "set"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["appSecret": "[redacted]", "verifyToken": "[redacted]"])
    }
}

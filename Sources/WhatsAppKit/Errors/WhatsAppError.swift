import ConnectorKit
import Foundation

/// A failed Cloud API call: the Graph error envelope (reference §4.1) decoded and classified, or a transport failure.
///
/// Callers branch on ``kind`` (derived from `error.code`, accepted as a number or a string), never on the message or
/// the HTTP status. ``isRetryable`` and ``suggestedAction`` say what to do next. The access token never appears in any
/// field: bodies and reasons are redacted before the error is built.
public struct WhatsAppError: Error, Sendable, CustomStringConvertible {
    public var kind: WhatsAppErrorKind
    /// The HTTP status of the answer, or `nil` when none arrived.
    public var httpStatus: Int?
    /// `error.code`.
    public var code: Int?
    /// `error.error_subcode` (no longer sent from v16.0 on).
    public var subcode: Int?
    /// `error.type`, usually `OAuthException`.
    public var type: String?
    public var message: String
    /// `error.error_data.details`.
    public var details: String?
    public var userTitle: String?
    public var userMessage: String?
    /// `error.is_transient`, when Meta said.
    public var isTransient: Bool?
    /// `error.fbtrace_id`, for Meta support.
    public var traceID: String?
    /// True when the request may have been carried out although no success answer arrived (a send that timed out,
    /// or a success answer that could not be read): resending risks a duplicate message.
    public var outcomeUnknown: Bool
    /// The start of the response body, redacted.
    public var rawBody: String

    public init(
        kind: WhatsAppErrorKind, httpStatus: Int? = nil, code: Int? = nil, subcode: Int? = nil, type: String? = nil, message: String,
        details: String? = nil, userTitle: String? = nil, userMessage: String? = nil, isTransient: Bool? = nil, traceID: String? = nil,
        outcomeUnknown: Bool = false, rawBody: String = ""
    ) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.code = code
        self.subcode = subcode
        self.type = type
        self.message = message
        self.details = details
        self.userTitle = userTitle
        self.userMessage = userMessage
        self.isTransient = isTransient
        self.traceID = traceID
        self.outcomeUnknown = outcomeUnknown
        self.rawBody = rawBody
    }

    /// Decode an error answer. Without a Graph envelope the kind follows the status (401 → token, 429 → rate limit,
    /// 5xx → temporarily unavailable); `secret` is removed from every text kept.
    public init(status: Int, body: [UInt8], redacting secret: String = "") {
        let redactor = TokenRedactor(secret: secret)
        let raw = redactor.redact(String(decoding: body.prefix(4096), as: UTF8.self))
        let json = try? JSONValue.parse(body)
        guard let error = json?.object("error") else {
            let kind: WhatsAppErrorKind
            switch status {
            case 401: kind = .accessTokenInvalid
            case 403: kind = .permissionDenied
            case 429: kind = .callRateLimited
            case 500...: kind = .temporarilyUnavailable
            default: kind = .unknown(-1)
            }
            let text = raw.isEmpty ? "HTTP \(status) without a body" : "HTTP \(status): " + String(raw.prefix(200))
            self.init(kind: kind, httpStatus: status, message: text, rawBody: raw)
            return
        }
        let code = error.int("code")
        self.init(
            kind: code.map(WhatsAppErrorKind.init(code:)) ?? .unknown(-1),
            httpStatus: status,
            code: code,
            subcode: error.int("error_subcode"),
            type: error.string("type"),
            message: redactor.redact(error.string("message") ?? "HTTP \(status)"),
            details: error["error_data"]?.string("details").map(redactor.redact),
            userTitle: error.string("error_user_title").map(redactor.redact),
            userMessage: error.string("error_user_msg").map(redactor.redact),
            isTransient: error.bool("is_transient"),
            traceID: error.string("fbtrace_id"),
            rawBody: raw
        )
    }

    /// Whether the same request can succeed later unchanged. A send whose outcome is unknown is not retried blindly.
    public var isRetryable: Bool {
        if outcomeUnknown { return false }
        if case .unknown = kind { return isTransient == true }
        return kind.isRetryable
    }

    public var suggestedAction: WhatsAppErrorAction {
        if case .unknown = kind, isTransient == true { return .retryWithBackoff }
        return kind.suggestedAction
    }

    public var description: String {
        var text = "WhatsApp Cloud API"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        text += ": \(kind)"
        if let code { text += " #\(code)" }
        text += " — " + message
        if let details, !details.isEmpty, details != message { text += " (\(details))" }
        if outcomeUnknown { text += "; the request may have been carried out" }
        if let traceID { text += " [fbtrace_id \(traceID)]" }
        return text
    }
}

/// Removes the access token from any text that leaves the client.
struct TokenRedactor: Sendable {
    let secret: String

    func redact(_ text: String) -> String {
        guard secret.count >= 4 else { return text }
        return text.replacingOccurrences(of: secret, with: "[redacted]")
    }
}

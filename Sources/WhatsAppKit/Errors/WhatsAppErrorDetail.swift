import ConnectorKit
import Foundation

/// One error object as the Cloud API reports it asynchronously: in `statuses[].errors`, `messages[].errors` and
/// `value.errors` of a webhook (reference §2.5, §2.6).
///
/// Classified with the same ``WhatsAppErrorKind`` as synchronous Graph errors, because rate-limit and window codes
/// can arrive on either path.
public struct WhatsAppErrorDetail: Sendable, Hashable, CustomStringConvertible {
    public var code: Int?
    public var title: String?
    public var message: String?
    /// `error_data.details`: the most specific explanation Meta gives.
    public var details: String?
    public var href: String?

    public init(code: Int?, title: String? = nil, message: String? = nil, details: String? = nil, href: String? = nil) {
        self.code = code
        self.title = title
        self.message = message
        self.details = details
        self.href = href
    }

    init(json: JSONValue) {
        self.code = json.int("code")
        self.title = json.string("title")
        self.message = json.string("message")
        self.details = json["error_data"]?.string("details") ?? json.string("details")
        self.href = json.string("href")
    }

    /// The meaning of ``code``; ``WhatsAppErrorKind/unknown(_:)`` with `-1` when no code was sent.
    public var kind: WhatsAppErrorKind { code.map(WhatsAppErrorKind.init(code:)) ?? .unknown(-1) }

    public var description: String {
        var text = code.map { "(#\($0))" } ?? "(no code)"
        if let title { text += " " + title }
        if let message, message != title { text += ": " + message }
        if let details { text += " — " + details }
        return text
    }
}

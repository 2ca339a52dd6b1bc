import Foundation
import LooseJSON
import SQLKit

/// The template a free-form message's step named for a closed window (`fallback_template` and its parameters), kept
/// with the message. WhatsApp can report the window closed (131047) only after it accepted the message, by which
/// time the step has finished; delivery tracking then resends the message as this template.
public struct MessageFallbackTemplate: Sendable, Equatable {
    public var name: String
    /// `nil`: the contact's language, then `en_US`, then `en` — decided when it is sent.
    public var language: String?
    public var bodyParams: [String]
    /// Quick-reply payloads in button order; `nil` for the registered buttons' payloads.
    public var quickReplies: [String]?

    public init(name: String, language: String? = nil, bodyParams: [String] = [], quickReplies: [String]? = nil) {
        self.name = name
        self.language = language
        self.bodyParams = bodyParams
        self.quickReplies = quickReplies
    }
}

extension StoreSession {
    /// Keep `fallback` with the outbound message `messageID` (replacing what it had).
    public func setMessageFallback(messageID: String, _ fallback: MessageFallbackTemplate) async throws {
        let replies = fallback.quickReplies.map { JSONValue.array($0.map(JSONValue.string)).jsonText }
        try await run("""
            UPDATE wa_messages SET fallback_template = \(bind: fallback.name), fallback_language = \(SQLValue.text(fallback.language)),
                fallback_body_params = \(bind: JSONValue.array(fallback.bodyParams.map(JSONValue.string)).jsonText),
                fallback_quick_replies = \(SQLValue.text(replies))
            WHERE id = \(bind: messageID)
            """)
    }

    /// The fallback template kept with the message, if its step named one.
    public func messageFallback(messageID: String) async throws -> MessageFallbackTemplate? {
        guard let row = try await rows("""
            SELECT fallback_template, fallback_language, fallback_body_params, fallback_quick_replies FROM wa_messages WHERE id = \(bind: messageID)
            """).first, let name = try row.decode(column: "fallback_template", as: String?.self) else { return nil }
        func texts(_ column: String) throws -> [String]? {
            guard case .array(let items)? = JSONValue.stored(try row.decode(column: column, as: String?.self)) else { return nil }
            return items.map { $0.stringValue ?? $0.jsonText }
        }
        return MessageFallbackTemplate(name: name, language: try row.decode(column: "fallback_language", as: String?.self),
                                       bodyParams: try texts("fallback_body_params") ?? [], quickReplies: try texts("fallback_quick_replies"))
    }
}

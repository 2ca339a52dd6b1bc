import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// A template registration or status change (register, approve, pause…) as the admin API or the CLI received it.
///
/// Fields left `nil` keep the registered template's values, so approving a registered template needs only its status.
public struct TemplateChange: Sendable, Equatable {
    public var status: String?
    public var category: String?
    public var body: String?
    /// What each body placeholder stands for; a count `N` is written as `["1", …, "N"]`.
    public var bodyParameters: [String]?
    /// Quick-reply buttons, by their text; the payload defaults to the text in lower case with `_` for spaces.
    public var buttons: [RegisteredTemplateButton]?

    public init(status: String? = nil, category: String? = nil, body: String? = nil, bodyParameters: [String]? = nil, buttons: [RegisteredTemplateButton]? = nil) {
        self.status = status
        self.category = category
        self.body = body
        self.bodyParameters = bodyParameters
        self.buttons = buttons
    }

    /// Quick-reply buttons from their titles (`Approve,Decline`): payloads `approve`, `decline`.
    public static func quickReplies(_ titles: [String]) -> [RegisteredTemplateButton] {
        titles.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map {
            RegisteredTemplateButton(type: "quick_reply", text: $0, payload: $0.lowercased().replacingOccurrences(of: " ", with: "_"))
        }
    }

    /// Reads `{"status", "category", "body", "body_parameters": N or [names], "buttons": [titles] or [{type,text,payload}]}`.
    public init(json: JSONValue) throws(ContactInputError) {
        guard case .object(let object) = json else { throw ContactInputError(field: "body", message: "must be a JSON object") }
        let known: Set<String> = ["status", "category", "body", "body_parameters", "buttons"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ContactInputError(field: unknown, message: "unknown field (known: \(known.sorted().joined(separator: ", ")))")
        }
        status = object["status"]?.stringValue
        category = object["category"]?.stringValue
        body = object["body"]?.stringValue
        switch object["body_parameters"] {
        case nil, .null?: bodyParameters = nil
        case .number(let count)?:
            guard count >= 0, count <= 100, count == count.rounded() else { throw ContactInputError(field: "body_parameters", message: "must be a count 0–100 or a list of names") }
            bodyParameters = Int(count) == 0 ? [] : (1...Int(count)).map(String.init)
        case .array(let items)?: bodyParameters = items.map { $0.stringValue ?? $0.jsonText }
        default: throw ContactInputError(field: "body_parameters", message: "must be a count or a list of names")
        }
        switch object["buttons"] {
        case nil, .null?: buttons = nil
        case .array(let items)?:
            var list: [RegisteredTemplateButton] = []
            for item in items {
                if case .string(let title) = item {
                    list += Self.quickReplies([title])
                } else if let text = item["text"]?.stringValue {
                    list.append(RegisteredTemplateButton(type: item["type"]?.stringValue ?? "quick_reply", text: text, payload: item["payload"]?.stringValue))
                } else {
                    throw ContactInputError(field: "buttons", message: "each button is a title or {\"type\", \"text\", \"payload\"}")
                }
            }
            buttons = list
        default: throw ContactInputError(field: "buttons", message: "must be a list of buttons")
        }
    }

    /// Register or change the template `name` in `language` and return it as stored.
    public func apply(name: String, language: String, store: Store, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> RegisteredTemplate {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw ContactInputError(field: "name", message: "\"\(name)\" is not a template name (lower-case letters, digits and _)")
        }
        guard let language = WhatsAppLanguageCode.normalised(language) else {
            throw ContactInputError(field: "language", message: "\"\(language)\" is not a WhatsApp language code (en, en_US, pt_BR)")
        }
        var parsedStatus: TemplateStatus?
        if let status {
            guard let value = TemplateStatus(parsing: status) else {
                throw ContactInputError(field: "status", message: "\"\(status)\" is not a template status (\(TemplateStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            parsedStatus = value
        }
        if let category, !["utility", "marketing", "authentication"].contains(category.lowercased()) {
            throw ContactInputError(field: "category", message: "must be utility, marketing or authentication")
        }
        if let buttons, buttons.count > 10 { throw ContactInputError(field: "buttons", message: "a template has at most 10 buttons") }
        let newStatus = parsedStatus
        return try await store.transaction { session in
            var template = try await session.template(name: name, language: language)
                ?? RegisteredTemplate(name: name, language: language, updatedAt: now)
            if let newStatus { template.status = newStatus }
            if let category { template.category = category.lowercased() }
            if let body { template.body = body }
            if let bodyParameters { template.bodyParameters = bodyParameters }
            if let buttons { template.buttons = buttons }
            template.updatedAt = now
            try await session.upsertTemplate(template)
            return template
        }
    }
}

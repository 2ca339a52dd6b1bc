import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// A WhatsApp message template as registered with Meta: the only kind of message that may start a conversation (or
/// be sent once the 24-hour window has closed).
///
/// Switchboard keeps the registry so flows can check, before sending, that a template exists in the contact's
/// language, is approved, and takes the parameters and offers the buttons the flow expects.
public struct RegisteredTemplate: Sendable, Equatable {
    public var name: String
    /// WhatsApp language code (`en_GB`).
    public var language: String
    /// `utility`, `marketing` or `authentication`.
    public var category: String
    /// The body text with its `{{1}}`… placeholders, when known.
    public var body: String?
    /// What each body placeholder stands for, in order (`["title", "due date"]`).
    public var bodyParameters: [String]
    public var buttons: [RegisteredTemplateButton]
    public var status: TemplateStatus
    public var updatedAt: Int64

    public init(name: String, language: String, category: String = "utility", body: String? = nil, bodyParameters: [String] = [],
                buttons: [RegisteredTemplateButton] = [], status: TemplateStatus = .pending, updatedAt: Int64) {
        self.name = name
        self.language = language
        self.category = category
        self.body = body
        self.bodyParameters = bodyParameters
        self.buttons = buttons
        self.status = status
        self.updatedAt = updatedAt
    }
}

/// A button of a template: a quick reply (whose `payload` comes back when tapped), a URL or a phone number.
public struct RegisteredTemplateButton: Sendable, Equatable, Codable {
    /// `quick_reply`, `url` or `phone_number`.
    public var type: String
    public var text: String
    /// The quick-reply payload (`approve`), the URL or the phone number.
    public var payload: String?

    public init(type: String = "quick_reply", text: String, payload: String? = nil) {
        self.type = type
        self.text = text
        self.payload = payload
    }
}

extension RegisteredTemplate {
    init(row: any SQLRow) throws {
        let statusText = try row.decode(column: "status", as: String.self)
        let parameters = try row.decode(column: "body_params", as: String.self)
        let buttons = try row.decode(column: "buttons", as: String.self)
        self.init(name: try row.decode(column: "name", as: String.self), language: try row.decode(column: "language", as: String.self),
                  category: try row.decode(column: "category", as: String.self), body: try row.decode(column: "body", as: String?.self),
                  bodyParameters: (try? JSONDecoder().decode([String].self, from: Data(parameters.utf8))) ?? [],
                  buttons: (try? JSONDecoder().decode([RegisteredTemplateButton].self, from: Data(buttons.utf8))) ?? [],
                  status: TemplateStatus(parsing: statusText) ?? .disabled, updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }

    var bodyParametersJSON: String { JSONValue.array(bodyParameters.map(JSONValue.string)).jsonText }

    var buttonsJSON: String {
        JSONValue.array(buttons.map { button in
            var object: [String: JSONValue] = ["type": .string(button.type), "text": .string(button.text)]
            if let payload = button.payload { object["payload"] = .string(payload) }
            return .object(object)
        }).jsonText
    }
}

import LooseJSON

/// An approved message template to send — the only kind of message allowed outside the 24-hour window.
///
/// Models the components Switchboard uses (reference §1.4): header and body parameters, quick-reply buttons whose
/// payload comes back in the user's `button` reply, and dynamic URL buttons. Parameter count and format must match
/// the approved template; Meta checks that (errors 132000, 132008, 132012), the client cannot.
public struct WhatsAppTemplate: Sendable, Hashable {
    public var name: String
    /// `en`, `en_US`, …: the template must be approved in exactly this language.
    public var languageCode: String
    public var headerParameters: [WhatsAppTemplateParameter]
    public var bodyParameters: [WhatsAppTemplateParameter]
    public var buttons: [WhatsAppTemplateButton]

    public init(name: String, languageCode: String, headerParameters: [WhatsAppTemplateParameter] = [], bodyParameters: [WhatsAppTemplateParameter] = [], buttons: [WhatsAppTemplateButton] = []) {
        self.name = name
        self.languageCode = languageCode
        self.headerParameters = headerParameters
        self.bodyParameters = bodyParameters
        self.buttons = buttons
    }

    var jsonObject: [String: JSONValue] {
        var components: [JSONValue] = []
        if !headerParameters.isEmpty {
            components.append(["type": "header", "parameters": .array(headerParameters.map(\.json))])
        }
        if !bodyParameters.isEmpty {
            components.append(["type": "body", "parameters": .array(bodyParameters.map(\.json))])
        }
        components.append(contentsOf: buttons.map(\.json))
        var object: [String: JSONValue] = ["name": .string(name), "language": ["code": .string(languageCode)]]
        if !components.isEmpty { object["components"] = .array(components) }
        return object
    }
}

/// One header or body parameter of a template (reference §1.4: `text`, `currency`, `date_time`, `image`, `document`, `video`).
public enum WhatsAppTemplateParameter: Sendable, Hashable {
    case text(String)
    /// `amount1000` is the amount times 1000 (`100990` for 100.99); `fallbackValue` is shown where localisation fails.
    case currency(fallbackValue: String, code: String, amount1000: Int64)
    case dateTime(fallbackValue: String)
    case image(WhatsAppMediaSource)
    case document(WhatsAppMediaSource, filename: String? = nil)
    case video(WhatsAppMediaSource)

    var json: JSONValue {
        switch self {
        case .text(let text):
            return ["type": "text", "text": .string(text)]
        case .currency(let fallback, let code, let amount):
            return ["type": "currency", "currency": ["fallback_value": .string(fallback), "code": .string(code), "amount_1000": .number(Double(amount))]]
        case .dateTime(let fallback):
            return ["type": "date_time", "date_time": ["fallback_value": .string(fallback)]]
        case .image(let source):
            return ["type": "image", "image": .object(source.jsonObject)]
        case .document(let source, let filename):
            var document = source.jsonObject
            if let filename { document["filename"] = .string(filename) }
            return ["type": "document", "document": .object(document)]
        case .video(let source):
            return ["type": "video", "video": .object(source.jsonObject)]
        }
    }
}

/// A parameter for one of the template's buttons, addressed by its position (`index`, sent as a string `"0"`…`"9"`).
public struct WhatsAppTemplateButton: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A quick-reply button: the payload comes back verbatim as `button.payload` when the user taps it.
        case quickReply(payload: String)
        /// A URL button with a dynamic suffix appended to the approved URL.
        case url(text: String)
    }

    public var index: Int
    public var kind: Kind

    public init(index: Int, kind: Kind) {
        self.index = index
        self.kind = kind
    }

    public static func quickReply(index: Int, payload: String) -> WhatsAppTemplateButton {
        WhatsAppTemplateButton(index: index, kind: .quickReply(payload: payload))
    }

    public static func url(index: Int, text: String) -> WhatsAppTemplateButton {
        WhatsAppTemplateButton(index: index, kind: .url(text: text))
    }

    var json: JSONValue {
        switch kind {
        case .quickReply(let payload):
            return ["type": "button", "sub_type": "quick_reply", "index": .string(String(index)), "parameters": [["type": "payload", "payload": .string(payload)]]]
        case .url(let text):
            return ["type": "button", "sub_type": "url", "index": .string(String(index)), "parameters": [["type": "text", "text": .string(text)]]]
        }
    }
}

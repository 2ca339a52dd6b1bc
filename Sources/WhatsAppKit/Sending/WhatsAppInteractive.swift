import LooseJSON

/// An interactive message — reply buttons or a list — that the user answers with one tap (only inside the 24-hour window).
///
/// The tapped button's or row's `id` comes back verbatim as `button_reply.id` / `list_reply.id`, so Switchboard puts
/// its request id there. ``WhatsAppInteractiveValidator`` checks Meta's limits (reference §1.7) before anything is sent.
public enum WhatsAppInteractive: Sendable, Hashable {
    case replyButtons(WhatsAppReplyButtons)
    case list(WhatsAppListMessage)

    var jsonObject: [String: JSONValue] {
        switch self {
        case .replyButtons(let message):
            var object = Self.frame(type: "button", header: message.header, body: message.body, footer: message.footer)
            object["action"] = ["buttons": .array(message.buttons.map { button -> JSONValue in ["type": "reply", "reply": ["id": .string(button.id), "title": .string(button.title)]] })]
            return object
        case .list(let message):
            var object = Self.frame(type: "list", header: message.header.map(WhatsAppInteractiveHeader.text), body: message.body, footer: message.footer)
            let sections: [JSONValue] = message.sections.map { section -> JSONValue in
                var json: [String: JSONValue] = ["rows": .array(section.rows.map { row -> JSONValue in
                    var rowJSON: [String: JSONValue] = ["id": .string(row.id), "title": .string(row.title)]
                    if let description = row.description { rowJSON["description"] = .string(description) }
                    return .object(rowJSON)
                })]
                if let title = section.title { json["title"] = .string(title) }
                return .object(json)
            }
            object["action"] = ["button": .string(message.buttonTitle), "sections": .array(sections)]
            return object
        }
    }

    private static func frame(type: String, header: WhatsAppInteractiveHeader?, body: String, footer: String?) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["type": .string(type), "body": ["text": .string(body)]]
        if let header { object["header"] = header.json }
        if let footer { object["footer"] = ["text": .string(footer)] }
        return object
    }
}

/// Up to three reply buttons under a body text.
public struct WhatsAppReplyButtons: Sendable, Hashable {
    public var header: WhatsAppInteractiveHeader?
    public var body: String
    public var footer: String?
    public var buttons: [WhatsAppReplyButton]

    public init(header: WhatsAppInteractiveHeader? = nil, body: String, footer: String? = nil, buttons: [WhatsAppReplyButton]) {
        self.header = header
        self.body = body
        self.footer = footer
        self.buttons = buttons
    }
}

/// One reply button: `id` is returned when tapped, `title` is its label.
public struct WhatsAppReplyButton: Sendable, Hashable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// A list message: a button that opens up to ten rows grouped in sections.
public struct WhatsAppListMessage: Sendable, Hashable {
    /// List headers are text only.
    public var header: String?
    public var body: String
    public var footer: String?
    /// The label of the button that opens the list.
    public var buttonTitle: String
    public var sections: [WhatsAppListSection]

    public init(header: String? = nil, body: String, footer: String? = nil, buttonTitle: String, sections: [WhatsAppListSection]) {
        self.header = header
        self.body = body
        self.footer = footer
        self.buttonTitle = buttonTitle
        self.sections = sections
    }
}

/// A titled group of list rows (the title is required when there is more than one section).
public struct WhatsAppListSection: Sendable, Hashable {
    public var title: String?
    public var rows: [WhatsAppListRow]

    public init(title: String? = nil, rows: [WhatsAppListRow]) {
        self.title = title
        self.rows = rows
    }
}

/// One choosable row: `id` is returned when chosen.
public struct WhatsAppListRow: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String?

    public init(id: String, title: String, description: String? = nil) {
        self.id = id
        self.title = title
        self.description = description
    }
}

/// The optional header of a reply-button message: text, or media (which should be a `link`, reference §1.7).
public enum WhatsAppInteractiveHeader: Sendable, Hashable {
    case text(String)
    case image(WhatsAppMediaSource)
    case video(WhatsAppMediaSource)
    case document(WhatsAppMediaSource)

    var json: JSONValue {
        switch self {
        case .text(let text): return ["type": "text", "text": .string(text)]
        case .image(let source): return ["type": "image", "image": .object(source.jsonObject)]
        case .video(let source): return ["type": "video", "video": .object(source.jsonObject)]
        case .document(let source): return ["type": "document", "document": .object(source.jsonObject)]
        }
    }
}

/// Enforces the interactive-message limits of reference §1.7 (spec `InteractiveObject`, `ActionObject`,
/// `SectionObject`) on reply-button and list messages; a breach is Graph error 131009 with Meta-style details.
enum InteractiveValidator {
    static func validate(_ interactive: JSONValue, into draft: inout SendDraft) throws(GraphError) {
        guard let type = interactive["type"]?.stringValue else {
            throw .requiredParameterMissing("The parameter interactive['type'] is required.")
        }
        guard type == "button" || type == "list" else {
            throw .invalidParameter("interactive.type must be \"button\" or \"list\" in the sandbox, got \"\(type)\"")
        }
        draft.interactiveType = type
        if let header = interactive["header"] {
            guard let headerType = header["type"]?.stringValue, ["text", "image", "video", "document"].contains(headerType) else {
                throw .invalidParameter("interactive.header.type must be one of text, image, video, document")
            }
            if headerType == "text" {
                try limit(header["text"], "Header text", max: 60, required: true)
            } else if type == "list" {
                throw .invalidValue("List messages only support a text header")
            }
        }
        guard let bodyText = interactive["body"]?["text"]?.stringValue else {
            throw .requiredParameterMissing("The parameter interactive['body']['text'] is required.")
        }
        try limit(.string(bodyText), "Body text", max: 1024, required: true)
        draft.body = bodyText
        if let footer = interactive["footer"] { try limit(footer["text"], "Footer text", max: 60, required: true) }
        guard let action = interactive["action"], action.objectValue != nil else {
            throw .requiredParameterMissing("The parameter interactive['action'] is required.")
        }
        draft.buttons = try type == "button" ? buttons(action) : rows(action)
    }

    private static func buttons(_ action: JSONValue) throws(GraphError) -> [WhatsAppMessageButton] {
        guard let buttons = action["buttons"]?.arrayValue else {
            throw .requiredParameterMissing("The parameter interactive['action']['buttons'] is required.")
        }
        guard (1...3).contains(buttons.count) else {
            throw .invalidValue("Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3")
        }
        var result: [WhatsAppMessageButton] = []
        for button in buttons {
            guard button["type"]?.stringValue == "reply" else { throw .invalidValue("Button type must be \"reply\"") }
            guard let id = button["reply"]?["id"]?.stringValue, let title = button["reply"]?["title"]?.stringValue else {
                throw .requiredParameterMissing("Each button needs reply.id and reply.title")
            }
            try identifier(id, "Button id", max: 256)
            try limit(.string(title), "Button title", max: 20, required: true)
            guard !result.contains(where: { $0.id == id }) else { throw .invalidValue("Duplicate button id \(id)") }
            guard !result.contains(where: { $0.title == title }) else {
                throw .invalidValue("Duplicate button title \(title). Button titles must be unique")
            }
            result.append(WhatsAppMessageButton(kind: .reply, id: id, title: title))
        }
        return result
    }

    private static func rows(_ action: JSONValue) throws(GraphError) -> [WhatsAppMessageButton] {
        guard let label = action["button"]?.stringValue else {
            throw .requiredParameterMissing("The parameter interactive['action']['button'] is required.")
        }
        try limit(.string(label), "Button label", max: 20, required: true)
        guard let sections = action["sections"]?.arrayValue else {
            throw .requiredParameterMissing("The parameter interactive['action']['sections'] is required.")
        }
        guard (1...10).contains(sections.count) else {
            throw .invalidValue("Invalid sections count. Min allowed sections: 1, Max allowed sections: 10")
        }
        var result: [WhatsAppMessageButton] = []
        for section in sections {
            if sections.count > 1 || section["title"] != nil {
                try limit(section["title"], "Section title", max: 24, required: sections.count > 1)
            }
            guard let rows = section["rows"]?.arrayValue, !rows.isEmpty else {
                throw .requiredParameterMissing("Each section needs at least one row")
            }
            for row in rows {
                guard let id = row["id"]?.stringValue, let title = row["title"]?.stringValue else {
                    throw .requiredParameterMissing("Each row needs id and title")
                }
                try identifier(id, "Row id", max: 200)
                try limit(.string(title), "Row title", max: 24, required: true)
                if row["description"] != nil { try limit(row["description"], "Row description", max: 72, required: true) }
                guard !result.contains(where: { $0.id == id }) else { throw .invalidValue("Duplicate row id \(id)") }
                result.append(WhatsAppMessageButton(kind: .listRow, id: id, title: title,
                                                    rowDescription: row["description"]?.stringValue))
            }
        }
        guard result.count <= 10 else {
            throw .invalidValue("Invalid rows count. Max allowed rows in total: 10, got \(result.count)")
        }
        return result
    }

    private static func limit(_ value: JSONValue?, _ what: String, max: Int, required: Bool) throws(GraphError) {
        guard let text = value?.stringValue else {
            if required { throw .requiredParameterMissing("\(what) is required") }
            return
        }
        guard !text.isEmpty, text.count <= max else {
            throw .invalidValue("\(what) length invalid. Min length: 1, Max length: \(max)")
        }
    }

    private static func identifier(_ id: String, _ what: String, max: Int) throws(GraphError) {
        guard !id.isEmpty, id.count <= max else { throw .invalidValue("\(what) length invalid. Min length: 1, Max length: \(max)") }
        guard id.first != " ", id.last != " " else { throw .invalidValue("\(what) must not start or end with a space") }
    }
}

/// The templates the sandbox's business account "has": keyed by name and language, changed by the Swift API and
/// `/_sandbox/templates`, consulted on every template send.
struct TemplateRegistry: Sendable {
    private(set) var templates: [WhatsAppTemplate]

    init(_ templates: [WhatsAppTemplate]) {
        self.templates = []
        for template in templates { upsert(template) }
    }

    /// Adds a template, replacing one with the same name and language.
    mutating func upsert(_ template: WhatsAppTemplate) {
        if let index = templates.firstIndex(where: { $0.name == template.name && $0.language == template.language }) {
            templates[index] = template
        } else {
            templates.append(template)
        }
    }

    /// Sets the status of `name` in `language`, or in every language when `nil`; the number of templates changed.
    @discardableResult
    mutating func setStatus(_ status: WhatsAppTemplate.Status, name: String, language: String?) -> Int {
        var changed = 0
        for index in templates.indices where templates[index].name == name && (language == nil || templates[index].language == language) {
            templates[index].status = status
            changed += 1
        }
        return changed
    }

    @discardableResult
    mutating func remove(name: String, language: String?) -> Int {
        let before = templates.count
        templates.removeAll { $0.name == name && (language == nil || $0.language == language) }
        return before - templates.count
    }

    /// The template a send may use, or the 132xxx error the real API gives.
    func sendable(name: String, language: String) -> Result<WhatsAppTemplate, GraphError> {
        guard let template = templates.first(where: { $0.name == name && $0.language == language }) else {
            return .failure(.templateMissing(name: name, language: language))
        }
        switch template.status {
        case .approved: return .success(template)
        case .paused: return .failure(.templatePaused(name))
        case .disabled: return .failure(.templateDisabled(name))
        case .pending, .rejected: return .failure(.templateMissing(name: name, language: language))
        }
    }
}

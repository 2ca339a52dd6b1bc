extension WhatsAppSandbox {
    /// The registry, in the order templates were added.
    public func templates() -> [WhatsAppTemplate] {
        services.state.withLock { $0.templates.templates }
    }

    /// Adds a template, or replaces the one with the same name and language (status as given, approved by default).
    public func createTemplate(_ template: WhatsAppTemplate) {
        services.state.withLock { $0.templates.upsert(template) }
    }

    /// Sets the status of a template in one language, or in all when `language` is `nil`; returns how many changed.
    @discardableResult
    public func setTemplateStatus(_ name: String, language: String? = nil, to status: WhatsAppTemplate.Status) -> Int {
        services.state.withLock { $0.templates.setStatus(status, name: name, language: language) }
    }

    @discardableResult
    public func approveTemplate(_ name: String, language: String? = nil) -> Int {
        setTemplateStatus(name, language: language, to: .approved)
    }

    @discardableResult
    public func pauseTemplate(_ name: String, language: String? = nil) -> Int {
        setTemplateStatus(name, language: language, to: .paused)
    }

    @discardableResult
    public func disableTemplate(_ name: String, language: String? = nil) -> Int {
        setTemplateStatus(name, language: language, to: .disabled)
    }

    @discardableResult
    public func deleteTemplate(_ name: String, language: String? = nil) -> Int {
        services.state.withLock { $0.templates.remove(name: name, language: language) }
    }
}

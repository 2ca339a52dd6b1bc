import Foundation
import SQLKit
import SwitchboardCore

/// The WhatsApp template registry (see ``RegisteredTemplate``), one entry per name and language.
extension StoreSession {
    /// Add the template or replace the stored copy of it.
    public func upsertTemplate(_ template: RegisteredTemplate) async throws {
        try await run("""
            INSERT INTO wa_templates (name, language, category, body, body_params, buttons, status, updated_at)
            VALUES (\(bind: template.name), \(bind: template.language), \(bind: template.category), \(SQLValue.text(template.body)),
                    \(bind: template.bodyParametersJSON), \(bind: template.buttonsJSON), \(bind: template.status.rawValue), \(bind: template.updatedAt))
            ON CONFLICT (name, language) DO UPDATE SET category = excluded.category, body = excluded.body, body_params = excluded.body_params,
                buttons = excluded.buttons, status = excluded.status, updated_at = excluded.updated_at
            """)
    }

    /// Change a template's status (Meta's `message_template_status_update` webhook, or by hand). False when there is no
    /// such template.
    @discardableResult
    public func setTemplateStatus(name: String, language: String, status: TemplateStatus, at time: Int64) async throws -> Bool {
        try await !rows("""
            UPDATE wa_templates SET status = \(bind: status.rawValue), updated_at = \(bind: time)
            WHERE name = \(bind: name) AND language = \(bind: language) RETURNING name
            """).isEmpty
    }

    public func template(name: String, language: String) async throws -> RegisteredTemplate? {
        try await rows("SELECT * FROM wa_templates WHERE name = \(bind: name) AND language = \(bind: language)").first.map(RegisteredTemplate.init(row:))
    }

    /// The approved template with this name in the first of `languages` it exists in (say the contact's `en_GB`,
    /// then the publisher's `en`); `nil` when none is approved.
    public func approvedTemplate(name: String, languages: [String]) async throws -> RegisteredTemplate? {
        guard !languages.isEmpty else { return nil }
        let found = try await rows("""
            SELECT * FROM wa_templates WHERE name = \(bind: name) AND status = \(bind: TemplateStatus.approved.rawValue) AND language IN (\(binds: languages))
            """).map(RegisteredTemplate.init(row:))
        for language in languages {
            if let template = found.first(where: { $0.language == language }) { return template }
        }
        return nil
    }

    /// Every template, by name and language, optionally only those with one status.
    public func templates(status: TemplateStatus? = nil) async throws -> [RegisteredTemplate] {
        var query: SQLQueryString = "SELECT * FROM wa_templates"
        if let status { query += " WHERE status = \(bind: status.rawValue)" }
        query += " ORDER BY name, language"
        return try await rows(query).map(RegisteredTemplate.init(row:))
    }
}

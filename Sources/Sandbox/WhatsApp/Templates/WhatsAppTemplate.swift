/// A message template as the sandbox's registry knows it: what Meta would have approved for the business.
///
/// Outside the 24-hour window only templates can be sent, so a client's template calls must match the registry
/// exactly — name, language, the number of header and body parameters, the quick-reply buttons — or fail with the
/// 132xxx errors the real API gives.
public struct WhatsAppTemplate: Sendable, Equatable {
    /// Review state, named as Meta's template API spells it.
    public enum Status: String, Sendable, CaseIterable {
        case approved = "APPROVED"
        case pending = "PENDING"
        case rejected = "REJECTED"
        case paused = "PAUSED"
        case disabled = "DISABLED"
    }

    public var name: String
    /// `language.code` it is approved in (`en_US`, `en`, …).
    public var language: String
    /// Pricing category: `utility`, `marketing` or `authentication`.
    public var category: String
    /// Header text, `{{1}}` marking a parameter; `nil` when the template has no text header.
    public var header: String?
    /// Body text with `{{1}}`, `{{2}}`, … placeholders.
    public var body: String
    /// Labels of the quick-reply buttons, in order (at most 10).
    public var quickReplies: [String]
    public var status: Status

    public init(name: String, language: String = "en_US", category: String = "utility", header: String? = nil,
                body: String, quickReplies: [String] = [], status: Status = .approved) {
        self.name = name
        self.language = language
        self.category = category
        self.header = header
        self.body = body
        self.quickReplies = quickReplies
        self.status = status
    }

    /// Parameters the body needs: the highest `{{n}}` placeholder.
    public var bodyParameterCount: Int { Self.placeholderCount(body) }

    /// Parameters the header needs.
    public var headerParameterCount: Int { header.map(Self.placeholderCount) ?? 0 }

    /// The body with placeholders replaced by `parameters` (missing ones left as they are).
    public func renderBody(_ parameters: [String]) -> String {
        Self.render(body, parameters)
    }

    static func render(_ text: String, _ parameters: [String]) -> String {
        var result = text
        for (index, value) in parameters.enumerated().reversed() {
            result = result.replacingOccurrences(of: "{{\(index + 1)}}", with: value)
        }
        return result
    }

    static func placeholderCount(_ text: String) -> Int {
        var highest = 0
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            if let number = Int(rest[..<close.lowerBound]) { highest = max(highest, number) }
            rest = rest[close.upperBound...]
        }
        return highest
    }
}

extension WhatsAppTemplate {
    /// Approved `en_US` utility templates a publisher would plausibly have, so flows can notify authors and
    /// agents out of the 24-hour window. Listed in docs/sandbox.md.
    public static let publishingDefaults: [WhatsAppTemplate] = [
        WhatsAppTemplate(name: "stage_update",
                         body: "Update on {{1}}: it has moved to {{2}}."),
        WhatsAppTemplate(name: "rights_approval_request", header: "Rights request",
                         body: "{{1}} would like to license the {{2}} rights of {{3}}. Do you approve?",
                         quickReplies: ["Approve", "Decline", "Ask a question"]),
        WhatsAppTemplate(name: "deadline_reminder",
                         body: "Reminder: {{1}} for {{2}} is due on {{3}}."),
        WhatsAppTemplate(name: "metadata_confirmation",
                         body: "Please check the metadata of {{1}}: {{2}}. Is it correct?",
                         quickReplies: ["Confirm", "Correct"]),
        WhatsAppTemplate(name: "launch_ready",
                         body: "{{1}} is ready to launch on {{2}}."),
        WhatsAppTemplate(name: "royalty_statement_ready",
                         body: "Your royalty statement for {{1}} ({{2}}) is ready.",
                         quickReplies: ["Acknowledge", "Payment issue"]),
        WhatsAppTemplate(name: "title_blocked",
                         body: "{{1}} is blocked: {{2}}.",
                         quickReplies: ["Acknowledge"]),
        WhatsAppTemplate(name: "switchboard_notice", body: "{{1}}"),
    ]
}

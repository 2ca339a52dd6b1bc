import Foundation
import SwitchboardCore
import SwitchboardStore

/// The rules every WhatsApp send passes before anything is recorded or sent, as a pure decision so they can be
/// tested without a network, a clock or a database.
///
/// In order: a contact who is not in the directory or opted out is skipped (a reason, not an error); a template
/// must be approved in the registry (else a permanent error naming it — a flow's configuration is wrong);
/// business-initiated messages (templates) need an opt-in; free-form messages (text, buttons) may only go inside the
/// contact's 24-hour customer service window, less the connection's safety margin — outside it the fallback
/// template is sent when one is configured, else the message is skipped with the reason.
public struct SendPolicy: Sendable, Equatable {
    /// Seconds before the window's real close at which it counts as closed.
    public var windowMargin: Int64

    public init(windowMargin: Int64 = ConversationWindow.defaultMargin) {
        self.windowMargin = max(0, windowMargin)
    }

    /// A template a send asks for, with what the registry holds for it.
    public struct TemplateChoice: Sendable, Equatable {
        public var name: String
        /// The languages tried, in order.
        public var languages: [String]
        /// The first approved registration in one of `languages`, if any.
        public var approved: RegisteredTemplate?
        /// Every registration of the name (any status), for the error message.
        public var registered: [RegisteredTemplate]

        public init(name: String, languages: [String], approved: RegisteredTemplate?, registered: [RegisteredTemplate] = []) {
            self.name = name
            self.languages = languages
            self.approved = approved
            self.registered = registered
        }
    }

    /// What the step wants to send.
    public enum Content: Sendable, Equatable {
        case template(TemplateChoice)
        /// Text or interactive content, allowed only inside the window; `fallback` is sent outside it.
        case freeForm(fallback: TemplateChoice?)
    }

    /// What to do.
    public enum Decision: Sendable, Equatable {
        case sendFreeForm
        case sendTemplate(RegisteredTemplate, isFallback: Bool)
        case skip(String)

        public var skipReason: String? {
            if case .skip(let reason) = self { return reason }
            return nil
        }
    }

    /// Decide for a contact with `consent` (`nil`: not in the directory) whose last message arrived at `lastInboundAt`.
    public func decide(_ content: Content, consent: ContactConsent?, lastInboundAt: Int64?, now: Int64) throws(SendPolicyError) -> Decision {
        guard let consent else { return .skip("the recipient is not in the contacts directory, so no opt-in is recorded") }
        if consent.isOptedOut { return .skip(ConsentDecision.optedOut(reason: consent.optOutReason).description) }
        let windowOpen = ConversationWindow(lastInboundAt: lastInboundAt).isOpen(at: now, margin: windowMargin)
        switch content {
        case .template(let choice):
            let template = try Self.approved(choice)
            let consentDecision = consent.decision(for: .notification, windowOpen: windowOpen)
            guard consentDecision.isAllowed else { return .skip(consentDecision.description) }
            return .sendTemplate(template, isFallback: false)
        case .freeForm(let fallback):
            if windowOpen {
                let consentDecision = consent.decision(for: .reply, windowOpen: true)
                guard consentDecision.isAllowed else { return .skip(consentDecision.description) }
                return .sendFreeForm
            }
            guard let fallback else { return .skip(Self.windowClosedReason(lastInboundAt: lastInboundAt) + " and no fallback_template is configured") }
            let template = try Self.approved(fallback)
            let consentDecision = consent.decision(for: .notification, windowOpen: false)
            guard consentDecision.isAllowed else { return .skip(Self.windowClosedReason(lastInboundAt: lastInboundAt) + " and " + consentDecision.description) }
            return .sendTemplate(template, isFallback: true)
        }
    }

    /// The approved registration, or the error that says what the registry holds instead.
    public static func approved(_ choice: TemplateChoice) throws(SendPolicyError) -> RegisteredTemplate {
        if let approved = choice.approved { return approved }
        throw SendPolicyError(template: choice.name, languages: choice.languages,
                              registered: choice.registered.map { ($0.language, $0.status) }.sorted { $0.0 < $1.0 })
    }

    static func windowClosedReason(lastInboundAt: Int64?) -> String {
        guard let lastInboundAt else { return "the contact has never messaged, so the 24-hour window is closed" }
        let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(lastInboundAt)))
        return "the 24-hour window is closed (the contact last wrote at \(stamp))"
    }
}

/// A flow asked for a template the registry does not hold as approved: retrying cannot help until someone registers
/// or approves it (`switchboard templates set NAME --status approved`).
public struct SendPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var template: String
    public var languages: [String]
    /// The registrations of the name that exist, with their status.
    public var registered: [(String, TemplateStatus)]

    public init(template: String, languages: [String], registered: [(String, TemplateStatus)]) {
        self.template = template
        self.languages = languages
        self.registered = registered
    }

    public static func == (lhs: SendPolicyError, rhs: SendPolicyError) -> Bool {
        lhs.template == rhs.template && lhs.languages == rhs.languages && lhs.registered.map(\.0) == rhs.registered.map(\.0)
            && lhs.registered.map(\.1) == rhs.registered.map(\.1)
    }

    public var description: String {
        let found = registered.isEmpty ? "it is not registered" : "registered as " + registered.map { "\($0.0) \($0.1.rawValue)" }.joined(separator: ", ")
        return "WhatsApp template \"\(template)\" is not approved in \(languages.joined(separator: "/")) (\(found)); register or approve it with: switchboard templates set \(template) --language \(languages.first ?? "en_US") --status approved"
    }
}

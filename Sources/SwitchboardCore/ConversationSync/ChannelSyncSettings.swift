import Foundation
import LooseJSON

/// How one messaging channel's conversations are synchronised into Zendesk tickets. It exists because every rule of
/// the connector (when a conversation syncs, where the customer comes from, what may leave the channel) is chosen per
/// channel by the operator, and the same value must be readable by the API, the CLI and the sync engine.
public struct ChannelSyncSettings: Sendable, Equatable {
    /// When a conversation becomes a ticket.
    public enum Mode: String, Sendable, CaseIterable {
        /// Mode 1: once the contact is associated with a Zendesk customer and a human advisor has replied.
        case advisorReply = "advisor_reply"
        /// Mode 2: as soon as the conversation is routed to the configured team (customer found or created by email).
        case teamRouting = "team_routing"
    }

    public var channel: String
    /// Off: nothing of this channel is synchronised (the reason says so).
    public var enabled: Bool = true
    public var mode: Mode = .advisorReply
    /// The social network shown as the origin (`instagram`, `x`, `whatsapp`…); the channel name by default.
    public var network: String
    /// The Zendesk connection tickets go to.
    public var zendeskConnection: String = "default"
    /// Mode 2: the team whose routing triggers the sync.
    public var team: String?
    /// Mode 2: where the customer's email is read, as a path in the conversation's data (`contact.email`, `data.email`).
    public var emailField: String?
    /// Mode 2: keep updating the ticket after it is created (on by default). Off: every new customer message opens a
    /// new ticket and nothing else touches existing tickets.
    public var continueAfterTicketCreation: Bool = true
    /// Content rules: what may not be sent to a third party such as Zendesk.
    public var forbidNames: Bool = false
    public var forbidContent: Bool = false
    public var forbidAttachments: Bool = false
    /// X/Twitter only: the brand has a direct contract with X, which lifts X's ban on passing content to third parties.
    public var directContract: Bool = false
    /// Zendesk user field key → path in the conversation's data, written when Switchboard creates a customer.
    public var userFields: [String: String] = [:]
    /// WhatsApp only: the approved template an agent's reply (from Zendesk or the API) is sent as when the contact's
    /// 24-hour window is closed; nil: such a reply is not sent and the ticket gets an internal note saying why.
    public var replyTemplate: String?
    /// The language of `replyTemplate` (nil: the contact's language, then en_US and en).
    public var replyTemplateLanguage: String?

    public init(channel: String) {
        self.channel = channel
        self.network = channel
    }

    /// X (Twitter) forbids passing names, content and attachments to third parties without a direct contract.
    public var isXWithoutContract: Bool { ["x", "twitter"].contains(network.lowercased()) && !directContract }

    /// The content rules in force, X's rule included.
    public var effectiveForbidNames: Bool { forbidNames || isXWithoutContract }
    public var effectiveForbidContent: Bool { forbidContent || isXWithoutContract }
    public var effectiveForbidAttachments: Bool { forbidAttachments || isXWithoutContract }

    public var json: JSONValue {
        .object([
            "channel": .string(channel), "enabled": .bool(enabled), "mode": .string(mode.rawValue), "network": .string(network),
            "zendesk_connection": .string(zendeskConnection), "team": team.map(JSONValue.string) ?? .null,
            "email_field": emailField.map(JSONValue.string) ?? .null, "continue_after_ticket_creation": .bool(continueAfterTicketCreation),
            "content_rules": .object(["forbid_names": .bool(forbidNames), "forbid_content": .bool(forbidContent), "forbid_attachments": .bool(forbidAttachments)]),
            "direct_contract": .bool(directContract),
            "effective_rules": .object(["forbid_names": .bool(effectiveForbidNames), "forbid_content": .bool(effectiveForbidContent),
                                        "forbid_attachments": .bool(effectiveForbidAttachments)]),
            "user_fields": .object(userFields.mapValues(JSONValue.string)),
            "reply_template": replyTemplate.map(JSONValue.string) ?? .null, "reply_template_language": replyTemplateLanguage.map(JSONValue.string) ?? .null,
        ])
    }

    /// Apply the fields present in `json` (a full value or a partial update) over these settings.
    public func updated(with json: JSONValue) throws(ChannelSyncSettingsError) -> ChannelSyncSettings {
        guard case .object(let fields) = json else { throw .init("the settings must be a JSON object") }
        var next = self
        let known: Set<String> = ["channel", "enabled", "mode", "network", "zendesk_connection", "team", "email_field", "continue_after_ticket_creation",
                                  "content_rules", "forbid_names", "forbid_content", "forbid_attachments", "direct_contract", "user_fields", "effective_rules",
                                  "reply_template", "reply_template_language"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw .init("unknown setting \"\(unknown)\"; settings: \(known.subtracting(["channel", "effective_rules"]).sorted().joined(separator: ", "))")
        }
        func bool(_ key: String, _ value: JSONValue?) throws(ChannelSyncSettingsError) -> Bool? {
            guard let value, value != .null else { return nil }
            guard case .bool(let flag) = value else { throw .init("\(key) must be true or false") }
            return flag
        }
        func text(_ key: String, _ value: JSONValue?) throws(ChannelSyncSettingsError) -> String?? {
            guard let value else { return .none }
            if value == .null { return .some(nil) }
            guard case .string(let string) = value else { throw .init("\(key) must be a string or null") }
            return .some(string.isEmpty ? nil : string)
        }
        if let value = try bool("enabled", fields["enabled"]) { next.enabled = value }
        if let mode = fields["mode"], mode != .null {
            guard let name = mode.stringValue, let parsed = Mode(rawValue: name) ?? (name == "1" ? .advisorReply : name == "2" ? .teamRouting : nil) else {
                throw .init("mode must be advisor_reply (mode 1) or team_routing (mode 2)")
            }
            next.mode = parsed
        }
        if case .some(let value) = try text("network", fields["network"]) { next.network = value ?? channel }
        if case .some(let value) = try text("zendesk_connection", fields["zendesk_connection"]) { next.zendeskConnection = value ?? "default" }
        if case .some(let value) = try text("team", fields["team"]) { next.team = value }
        if case .some(let value) = try text("email_field", fields["email_field"]) { next.emailField = value }
        if let value = try bool("continue_after_ticket_creation", fields["continue_after_ticket_creation"]) { next.continueAfterTicketCreation = value }
        let rules = fields["content_rules"] ?? .object([:])
        if let value = try bool("forbid_names", fields["forbid_names"] ?? rules["forbid_names"]) { next.forbidNames = value }
        if let value = try bool("forbid_content", fields["forbid_content"] ?? rules["forbid_content"]) { next.forbidContent = value }
        if let value = try bool("forbid_attachments", fields["forbid_attachments"] ?? rules["forbid_attachments"]) { next.forbidAttachments = value }
        if let value = try bool("direct_contract", fields["direct_contract"]) { next.directContract = value }
        if case .some(let value) = try text("reply_template", fields["reply_template"]) { next.replyTemplate = value }
        if case .some(let value) = try text("reply_template_language", fields["reply_template_language"]) { next.replyTemplateLanguage = value }
        if let map = fields["user_fields"], map != .null {
            guard case .object(let entries) = map else { throw .init("user_fields must map Zendesk user field keys to conversation data paths") }
            var mapped: [String: String] = [:]
            for (key, value) in entries {
                guard let path = value.stringValue, !path.isEmpty else { throw .init("user_fields.\(key) must be a conversation data path such as data.loyalty_id") }
                mapped[key.hasPrefix("user_fields.") ? String(key.dropFirst("user_fields.".count)) : key] = path
            }
            next.userFields = mapped
        }
        return next
    }

    /// Settings stored as JSON text; unreadable text gives the defaults.
    public static func stored(channel: String, json: JSONValue?) -> ChannelSyncSettings {
        guard let json else { return ChannelSyncSettings(channel: channel) }
        return (try? ChannelSyncSettings(channel: channel).updated(with: json)) ?? ChannelSyncSettings(channel: channel)
    }
}

/// A channel setting that cannot be accepted, with a message for the operator.
public struct ChannelSyncSettingsError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

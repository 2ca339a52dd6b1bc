import Foundation

/// The text Switchboard writes into Zendesk for a conversation, with the channel's content rules applied. Pure, so
/// the exact ticket a conversation produces can be stated in tests and docs.
public struct ConversationSyncContent: Sendable {
    public var settings: ChannelSyncSettings
    /// The contact's name as the channel gave it.
    public var contactName: String?
    public var contactHandle: String

    public init(settings: ChannelSyncSettings, contactName: String?, contactHandle: String) {
        self.settings = settings
        self.contactName = contactName
        self.contactHandle = contactHandle
    }

    /// The customer as named in Zendesk: their name, unless the channel forbids passing names on.
    public var customerLabel: String {
        settings.effectiveForbidNames ? "Customer" : (contactName?.isEmpty == false ? contactName! : contactHandle)
    }

    public func subject(account: String) -> String {
        "\(Self.networkLabel(settings.network)) conversation with \(customerLabel) (\(account))"
    }

    /// `Customer: hello` — one message as a comment body.
    public func body(_ message: ConversationSyncMessage) -> String {
        var text = "\(label(message)): \(message.text)"
        if !message.attachments.isEmpty {
            if settings.effectiveForbidAttachments {
                text += "\n[\(message.attachments.count) attachment(s) not transferred: channel \(settings.channel) forbids sending attachments to third parties]"
            } else {
                text += "\n" + message.attachments.map { "Attachment: \($0.name.map { "\($0) " } ?? "")\($0.url)" }.joined(separator: "\n")
            }
        }
        return text
    }

    /// The ticket's first comment: every message so far, in order, one paragraph each.
    public func transcript(_ messages: [ConversationSyncMessage]) -> String {
        messages.map(body).joined(separator: "\n\n")
    }

    /// The internal comment with the context: where the last message is in Switchboard, and the origin.
    public static func contextComment(lastMessageURL: String, network: String, account: String) -> String {
        "Synchronised by Switchboard.\nLast message: \(lastMessageURL)\nOrigin: \(networkLabel(network)), account \(account)"
    }

    private func label(_ message: ConversationSyncMessage) -> String {
        switch message.author {
        case .customer: return customerLabel
        case .advisor: return settings.effectiveForbidNames ? "Advisor" : "Advisor" + (message.authorName.map { " \($0)" } ?? "")
        case .bot: return "Bot"
        }
    }

    public static func networkLabel(_ network: String) -> String {
        switch network.lowercased() {
        case "x", "twitter": return "X"
        case "whatsapp": return "WhatsApp"
        case "instagram": return "Instagram"
        case "facebook", "messenger": return "Facebook"
        case "webchat", "web_chat", "chat": return "Web chat"
        default: return network.prefix(1).uppercased() + network.dropFirst()
        }
    }
}

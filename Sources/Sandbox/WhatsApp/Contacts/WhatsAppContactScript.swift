import Foundation

/// A rule that makes a simulated contact answer the business on its own — "when Ana receives a message with buttons,
/// tap Approve after 50 ms" — so approval conversations run end to end without a test driving each reply.
///
/// Scripts fire when a business message to the contact is delivered; the reply carries `context {from, id}` naming
/// that message, and opens the contact's service window like any inbound message.
public struct WhatsAppContactScript: Sendable, Equatable {
    /// Which business messages the script reacts to.
    public enum Trigger: Sendable, Equatable {
        /// Any message the contact can tap: reply buttons, a list, or a template with quick replies.
        case buttons
        /// Messages whose body contains the text (case-insensitive).
        case textContaining(String)
        /// Every message.
        case anyMessage
    }

    /// What the contact answers.
    public enum Reply: Sendable, Equatable {
        /// Tap the button, row or quick reply whose id, payload or title equals the value.
        case tap(String)
        /// Tap the button, row or quick reply at this position (0-based).
        case tapIndex(Int)
        /// Write a text.
        case text(String)
    }

    public var id: String
    public var waID: String
    public var trigger: Trigger
    public var reply: Reply
    public var delay: Duration
    /// Remove the script once it has fired.
    public var once: Bool

    public init(id: String = UUID().uuidString, waID: String, trigger: Trigger, reply: Reply,
                delay: Duration = .milliseconds(20), once: Bool = false) {
        self.id = id
        self.waID = waID
        self.trigger = trigger
        self.reply = reply
        self.delay = delay
        self.once = once
    }

    func matches(_ message: WhatsAppSentMessage) -> Bool {
        guard message.waID == waID else { return false }
        switch trigger {
        case .anyMessage: return true
        case .buttons: return !message.buttons.isEmpty
        case .textContaining(let text): return message.body?.localizedCaseInsensitiveContains(text) ?? false
        }
    }

    /// The inbound content answering `message`, or `nil` when the button named is not on it.
    func content(answering message: WhatsAppSentMessage) -> WhatsAppInboundContent? {
        let button: WhatsAppMessageButton?
        switch reply {
        case .text(let text): return .text(text)
        case .tap(let value): button = message.buttons.first { $0.id == value || $0.title == value }
        case .tapIndex(let index): button = message.buttons.indices.contains(index) ? message.buttons[index] : nil
        }
        guard let button else { return nil }
        switch button.kind {
        case .reply: return .buttonReply(id: button.id, title: button.title)
        case .listRow: return .listReply(id: button.id, title: button.title, description: button.rowDescription)
        case .quickReply: return .templateButton(payload: button.id, text: button.title)
        }
    }
}

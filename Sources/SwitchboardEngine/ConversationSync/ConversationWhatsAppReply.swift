import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// Sends an advisor's or agent's reply to the contact of a WhatsApp conversation through the ordinary WhatsApp send
/// path (``WhatsAppSender``), so consent, the 24-hour window, pacing and message records apply exactly as for any
/// flow's message: free-form text inside the window; outside it the channel's `reply_template` (approved, and only
/// for an opted-in contact); otherwise nothing is sent and the reason is returned.
///
/// Exists because a reply has two origins (a public comment in Zendesk, a reply through the admin API) that must
/// behave the same, each sent once under its own idempotency key.
struct ConversationWhatsAppReply: Sendable {
    let context: ActionContext
    let action: String

    /// What became of a reply.
    struct Result: Sendable {
        var outcome: SendOutcome?
        /// Why nothing was sent (a skip by the send rules, or a permanent refusal).
        var notSent: String?
        /// The template it went as, when the window was closed.
        var template: String? { outcome?.record?.kind == "template" ? outcome?.record?.templateName : nil }

        var sent: Bool { notSent == nil && outcome.map { $0.status == .sent || $0.status == .alreadySent } == true }
    }

    /// The idempotency key of a conversation message's WhatsApp send: one per message, whichever run sends it.
    static func key(conversationID: String, sequence: Int64) -> String { "conversation-reply:\(conversationID):m\(sequence)" }

    /// Send `text` to the contact of `conversation` (channel `whatsapp`, conversation `<connection>:<wa_id>`).
    /// Transient failures are thrown (the step retries); everything else is a result.
    func send(_ text: String, conversation: SyncedConversation, sequence: Int64, settings: ChannelSyncSettings) async throws -> Result {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return Result(notSent: "the reply is empty") }
        guard body.count <= WhatsAppOutboundMessage.maxTextLength else {
            return Result(notSent: "the reply is \(body.count) characters; WhatsApp allows \(WhatsAppOutboundMessage.maxTextLength)")
        }
        let waID = conversation.contactHandle.hasPrefix("+") ? String(conversation.contactHandle.dropFirst()) : conversation.contactHandle
        let phone: PhoneNumber
        do { phone = try PhoneNumber(waID: waID) } catch { return Result(notSent: "the contact \(conversation.contactHandle) is not a WhatsApp number: \(error.description)") }
        do {
            let sender = try await WhatsAppSender.make(.object(["connection": .string(conversation.account), "correlation": .string("conversation:\(conversation.id)")]),
                                                       context: context, action: action)
            let contact = try await directoryContact(phone: phone, waID: waID, name: conversation.contactName)
            let fallback = try await replyTemplate(settings, text: body, contact: contact)
            let message = FreeFormMessage(content: .text(body: body, previewURL: false), kind: "text", body: body, replyOptions: [])
            let outcome = try await sender.deliver(to: contact, address: phone.e164, key: Self.key(conversationID: conversation.id, sequence: sequence),
                                                   template: nil, freeForm: message, fallback: fallback)
            guard outcome.status != .skipped else {
                var reason = outcome.reason ?? "skipped"
                if reason.hasSuffix(" and no fallback_template is configured") {
                    reason = String(reason.dropLast(" and no fallback_template is configured".count))
                        + " and channel \(settings.channel) has no reply_template configured"
                }
                return Result(outcome: outcome, notSent: reason)
            }
            return Result(outcome: outcome)
        } catch let error as ActionError where error.isPermanent {
            return Result(notSent: error.description)
        }
    }

    /// The contact in the directory, added (without an opt-in) when only their messages are known: a person who wrote
    /// to the business may be answered inside their window, and the directory is where the send rules read consent and
    /// the window from. The window is brought up to their latest recorded WhatsApp message.
    private func directoryContact(phone: PhoneNumber, waID: String, name: String?) async throws -> MessagingContact? {
        let now = Int64(Date().timeIntervalSince1970)
        return try await context.store.transaction { session -> MessagingContact? in
            var contact = try await session.contact(waID: waID)
            if contact == nil { contact = try await session.contact(phone: phone) }
            if contact == nil {
                contact = try await session.upsertContact(ContactDetails(name: name ?? phone.e164, phone: phone, waID: waID), now: now).contact
            }
            guard let found = contact else { return nil }
            if let latest = try await session.conversationWindow(waID: waID).lastInboundAt {
                try await session.recordInboundActivity(contactID: found.id, at: latest)
            }
            return try await session.contact(id: found.id)
        }
    }

    /// The channel's `reply_template` as a fallback: its one body parameter, if it declares one, receives the reply.
    private func replyTemplate(_ settings: ChannelSyncSettings, text: String, contact: MessagingContact?) async throws -> TemplateCall? {
        guard let name = settings.replyTemplate else { return nil }
        var call = TemplateCall(name: name, language: settings.replyTemplateLanguage, bodyParams: [], quickReplies: nil)
        let languages = call.languages(for: contact)
        let registered = try await context.store.session { try await $0.approvedTemplate(name: name, languages: languages) }
        if let count = registered?.bodyParameters.count, count > 0 {
            // Template parameters may not hold line breaks, tabs or long runs of spaces.
            let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            call.bodyParams = [String(flat.prefix(1000))] + Array(repeating: "-", count: count - 1)
        }
        return call
    }
}

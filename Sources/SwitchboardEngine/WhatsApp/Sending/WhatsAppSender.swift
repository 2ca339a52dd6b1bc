import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// Sends one WhatsApp message for a flow step exactly once: checks ``SendPolicy``, paces the send, records the
/// message under the step's idempotency key *before* sending, attaches the `wamid` after, and maps Cloud API errors
/// to retryable or permanent step failures.
///
/// A retried step finds its record: with a `wamid` it is returned without sending; refused by the Cloud API (a
/// definite error) the next attempt sends under the next key (`key#2`, `key#3`…); recorded but unresolved (the
/// process died mid-send, or the outcome was unknown) it is never resent blindly — the step fails permanently
/// so a person can check.
struct WhatsAppSender: Sendable {
    let context: ActionContext
    let action: String
    let connection: String
    let client: WhatsAppClient
    let settings: WhatsAppConnectionSettings
    let correlation: String?
    var pacer: WhatsAppSendPacer = .shared
    /// Set by a fan-out step so the registry is read once per language list instead of once per person.
    var templateChoices: TemplateChoiceCache?
    var clock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    static let maximumSlots = 20

    /// The sender for the step's `connection` (default `whatsapp`); a node without WhatsApp clients fails permanently.
    static func make(_ input: JSONValue, context: ActionContext, action: String) async throws -> WhatsAppSender {
        guard let pool = context.whatsapp else {
            throw ActionError.permanent("\(action): this node has no WhatsApp connections (connect one with: switchboard connect whatsapp)", response: nil)
        }
        let connection = input.optionalText("connection") ?? "whatsapp"
        let client = try await pool.client(for: connection)
        return WhatsAppSender(context: context, action: action, connection: connection, client: client,
                              settings: try await pool.settings(for: connection), correlation: input.optionalText("correlation"))
    }

    var policy: SendPolicy { SendPolicy(windowMargin: settings.windowSafetyMarginSeconds) }

    /// Who `to` names: a directory contact (by id, or by number), or a number outside the directory.
    func recipient(_ to: String) async throws -> (contact: MessagingContact?, to: String) {
        let text = to.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("wac_") {
            guard let contact = try await context.store.session({ try await $0.contact(id: text) }) else {
                throw ActionError.permanent("\(action): no WhatsApp contact \(text)", response: nil)
            }
            return (contact, contact.phone.e164)
        }
        let phone: PhoneNumber
        do { phone = try PhoneNumber(parsing: text) } catch {
            throw ActionError.permanent("\(action): parameter to must be a contact id (wac_…) or an E.164 number: \(error.description)", response: nil)
        }
        return (try await context.store.session { try await $0.contact(phone: phone) }, phone.e164)
    }

    /// What the registry holds for a template call and contact.
    func choice(_ call: TemplateCall, contact: MessagingContact?) async throws -> SendPolicy.TemplateChoice {
        let languages = call.languages(for: contact)
        let lookup = { [context] in
            try await context.store.session { session in
                let approved = try await session.approvedTemplate(name: call.name, languages: languages)
                let registered = try await session.templates().filter { $0.name == call.name }
                return SendPolicy.TemplateChoice(name: call.name, languages: languages, approved: approved, registered: registered)
            }
        }
        guard let templateChoices else { return try await lookup() }
        return try await templateChoices.choice(name: call.name, languages: languages, lookup: lookup)
    }

    /// Send `message` (a template, or free-form with an optional fallback template) to `contact` under `key`.
    func deliver(to contact: MessagingContact?, address: String, key: String, template: TemplateCall?, freeForm: FreeFormMessage? = nil,
                 fallback: TemplateCall? = nil, defaultQuickReplies: [String] = []) async throws -> SendOutcome {
        var slot = try await freeSlot(key)
        if let sent = slot.sent { return SendOutcome(status: .alreadySent, record: sent, contactID: sent.contactID, to: address, fallback: sent.kind == "template" && freeForm != nil) }
        let content: SendPolicy.Content
        if let template {
            content = .template(try await choice(template, contact: contact))
        } else {
            var fallbackChoice: SendPolicy.TemplateChoice?
            if let fallback { fallbackChoice = try await choice(fallback, contact: contact) }
            content = .freeForm(fallback: fallbackChoice)
        }
        let decision = try decide(content, contact: contact, lastInboundAt: contact?.lastInboundAt)
        do {
            return try await carryOut(decision, to: contact, address: address, key: key, slot: &slot, freeForm: freeForm, template: template,
                                      fallback: fallback, defaultQuickReplies: defaultQuickReplies)
        } catch let withdrawn as ConsentWithdrawn {
            return SendOutcome(status: .skipped, reason: withdrawn.reason, contactID: contact?.id, to: address)
        }
    }

    /// Send what ``SendPolicy`` decided.
    private func carryOut(_ decision: SendPolicy.Decision, to contact: MessagingContact?, address: String, key: String, slot: inout (key: String, sent: MessageRecord?),
                          freeForm: FreeFormMessage?, template: TemplateCall?, fallback: TemplateCall?, defaultQuickReplies: [String]) async throws -> SendOutcome {
        switch decision {
        case .skip(let reason):
            return SendOutcome(status: .skipped, reason: reason, contactID: contact?.id, to: address)
        case .sendFreeForm:
            guard let contact, let freeForm else { return SendOutcome(status: .skipped, reason: "nothing to send", contactID: contact?.id, to: address) }
            do {
                let record = try await send(freeForm.content, kind: freeForm.kind, body: freeForm.body, replies: freeForm.replyOptions, template: nil,
                                            contact: contact, key: slot.key, fallback: fallback?.stored)
                return SendOutcome(status: .sent, record: record, contactID: contact.id, to: address)
            } catch WindowClosedAtMeta.closed {
                // 131047: Meta's window closed before ours did; resend as the fallback template under the next key.
                guard let fallback else { throw ActionError.permanent("\(action): the contact's 24-hour window is closed (131047) and no fallback_template is configured", response: nil) }
                slot = try await freeSlot(key)
                let choice = try await choice(fallback, contact: contact)
                let retried = try decide(.freeForm(fallback: choice), contact: contact, lastInboundAt: nil)
                guard case .sendTemplate(let registered, _) = retried else {
                    return SendOutcome(status: .skipped, reason: retried.skipReason, contactID: contact.id, to: address)
                }
                return try await sendTemplate(fallback, registered: registered, contact: contact, key: slot.key, address: address, fallback: true,
                                              defaultQuickReplies: defaultQuickReplies)
            }
        case .sendTemplate(let registered, let isFallback):
            guard let contact, let call = isFallback ? fallback : template else { return SendOutcome(status: .skipped, reason: "nothing to send", contactID: contact?.id, to: address) }
            return try await sendTemplate(call, registered: registered, contact: contact, key: slot.key, address: address, fallback: isFallback,
                                          defaultQuickReplies: defaultQuickReplies)
        }
    }

    private func sendTemplate(_ call: TemplateCall, registered: RegisteredTemplate, contact: MessagingContact, key: String, address: String, fallback: Bool,
                              defaultQuickReplies: [String]) async throws -> SendOutcome {
        let (message, replies) = try call.message(for: registered, defaultQuickReplies: defaultQuickReplies)
        do {
            let record = try await send(.template(message), kind: "template", body: call.renderedBody(registered), replies: replies, template: registered,
                                        contact: contact, key: key)
            return SendOutcome(status: .sent, record: record, contactID: contact.id, to: address, fallback: fallback)
        } catch WindowClosedAtMeta.closed {
            throw ActionError.permanent("\(action): the Cloud API refused template \(registered.name) with 131047 (window closed), which templates are exempt from", response: nil)
        }
    }

    /// ``SendPolicy`` for this connection; an unapproved template is a permanent step error.
    private func decide(_ content: SendPolicy.Content, contact: MessagingContact?, lastInboundAt: Int64?) throws -> SendPolicy.Decision {
        do {
            return try policy.decide(content, consent: contact?.consent, lastInboundAt: lastInboundAt, now: clock())
        } catch {
            throw ActionError.permanent("\(action): \(error.description)", response: nil)
        }
    }

    /// The first key of `key`, `key#2`… whose message was not refused: with the message when it was already sent.
    private func freeSlot(_ key: String) async throws -> (key: String, sent: MessageRecord?) {
        for index in 1...Self.maximumSlots {
            let candidate = index == 1 ? key : "\(key)#\(index)"
            guard let existing = try await context.store.session({ try await $0.whatsAppMessage(idempotencyKey: candidate) }) else { return (candidate, nil) }
            if existing.wamid != nil { return (candidate, existing) }
            if existing.status == .failed, let error = existing.error, error.title != WhatsAppSendFailure.outcomeUnknownTitle { continue }
            throw ActionError.permanent("\(action): an earlier attempt recorded message \(existing.id) to \(existing.waID ?? "?") but never learned whether WhatsApp accepted it; it is not resent automatically so the person is not messaged twice", response: nil)
        }
        throw ActionError.permanent("\(action): WhatsApp refused this message \(Self.maximumSlots) times; giving up", response: nil)
    }

    /// 131047 from the Cloud API, handled by the caller (resend as the fallback template).
    enum WindowClosedAtMeta: Error { case closed }

    /// The contact opted out after the send was decided (while it waited for its pacing slot, or during a long
    /// notify step): nothing is recorded or sent, and the send is reported as skipped.
    struct ConsentWithdrawn: Error {
        var reason: String
    }

    /// Pace, check consent again, record (with the fallback template a later 131047 would resend it as), send, attach
    /// the `wamid`; on failure record it and throw the step's error.
    private func send(_ content: WhatsAppOutboundMessage.Content, kind: String, body: String?, replies: [String], template: RegisteredTemplate?,
                      contact: MessagingContact, key: String, fallback: MessageFallbackTemplate? = nil) async throws -> MessageRecord {
        let recipient = contact.recipientID
        try await pacer.waitForSlot(connection: connection, recipient: recipient, messagesPerSecond: settings.messagesPerSecond,
                                    pairSpacingSeconds: settings.pairSpacingSeconds)
        if let consent = try await context.store.session({ try await $0.currentConsent(contactID: contact.id) }), consent.isOptedOut {
            throw ConsentWithdrawn(reason: ConsentDecision.optedOut(reason: consent.optOutReason).description)
        }
        let now = clock()
        var draft = MessageRecord(connection: connection, contactID: contact.id, waID: recipient, direction: .outbound, kind: kind,
                                  templateName: template?.name, templateLanguage: template?.language, body: body, replyOptions: replies,
                                  correlation: correlation, runID: context.runID, stepKey: "\(context.stepIndex)", idempotencyKey: key, createdAt: now)
        let outbound = WhatsAppOutboundMessage(to: recipient, content: content, callbackData: draft.id)
        draft.payload = outbound.json
        let (record, created) = try await context.store.session { [draft] in try await $0.recordOutboundMessage(draft) }
        if created, let fallback { try await context.store.session { try await $0.setMessageFallback(messageID: record.id, fallback) } }
        guard created else {
            if record.wamid != nil { return record }
            throw ActionError.permanent("\(action): message \(record.id) was recorded by a concurrent attempt; not sending it twice", response: nil)
        }
        do {
            try await pacer.waitToSend(connection: connection, messagesPerSecond: settings.messagesPerSecond)
        } catch {
            // Stopped (the node is shutting down) before sending: definitely not sent, so the retry may use the next key.
            _ = try? await context.store.session { try await $0.recordSendFailure(messageID: record.id, error: Self.notSent, at: now) }
            throw error
        }
        let result: WhatsAppSendResult
        do {
            result = try await client.send(outbound)
        } catch let error as WhatsAppValidationError {
            _ = try? await context.store.session { try await $0.recordSendFailure(messageID: record.id, error: MessageDeliveryError(code: nil, title: "invalid message", details: error.description), at: now) }
            throw ActionError.permanent("\(action): \(error.description)", response: nil)
        } catch let error as WhatsAppError {
            _ = try? await context.store.session { try await $0.recordSendFailure(messageID: record.id, error: WhatsAppSendFailure.deliveryError(error), at: now) }
            let (holdConnection, holdRecipient) = WhatsAppSendFailure.holdBack(error)
            if let holdConnection { await pacer.holdConnection(connection, until: Date().addingTimeInterval(holdConnection.seconds)) }
            if let holdRecipient { await pacer.holdRecipient(recipient, connection: connection, until: Date().addingTimeInterval(holdRecipient.seconds)) }
            switch WhatsAppSendFailure.handling(of: error, hasFallback: template == nil) {
            case .retry(let failure), .fail(let failure), .outcomeUnknown(let failure): throw Self.prefixed(failure, action)
            case .resendAsTemplate: throw WindowClosedAtMeta.closed
            }
        }
        context.sent(action)
        let attached = try await context.store.session { session -> MessageRecord? in
            if contact.waID == nil, let waID = result.waID { try await session.setContactWaID(id: contact.id, waID: waID, now: now) }
            return try await session.attachWamid(messageID: record.id, wamid: result.messageID, waID: result.waID, at: now)
        }
        return attached ?? record
    }

    /// Recorded on a message whose send was stopped before its HTTP call.
    static let notSent = MessageDeliveryError(code: nil, title: "not sent", details: "the step stopped before the message was sent")

    static func prefixed(_ error: ActionError, _ action: String) -> ActionError {
        switch error {
        case .permanent(let text, let response): .permanent("\(action): \(text)", response: response)
        case .transient(let text, let response): .transient("\(action): \(text)", response: response)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

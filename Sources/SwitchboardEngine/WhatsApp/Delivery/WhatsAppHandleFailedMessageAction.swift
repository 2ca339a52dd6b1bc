import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// `whatsapp.handle_failed_message`: delivery tracking for a message WhatsApp accepted and later reported `failed`,
/// used by a flow triggered on the `whatsapp` event `message.failed` with `message_id: "{{message.id}}"`.
///
/// When the error is recoverable (``FailedMessageRecovery``) the message is resent as a template — the one it was
/// (a template), else the `fallback_template` its step named (kept with the message), else the step's own
/// `template` — to the same contact, through ``WhatsAppSender`` (consent, opt-in, approval, pacing) under a key derived
/// from the failed message, so a `message.failed` reported twice, or handled by two flows, resends it once. Otherwise
/// the message is dead-lettered with its request body, the error and WhatsApp's status report, for `switchboard
/// deadletters show/replay`. A contact who opted out is never resent to, and nobody is alerted about them.
///
/// The output's `outcome` (`retried_as_template`, `dead_lettered`, `ignored`) lets the flow's next step tell the
/// message's owner only when the message was given up on.
struct WhatsAppHandleFailedMessageAction: FlowAction {
    let name = "whatsapp.handle_failed_message"

    /// The idempotency key of the resend of failed message `messageID` (the sender adds `#2`… after refusals).
    static func resendKey(_ messageID: String) -> String { "whatsapp.resend:\(messageID)" }

    /// True for a message that was itself a resend or a replay: its failure is not resent again.
    static func isResend(_ record: MessageRecord) -> Bool {
        guard let key = record.idempotencyKey else { return false }
        return key.hasPrefix("whatsapp.resend:") || key.hasPrefix(WhatsAppMessageReplay.keyPrefix)
    }

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let reference = try input.text("message_id")
        let given = try TemplateCall.read(input)
        guard let record = try await context.store.session({ session -> MessageRecord? in
            if let found = try await session.whatsAppMessage(wamid: reference) { return found }
            return try await session.whatsAppMessage(id: reference)
        }), record.direction == .outbound else {
            return FailedMessageOutcome(kind: .ignored, reason: "no message \(reference) sent by Switchboard is recorded").json
        }
        guard record.status == .failed else {
            return FailedMessageOutcome(kind: .ignored, reason: "the message is \(record.status.rawValue), not failed", failed: record).json
        }
        let (contact, stored, existing) = try await context.store.session { session in
            var contact: MessagingContact?
            if let id = record.contactID { contact = try await session.contact(id: id) }
            return (contact, try await session.messageFallback(messageID: record.id), try await session.messageDeadLetter(messageID: record.id))
        }
        if let contact, contact.consent.isOptedOut {
            return FailedMessageOutcome(kind: .ignored, reason: "the contact opted out, so the message is not resent", failed: record).json
        }
        if let existing {
            return FailedMessageOutcome(kind: .deadLettered, reason: "the message was dead-lettered before", failed: record, deadLetterID: existing.id).json
        }
        let code = try record.error?.code ?? input.optionalInteger("error_code")
        // The template it is resent (or replayed) as: the template it was, else its step's fallback, else this step's.
        let resendTemplate = SentMessageContent.templateCall(record.kind == "template" ? record.payload : nil)
            ?? stored.map(SentMessageContent.templateCall) ?? given
        switch FailedMessageRecovery.decide(code: code.map { Int($0) }, kind: record.kind, isResend: Self.isResend(record)) {
        case .deadLetter(let reason):
            return try await deadLetter(record, reason: reason, resendTemplate: resendTemplate, context: context)
        case .resendAsTemplate(let reason):
            guard let call = resendTemplate else {
                return try await deadLetter(record, reason: "\(reason), but no template is known to resend it as: give this step a template, or the sending step a fallback_template",
                                            resendTemplate: nil, context: context)
            }
            guard let contact else {
                return try await deadLetter(record, reason: "\(reason), but the recipient is not in the contacts directory", resendTemplate: call, context: context)
            }
            let sender = try await sender(input, record: record, context: context)
            let resent: SendOutcome
            do {
                resent = try await sender.deliver(to: contact, address: contact.phone.e164, key: Self.resendKey(record.id), template: call,
                                                  defaultQuickReplies: record.replyOptions)
            } catch let error as ActionError where error.isPermanent {
                // Another run handling the same failure (a second flow) may hold the resend: then it is resent, once.
                if let other = try await context.store.session({ try await $0.whatsAppMessage(idempotencyKey: Self.resendKey(record.id)) }), other.status != .failed {
                    let resent = SendOutcome(status: .alreadySent, record: other, contactID: contact.id, to: contact.phone.e164)
                    return FailedMessageOutcome(kind: .retriedAsTemplate, reason: reason, failed: record, resendTemplate: call.name, resent: resent).json
                }
                return try await deadLetter(record, reason: "\(reason), but resending it as template \(call.name) failed: \(error.description)",
                                            resendTemplate: call, context: context)
            }
            if resent.status == .skipped {
                let consent = try await context.store.session { try await $0.currentConsent(contactID: contact.id) }
                if consent?.isOptedOut == true {
                    return FailedMessageOutcome(kind: .ignored, reason: "the contact opted out, so the message is not resent", failed: record).json
                }
                return try await deadLetter(record, reason: "\(reason), but it could not be resent: \(resent.reason ?? "skipped")", resendTemplate: call, context: context)
            }
            return FailedMessageOutcome(kind: .retriedAsTemplate, reason: reason, failed: record, resendTemplate: call.name, resent: resent).json
        }
    }

    /// The sender for the resend: the step's `connection` and `correlation`, else the failed message's.
    private func sender(_ input: JSONValue, record: MessageRecord, context: ActionContext) async throws -> WhatsAppSender {
        guard let pool = context.whatsapp else {
            throw ActionError.permanent("\(name): this node has no WhatsApp connections (connect one with: switchboard connect whatsapp)", response: nil)
        }
        let connection = input.optionalText("connection") ?? record.connection
        return WhatsAppSender(context: context, action: name, connection: connection, client: try await pool.client(for: connection),
                              settings: try await pool.settings(for: connection), correlation: input.optionalText("correlation") ?? record.correlation)
    }

    /// Keep the message as a dead letter (one per message) with WhatsApp's `failed` report as the remote response.
    private func deadLetter(_ record: MessageRecord, reason: String, resendTemplate: TemplateCall?, context: ActionContext) async throws -> JSONValue {
        let payload = MessageDeadLetterPayload.make(record, reason: reason, resendTemplate: resendTemplate)
        let error = MessageDeadLetterPayload.errorLine(record, reason: reason)
        let action = name
        let letter = try await context.store.transaction { session in
            var report: String?
            if let wamid = record.wamid { report = try await session.statusEvents(wamid: wamid).last { $0.status == "failed" }?.raw }
            return try await session.deadLetterMessage(id: UUID().uuidString.lowercased(), messageID: record.id, runID: context.runID, flow: context.flow,
                                                       action: action, payload: payload, error: error, response: report,
                                                       now: Int64(Date().timeIntervalSince1970)).letter
        }
        context.logger.warning("WhatsApp message dead-lettered", metadata: ["message": "\(record.id)", "flow": "\(context.flow)", "reason": "\(reason)"])
        return FailedMessageOutcome(kind: .deadLettered, reason: reason, failed: record, resendTemplate: resendTemplate?.name, deadLetterID: letter.id).json
    }
}

import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// The records and flow events of one verified WhatsApp webhook, applied inside one store transaction by
/// ``WhatsAppWebhookIngest``.
///
/// Event external ids: `message.received` is the `wamid`; `reply.received` is `wamid:reply`; `contact.opted_out` is
/// `wamid:opted_out`; `message.status` is `wamid:status`; `message.failed` is `wamid:failed:alert`. A redelivered
/// message or status is recognised by the store first and produces nothing.
struct WhatsAppWebhookBatch: Sendable {
    let connection: String
    let keys: WhatsAppWebhookKeys
    let runtime: FlowRuntime
    let now: Date
    let inbound: [WhatsAppInboundEvent]
    let statuses: [WhatsAppStatusEvent]
    let skippedForOtherNumbers: [String]

    init(connection: String, keys: WhatsAppWebhookKeys, webhook: WhatsAppWebhook, runtime: FlowRuntime, now: Date) {
        self.connection = connection
        self.keys = keys
        self.runtime = runtime
        self.now = now
        var skipped: [String] = []
        func ours(_ phoneNumberID: String?, _ what: String) -> Bool {
            guard let expected = keys.phoneNumberID, let phoneNumberID, phoneNumberID != expected else { return true }
            skipped.append("\(what): for phone number id \(phoneNumberID), not this connection's \(expected)")
            return false
        }
        self.inbound = webhook.inboundMessages.filter { ours($0.phoneNumberID, "message \($0.message.id)") }
        self.statuses = webhook.statusUpdates.filter { ours($0.phoneNumberID, "status of \($0.status.id)") }
        self.skippedForOtherNumbers = skipped
    }

    func apply(in session: StoreSession) async throws -> WhatsAppWebhookSummary {
        var summary = WhatsAppWebhookSummary()
        for event in inbound { try await receive(event, in: session, summary: &summary) }
        for event in statuses { try await update(event, in: session, summary: &summary) }
        return summary
    }

    private func receive(_ event: WhatsAppInboundEvent, in session: StoreSession, summary: inout WhatsAppWebhookSummary) async throws {
        let message = event.message
        let time = Int64(message.timestamp.timeIntervalSince1970)
        let record = MessageRecord(wamid: message.id, connection: connection, waID: message.from, direction: .inbound, kind: message.type,
                                   body: message.textContent, payload: message.raw, replyID: message.replyIdentifier,
                                   contextWamid: message.contextMessageID, createdAt: time, updatedAt: Int64(now.timeIntervalSince1970))
        let (stored, created) = try await session.recordInboundMessage(record)
        guard created else {
            summary.duplicates += 1
            return
        }
        summary.messages += 1
        var contact = try await stored.contactID.asyncMap { try await session.contact(id: $0) } ?? nil
        if let found = contact, found.waID == nil {
            try await session.setContactWaID(id: found.id, waID: message.from, now: time)
            contact?.waID = message.from
        }
        if keys.optOutKeywords.matches(message) {
            if let found = contact {
                contact = try await session.optOutContact(id: found.id, reason: "replied \"\(message.textContent ?? "STOP")\" on WhatsApp", at: time) ?? found
            }
            summary.optOuts += 1
            let context = WhatsAppEventContext.inbound(connection: connection, event: event, contact: contact, answered: nil)
            try await ingest("contact.opted_out", externalID: message.id + ":opted_out", at: message.timestamp, context: context, in: session, summary: &summary)
            return
        }
        try await ConversationSyncWhatsApp.record(connection: connection, waID: message.from, name: contact?.name ?? event.contactName, messageID: message.id,
                                                  kind: message.type, text: message.textContent, at: time, in: session, runtime: runtime)
        let answered: MessageRecord?
        if message.reply != nil {
            answered = try await session.outboundMessage(answeredBy: stored)
        } else if let context = message.contextMessageID, let quoted = try await session.whatsAppMessage(wamid: context), quoted.direction == .outbound {
            answered = quoted
        } else {
            answered = nil
        }
        // A request still waiting for this person's answer is answered by their reply; free text that quotes nothing
        // answers the request they were most recently sent.
        var correlation = answered?.correlation
        if answered == nil, message.reply == nil, message.contextMessageID == nil, let waiting = try await session.openFollowUp(answerableBy: message.from, contactID: contact?.id, at: time) {
            correlation = waiting.key
        }
        if let correlation {
            try await session.answerFollowUp(key: correlation, answer: message.replyIdentifier ?? message.textContent, by: contact?.id ?? message.from, at: time)
        }
        let context = WhatsAppEventContext.inbound(connection: connection, event: event, contact: contact, answered: answered, correlation: correlation)
        try await ingest("message.received", externalID: message.id, at: message.timestamp, context: context, in: session, summary: &summary)
        if message.reply != nil {
            try await ingest("reply.received", externalID: message.id + ":reply", at: message.timestamp, context: context, in: session, summary: &summary)
        }
    }

    private func update(_ event: WhatsAppStatusEvent, in session: StoreSession, summary: inout WhatsAppWebhookSummary) async throws {
        let status = event.status
        let error = status.errors.first.map { MessageDeliveryError(code: $0.code.map(Int64.init), title: $0.title ?? $0.message, details: $0.details) }
        let applied = try await session.applyStatusEvent(
            MessageStatusEvent(wamid: status.id, status: status.status.rawValue, at: Int64(status.timestamp.timeIntervalSince1970), error: error,
                               raw: status.raw.jsonText),
            receivedAt: Int64(now.timeIntervalSince1970))
        let record: MessageRecord?
        switch applied {
        case .duplicate:
            summary.duplicates += 1
            return
        case .applied(let message), .stale(let message): record = message
        case .unrecognisedStatus: record = try await session.whatsAppMessage(wamid: status.id)
        case .unknownMessage:
            // The send may have attached this wamid concurrently, after the store looked and before it could see this
            // (uncommitted) status: replaying the message's statuses here applies it instead of losing it.
            if let found = try await session.whatsAppMessage(wamid: status.id) {
                record = try await session.attachWamid(messageID: found.id, wamid: status.id, at: Int64(now.timeIntervalSince1970)) ?? found
            } else if let id = status.callbackData, let sent = try await session.whatsAppMessage(id: id), sent.direction == .outbound, sent.wamid == nil {
                // The send reached WhatsApp but its answer never reached us (the process died, the connection dropped):
                // the status carries our message id back in biz_opaque_callback_data, which settles that it was sent,
                // so a retried step finds it sent instead of failing for a person to check.
                record = try await session.attachWamid(messageID: sent.id, wamid: status.id, waID: status.recipientID, at: Int64(now.timeIntervalSince1970)) ?? sent
            } else {
                record = nil
            }
        }
        summary.statuses += 1
        let context = WhatsAppEventContext.status(connection: connection, event: event, record: record)
        let state = MessageDeliveryState(webhookStatus: status.status.rawValue)?.rawValue ?? status.status.rawValue
        try await ingest("message.status", externalID: "\(status.id):\(state)", at: status.timestamp, context: context, in: session, summary: &summary)
        if status.status == .failed {
            try await ingest("message.failed", externalID: "\(status.id):failed:alert", at: status.timestamp, context: context, in: session, summary: &summary)
        }
    }

    private func ingest(_ type: String, externalID: String, at time: Date, context: JSONValue, in session: StoreSession,
                        summary: inout WhatsAppWebhookSummary) async throws {
        let event = Event(source: "whatsapp", type: type, externalID: externalID, connection: connection, occurredAt: time, context: context)
        if case .accepted(_, let runs) = try await runtime.ingest(event, in: session, now: now) {
            summary.events += 1
            summary.runs += runs.count
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

import ConnectorKit
import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// Replays a WhatsApp message's dead letter by sending the message again, now, from the process that asks
/// (`switchboard deadletters replay`, or the admin API) — after someone fixed the cause (the number is on WhatsApp
/// again, the template is approved, a day has passed since 131049).
///
/// The message goes through ``WhatsAppSender`` like any send: a contact who opted out meanwhile is skipped, and the
/// 24-hour window decides the form — a template is resent as that template; a text or buttons message goes as it was
/// inside the window and as the template the dead letter names outside it (else it is not resent, with the reason).
/// Its idempotency key is derived from the dead letter, so two replays racing (CLI and API) send it once. A replay
/// that did not send leaves the dead letter open, to replay again.
public struct WhatsAppMessageReplay: Sendable {
    /// Idempotency keys of replayed messages start with this (see ``WhatsAppHandleFailedMessageAction/isResend(_:)``).
    static let keyPrefix = "whatsapp.replay:"

    /// What a replay did.
    public enum Outcome: Sendable, Equatable {
        /// Sent (or found sent by an earlier replay) as message `messageID`; the dead letter is marked replayed.
        case resent(messageID: String, wamid: String?, template: String?)
        /// Not sent, and why; the dead letter stays open.
        case notResent(String)
    }

    public let store: Store
    public let whatsapp: WhatsAppClientPool
    public let logger: Logger

    public init(store: Store, whatsapp: WhatsAppClientPool, logger: Logger = Logger(label: "switchboard.whatsapp.replay")) {
        self.store = store
        self.whatsapp = whatsapp
        self.logger = logger
    }

    public func replay(_ letter: DeadLetterRecord) async throws -> Outcome {
        guard letter.isWhatsAppMessage, let messageID = letter.messageID else { return .notResent("dead letter \(letter.id) is not a WhatsApp message's") }
        guard letter.replayedAt == nil else { return .notResent("dead letter \(letter.id) was already replayed") }
        let (record, contact) = try await store.session { session -> (MessageRecord?, MessagingContact?) in
            guard let record = try await session.whatsAppMessage(id: messageID) else { return (nil, nil) }
            var contact: MessagingContact?
            if let id = record.contactID { contact = try await session.contact(id: id) }
            return (record, contact)
        }
        guard let record else { return .notResent("message \(messageID) is no longer recorded") }
        guard let contact else { return .notResent("the recipient of message \(messageID) is no longer in the contacts directory") }
        let resendTemplate = MessageDeadLetterPayload.resendTemplate(letter.payload)
        let sender = try await sender(for: record, letter: letter)
        let outcome: SendOutcome
        do {
            if record.kind == "template" {
                guard let call = SentMessageContent.templateCall(record.payload) else { return .notResent("the template message \(messageID) cannot be read back") }
                outcome = try await sender.deliver(to: contact, address: contact.phone.e164, key: Self.keyPrefix + letter.id, template: call)
            } else {
                guard let message = SentMessageContent.freeForm(record.payload) else {
                    return .notResent("a \(record.kind) message cannot be replayed (only templates, text and reply buttons)")
                }
                outcome = try await sender.deliver(to: contact, address: contact.phone.e164, key: Self.keyPrefix + letter.id, template: nil, freeForm: message,
                                                   fallback: resendTemplate, defaultQuickReplies: message.replyOptions)
            }
        } catch let error as ActionError {
            return .notResent(error.description)
        }
        guard outcome.status != .skipped, let sent = outcome.record else { return .notResent(outcome.reason ?? "skipped") }
        _ = try await store.session { try await $0.markMessageDeadLetterReplayed(id: letter.id, at: Int64(Date().timeIntervalSince1970)) }
        logger.info("WhatsApp message replayed", metadata: ["dead_letter": "\(letter.id)", "message": "\(sent.id)"])
        return .resent(messageID: sent.id, wamid: sent.wamid, template: sent.templateName)
    }

    /// A sender acting for the dead letter's run (its messages are recorded under it), with no Zendesk access.
    private func sender(for record: MessageRecord, letter: DeadLetterRecord) async throws -> WhatsAppSender {
        let context = ActionContext(runID: letter.runID, flow: letter.flow, stepIndex: 0, stepID: "replay", eventConnection: record.connection, store: store,
                                    zendesk: ZendeskClientPool(store: store, secrets: nil, transport: NoTransport()), whatsapp: whatsapp,
                                    failPoints: .none, logger: logger, previousAttemptMayHaveSent: false)
        return WhatsAppSender(context: context, action: "deadletters replay", connection: record.connection, client: try await whatsapp.client(for: record.connection),
                              settings: try await whatsapp.settings(for: record.connection), correlation: record.correlation)
    }
}

/// A replay talks to WhatsApp only; the Zendesk pool an action context needs never gets a connection.
private struct NoTransport: HTTPTransport {
    func send(_ request: OutboundRequest) async throws -> InboundResponse {
        throw ActionError.permanent("a WhatsApp replay does not call \(request.url)", response: nil)
    }
}
